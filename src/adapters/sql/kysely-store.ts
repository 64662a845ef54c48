// The Store over kysely: one class for SQLite now and PostgreSQL later. It holds no SQL of its
// own — accounts.ts, wallet.ts, catalog.ts and hands.ts do — and its job is to wrap every driver
// failure in a port error (keeping `cause`) so callers never branch on SQLite or pg messages.

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { PortError, UnavailableError } from '../../ports/errors.js';
import type {
  Account,
  ConservationAudit,
  HandHistory,
  HandPage,
  LedgerEntry,
  NewAccount,
  Store,
  TableRecord,
  TransferResult,
} from '../../ports/store.js';
import * as accounts from './accounts.js';
import * as catalog from './catalog.js';
import { HandBatch } from './hand-batch.js';
import * as hands from './hands.js';
import { migrateStore } from './migrations/index.js';
import type { SqlDialect, StoreSchema } from './schema.js';
import * as wallet from './wallet.js';

export interface KyselyStoreOptions {
  /** Milliseconds since the epoch for createdAt/closedAt (default Date.now). */
  readonly now?: () => number;
  /** New account ids (default crypto.randomUUID). */
  readonly newId?: () => string;
  /**
   * How long a finished hand waits for others to share its transaction (default 50 ms; 0: the
   * next event-loop turn). See hand-batch.ts.
   */
  readonly handBatchMs?: number;
}

const DEFAULT_HAND_BATCH_MS = 50;

async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PortError || error instanceof RangeError || error instanceof TypeError) throw error;
    throw new UnavailableError(`store ${what} failed`, { cause: error });
  }
}

export class KyselyStore implements Store {
  private readonly clock: accounts.Clock;
  private readonly handBatch: HandBatch;

  /** Wraps a Kysely instance whose schema is already migrated; see KyselyStore.open. */
  constructor(
    private readonly db: Kysely<StoreSchema>,
    options: KyselyStoreOptions = {},
  ) {
    this.clock = { now: options.now ?? Date.now, newId: options.newId ?? randomUUID };
    this.handBatch = new HandBatch(
      (batch) => hands.saveHands(this.db, batch),
      options.handBatchMs ?? DEFAULT_HAND_BATCH_MS,
    );
  }

  /** Migrates the schema to the latest version, then wraps `db`. The store owns `db` from now on. */
  static async open(
    db: Kysely<StoreSchema>,
    dialect: SqlDialect,
    options: KyselyStoreOptions & { readonly schema?: string } = {},
  ): Promise<KyselyStore> {
    await migrateStore(db as Kysely<unknown>, dialect, options.schema);
    return new KyselyStore(db, options);
  }

  createAccount(account: NewAccount): Promise<Account> {
    return guard('createAccount', () => accounts.createAccount(this.db, this.clock, account));
  }

  getAccount(id: string): Promise<Account | null> {
    return guard('getAccount', () => accounts.getAccount(this.db, id));
  }

  findCredentials(username: string): Promise<{ account: Account; passwordHash: string } | null> {
    return guard('findCredentials', () => accounts.findCredentials(this.db, username));
  }

  balance(accountId: string): Promise<number> {
    return guard('balance', () => wallet.balance(this.db, accountId));
  }

  grant(requestId: string, accountId: string, amount: number): Promise<TransferResult> {
    return guard('grant', () =>
      wallet.transfer(this.db, this.clock.now, {
        requestId,
        accountId,
        kind: 'grant',
        amount,
        tableId: null,
      }),
    );
  }

  buyIn(requestId: string, accountId: string, tableId: string, amount: number): Promise<TransferResult> {
    return guard('buyIn', () =>
      wallet.transfer(this.db, this.clock.now, { requestId, accountId, kind: 'buy_in', amount, tableId }),
    );
  }

  cashOut(requestId: string, accountId: string, tableId: string, amount: number): Promise<TransferResult> {
    return guard('cashOut', () =>
      wallet.transfer(this.db, this.clock.now, { requestId, accountId, kind: 'cash_out', amount, tableId }),
    );
  }

  entries(accountId: string, limit: number, beforeId?: number): Promise<LedgerEntry[]> {
    return guard('entries', () => wallet.entries(this.db, accountId, limit, beforeId));
  }

  audit(): Promise<ConservationAudit> {
    return guard('audit', () => wallet.audit(this.db));
  }

  ping(): Promise<void> {
    return guard('ping', async () => {
      await sql`SELECT 1`.execute(this.db);
    });
  }

  createTable(table: Omit<TableRecord, 'createdAt' | 'closedAt'>): Promise<TableRecord> {
    return guard('createTable', () => catalog.createTable(this.db, this.clock.now, table));
  }

  getTable(id: string): Promise<TableRecord | null> {
    return guard('getTable', () => catalog.getTable(this.db, id));
  }

  openTables(): Promise<TableRecord[]> {
    return guard('openTables', () => catalog.openTables(this.db));
  }

  closeTable(id: string): Promise<void> {
    return guard('closeTable', () => catalog.closeTable(this.db, this.clock.now, id));
  }

  saveHand(hand: HandHistory): Promise<void> {
    return guard('saveHand', () => this.handBatch.save(hand));
  }

  handsOf(accountId: string, page: HandPage): Promise<HandHistory[]> {
    return guard('handsOf', () => hands.handsOf(this.db, accountId, page));
  }

  handsAt(
    tableId: string,
    page: { readonly limit: number; readonly before?: number },
  ): Promise<HandHistory[]> {
    return guard('handsAt', () => hands.handsAt(this.db, tableId, page));
  }

  hand(tableId: string, hand: number): Promise<HandHistory | null> {
    return guard('hand', () => hands.hand(this.db, tableId, hand));
  }

  close(): Promise<void> {
    return guard('close', async () => {
      await this.handBatch.flush();
      await this.db.destroy();
    });
  }
}
