// Builds table actors for tests: real game modules, the in-memory TableLog, a manual clock, and an
// in-memory ledger standing in for the wallet (the Store has its own contract tests).

import { MemoryTableLog } from '../../src/adapters/memory/table-log.js';
import type { AnyGameModule } from '../../src/games/contract.js';
import { InsufficientFundsError } from '../../src/ports/errors.js';
import type { HandHistory } from '../../src/ports/store.js';
import type { TableLog } from '../../src/ports/table-log.js';
import { TableOptionsSchema, type TableOptions } from '../../src/protocol/messages.js';
import { ManualClock } from '../../src/server/clock.js';
import { silentLogger } from '../../src/server/ops/logger.js';
import { NodeMetrics } from '../../src/server/ops/metrics.js';
import type { TableActor } from '../../src/server/tables/table-actor.js';
import { frameText, type OutgoingFrame, type TableSubscriber } from '../../src/server/tables/fanout.js';
import type { TableEffects, TableTiming } from '../../src/server/tables/table-deps.js';
import { openTable } from '../../src/server/tables/table-recovery.js';

export const SEED = 'ab'.repeat(32);

/** Wallets and table balances by request id, idempotent like the real ledger. */
export class TestLedger implements TableEffects {
  readonly wallets = new Map<string, number>();
  readonly atTables = new Map<string, number>();
  readonly applied = new Map<string, number>();
  readonly hands: HandHistory[] = [];
  failNextBuyIn: Error | null = null;

  fund(account: string, chips: number): void {
    this.wallets.set(account, (this.wallets.get(account) ?? 0) + chips);
  }

  buyIn(req: string, account: string, table: string, amount: number): Promise<number> {
    if (this.failNextBuyIn) {
      const error = this.failNextBuyIn;
      this.failNextBuyIn = null;
      return Promise.reject(error);
    }
    if (!this.applied.has(req)) {
      const balance = this.wallets.get(account) ?? 0;
      if (balance < amount) return Promise.reject(new InsufficientFundsError(account, amount, balance));
      this.wallets.set(account, balance - amount);
      this.atTables.set(table, (this.atTables.get(table) ?? 0) + amount);
      this.applied.set(req, amount);
    }
    return Promise.resolve(this.wallets.get(account) ?? 0);
  }

  cashOut(req: string, account: string, table: string, amount: number): Promise<number> {
    if (!this.applied.has(req)) {
      this.wallets.set(account, (this.wallets.get(account) ?? 0) + amount);
      this.atTables.set(table, (this.atTables.get(table) ?? 0) - amount);
      this.applied.set(req, amount);
    }
    return Promise.resolve(this.wallets.get(account) ?? 0);
  }

  saveHand(hand: HandHistory): Promise<void> {
    if (!this.hands.some((h) => h.tableId === hand.tableId && h.hand === hand.hand)) this.hands.push(hand);
    return Promise.resolve();
  }

  walletChanged(): void {}

  total(): number {
    let sum = 0;
    for (const v of this.wallets.values()) sum += v;
    for (const v of this.atTables.values()) sum += v;
    return sum;
  }
}

export const FAST_TIMING: TableTiming = {
  handDelayMs: 1000,
  graceMs: 30_000,
  standUpMs: 120_000,
  bustedStandUpMs: 60_000,
  botMinMs: 100,
  botMaxMs: 200,
  leavingMs: 500,
  effectRetryMs: 100,
};

export interface Harness {
  readonly actor: TableActor;
  readonly log: TableLog;
  readonly clock: ManualClock;
  readonly ledger: TestLedger;
  readonly lost: Error[];
}

export async function openActor(options: {
  game: AnyGameModule;
  config: unknown;
  log?: TableLog;
  clock?: ManualClock;
  ledger?: TestLedger;
  epoch?: number;
  tableOptions?: Partial<TableOptions>;
  tableId?: string;
}): Promise<Harness> {
  const log = options.log ?? new MemoryTableLog();
  const clock = options.clock ?? new ManualClock();
  const ledger = options.ledger ?? new TestLedger();
  const lost: Error[] = [];
  const parsed = options.game.parseConfig(options.config);
  if (!parsed.ok) throw new Error(parsed.message);
  let n = 0;
  const actor = await openTable(
    {
      tableId: options.tableId ?? 't1',
      game: options.game,
      log,
      epoch: options.epoch ?? 1,
      clock,
      effects: ledger,
      options: TableOptionsSchema.parse({ turnSeconds: 10, ...options.tableOptions }),
      timing: FAST_TIMING,
      logger: silentLogger(),
      metrics: new NodeMetrics('test'),
      randomSeed: () => (n++).toString(16).padStart(64, '0'),
      onChange: () => undefined,
      onLost: (_id, cause) => lost.push(cause),
    },
    { config: parsed.config, seed: SEED },
  );
  return { actor, log, clock, ledger, lost };
}

/** A subscriber that records every message it is sent. */
export class Recorder implements TableSubscriber {
  readonly messages: { type: string; [k: string]: unknown }[] = [];
  readonly raw: string[] = [];
  constructor(readonly accountId: string) {}
  send(frame: OutgoingFrame): void {
    const data = frameText(frame);
    this.raw.push(data);
    const message = JSON.parse(data) as { type: string; table?: string; seq?: number; events?: unknown[] };
    // A command's events arrive in one `table.events` frame; record them as the events they are.
    if (message.type === 'table.events' && Array.isArray(message.events)) {
      message.events.forEach((event, i) =>
        this.messages.push({ type: 'table.event', table: message.table, seq: (message.seq ?? 0) + i, event }),
      );
    } else {
      this.messages.push(message);
    }
  }
  of(type: string) {
    return this.messages.filter((m) => m.type === type);
  }
  events(): { seq: number; event: { type: string; [k: string]: unknown } }[] {
    return this.of('table.event') as unknown as { seq: number; event: { type: string } }[];
  }
}

/** Lets queued microtasks and mailbox jobs run. */
export async function settle(actor: TableActor): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await actor.idle();
    await new Promise((r) => setImmediate(r));
  }
}
