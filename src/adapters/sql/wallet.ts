// The wallet ledger. Each transfer is one transaction: a replay check on the request id, a
// conditional balance update (the WHERE clause, not a read-then-write, is what stops two
// concurrent buy-ins from overdrawing — on PostgreSQL as on SQLite), then the ledger row.

import { sql, type Kysely, type Selectable } from 'kysely';
import { ConflictError, InsufficientFundsError, NotFoundError } from '../../ports/errors.js';
import type { ConservationAudit, LedgerEntry, LedgerKind, TransferResult } from '../../ports/store.js';
import { int, toLedgerEntry } from './rows.js';
import type { LedgerTable, StoreSchema } from './schema.js';

export interface Transfer {
  readonly requestId: string;
  readonly accountId: string;
  readonly kind: LedgerKind;
  readonly amount: number;
  readonly tableId: string | null;
}

function checkTransfer(t: Transfer): void {
  if (typeof t.requestId !== 'string' || t.requestId.length === 0)
    throw new RangeError('requestId must be non-empty');
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0) {
    throw new RangeError(`amount must be a positive integer number of chips, got ${t.amount}`);
  }
  if ((t.kind === 'grant') !== (t.tableId === null))
    throw new RangeError(`${t.kind} ${t.tableId === null ? 'needs' : 'takes no'} table id`);
}

function tableOf(t: Transfer): string {
  if (t.tableId === null) throw new RangeError(`${t.kind} needs a table id`);
  return t.tableId;
}

/** The original result of an already-applied request, or ConflictError if it asked for something else. */
function replay(row: Selectable<LedgerTable>, t: Transfer): TransferResult {
  const entry = toLedgerEntry(row);
  if (
    entry.kind !== t.kind ||
    entry.accountId !== t.accountId ||
    entry.amount !== t.amount ||
    entry.tableId !== t.tableId
  ) {
    throw new ConflictError(`request ${t.requestId} was already used for a different transfer`);
  }
  return { entry, balance: int(row.balance_after), replayed: true };
}

async function applied(
  db: Kysely<StoreSchema>,
  requestId: string,
): Promise<Selectable<LedgerTable> | undefined> {
  return db.selectFrom('ledger').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

async function walletBalance(db: Kysely<StoreSchema>, accountId: string): Promise<number | null> {
  const row = await db
    .selectFrom('wallets')
    .select('balance')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? int(row.balance) : null;
}

async function credit(db: Kysely<StoreSchema>, accountId: string, amount: number): Promise<number> {
  const row = await db
    .updateTable('wallets')
    .set({ balance: sql<number>`balance + ${amount}` })
    .where('account_id', '=', accountId)
    .returning('balance')
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`account ${accountId} has no wallet`);
  return int(row.balance);
}

async function debit(db: Kysely<StoreSchema>, accountId: string, amount: number): Promise<number> {
  const row = await db
    .updateTable('wallets')
    .set({ balance: sql<number>`balance - ${amount}` })
    .where('account_id', '=', accountId)
    .where('balance', '>=', amount)
    .returning('balance')
    .executeTakeFirst();
  if (row) return int(row.balance);
  const available = await walletBalance(db, accountId);
  if (available === null) throw new NotFoundError(`account ${accountId} has no wallet`);
  throw new InsufficientFundsError(accountId, amount, available);
}

async function toTable(db: Kysely<StoreSchema>, tableId: string, amount: number): Promise<void> {
  await db
    .insertInto('table_chips')
    .values({ table_id: tableId, chips: amount })
    .onConflict((oc) =>
      oc.column('table_id').doUpdateSet({ chips: sql<number>`table_chips.chips + ${amount}` }),
    )
    .execute();
}

async function fromTable(db: Kysely<StoreSchema>, tableId: string, amount: number): Promise<void> {
  const result = await db
    .updateTable('table_chips')
    .set({ chips: sql<number>`chips - ${amount}` })
    .where('table_id', '=', tableId)
    .where('chips', '>=', amount)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new ConflictError(
      `table ${tableId} holds fewer than ${amount} chips; a cash-out cannot create chips`,
    );
  }
}

export async function transfer(
  db: Kysely<StoreSchema>,
  now: () => number,
  t: Transfer,
): Promise<TransferResult> {
  checkTransfer(t);
  try {
    return await db.transaction().execute(async (trx) => {
      const previous = await applied(trx, t.requestId);
      if (previous) return replay(previous, t);
      let balance: number;
      switch (t.kind) {
        case 'grant':
          balance = await credit(trx, t.accountId, t.amount);
          break;
        case 'buy_in':
          balance = await debit(trx, t.accountId, t.amount);
          await toTable(trx, tableOf(t), t.amount);
          break;
        case 'cash_out':
          await fromTable(trx, tableOf(t), t.amount);
          balance = await credit(trx, t.accountId, t.amount);
          break;
      }
      const row = await trx
        .insertInto('ledger')
        .values({
          request_id: t.requestId,
          account_id: t.accountId,
          kind: t.kind,
          amount: t.amount,
          table_id: t.tableId,
          balance_after: balance,
          created_at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { entry: toLedgerEntry(row), balance, replayed: false };
    });
  } catch (error) {
    // Two concurrent requests with one id can both pass the replay check; the unique index
    // rejects the second insert, and the first one's row is now there to answer it.
    if (
      error instanceof InsufficientFundsError ||
      error instanceof NotFoundError ||
      error instanceof ConflictError
    ) {
      throw error;
    }
    const previous = await applied(db, t.requestId);
    if (previous) return replay(previous, t);
    throw error;
  }
}

export async function entries(
  db: Kysely<StoreSchema>,
  accountId: string,
  limit: number,
  beforeId?: number,
): Promise<LedgerEntry[]> {
  let query = db.selectFrom('ledger').selectAll().where('account_id', '=', accountId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.trunc(limit)))
    .execute();
  return rows.map(toLedgerEntry);
}

export async function balance(db: Kysely<StoreSchema>, accountId: string): Promise<number> {
  const found = await walletBalance(db, accountId);
  if (found === null) throw new NotFoundError(`account ${accountId} has no wallet`);
  return found;
}

/** A ledger row's effect on chips at its table: + for a buy-in, − for a cash-out. */
const TABLE_DELTA = sql<number>`case kind when 'buy_in' then amount when 'cash_out' then -amount else 0 end`;
/** A ledger row's effect on its wallet: − for a buy-in, + for a grant or cash-out. */
const WALLET_DELTA = sql<number>`case kind when 'buy_in' then -amount else amount end`;

/**
 * Conservation, proved by the database in one consistent read: every chip granted is either in a
 * wallet or at a table; every wallet equals the sum of its ledger rows; every table's running
 * total equals the sum of its ledger rows and is never negative.
 */
export async function audit(db: Kysely<StoreSchema>): Promise<ConservationAudit> {
  // Repeatable read makes both queries see one snapshot on PostgreSQL (its default, read
  // committed, gives each statement its own); a SQLite read transaction is a snapshot anyway.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const totals = await sql<{
        granted: number | string;
        in_wallets: number | string;
        bad_wallets: number | string;
        bad_tables: number | string;
      }>`
      select
        (select coalesce(sum(amount), 0) from ledger where kind = 'grant') as granted,
        (select coalesce(sum(balance), 0) from wallets) as in_wallets,
        (select count(*) from wallets w
          where w.balance <> (select coalesce(sum(${WALLET_DELTA}), 0) from ledger l
                              where l.account_id = w.account_id)) as bad_wallets,
        (select count(*) from table_chips t
          where t.chips < 0
             or t.chips <> (select coalesce(sum(${TABLE_DELTA}), 0) from ledger l
                            where l.table_id = t.table_id)) as bad_tables
    `.execute(trx);
      const perTable = await sql<{ table_id: string; chips: number | string }>`
      select table_id, sum(${TABLE_DELTA}) as chips from ledger
      where table_id is not null
      group by table_id
      having sum(${TABLE_DELTA}) <> 0
      order by table_id
    `.execute(trx);
      const row = totals.rows[0];
      if (!row) throw new Error('audit query returned no row');
      const atTables = new Map(perTable.rows.map((r) => [r.table_id, int(r.chips)]));
      const granted = int(row.granted);
      const inWallets = int(row.in_wallets);
      let atTablesTotal = 0;
      let negativeTable = false;
      for (const chips of atTables.values()) {
        atTablesTotal += chips;
        if (chips < 0) negativeTable = true;
      }
      const balanced =
        granted === inWallets + atTablesTotal &&
        int(row.bad_wallets) === 0 &&
        int(row.bad_tables) === 0 &&
        !negativeTable;
      return { granted, inWallets, atTables, balanced };
    });
}
