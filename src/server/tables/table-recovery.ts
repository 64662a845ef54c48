// Opening a table on this node: fence the log with our epoch (no earlier owner can write after
// this), load the newest snapshot, replay the log after it, and hand the result to a new actor.
// The same path serves a fresh table, a restart after a crash and (later) a takeover by another
// node — failover and migration are one mechanism.

import { PortError } from '../../ports/errors.js';
import { TableActor } from './table-actor.js';
import { advanceTurnStarts } from './table-pacer.js';
import type { TableActorDeps } from './table-deps.js';
import { decodeRecord, decodeSnapshot, type PendingDeposit } from './log-records.js';

const PAGE = 1000;

/** The log holds something the game refuses to replay: the table cannot be trusted to run. */
export class TableCorruptError extends PortError {
  constructor(
    readonly tableId: string,
    readonly seq: number,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`table ${tableId}: log entry ${seq} cannot be replayed: ${reason}`, options);
  }
}

export async function openTable(
  deps: TableActorDeps,
  table: { config: unknown; seed: string },
): Promise<TableActor> {
  const { log, game, tableId, epoch } = deps;
  await log.fence(tableId, epoch);

  const snapshot = await log.readSnapshot(tableId);
  let state: unknown;
  let eventSeq = 0;
  let logSeq = 0;
  const deposits = new Map<string, PendingDeposit>();
  let heldSince: number | null = null;
  if (snapshot) {
    const data = decodeSnapshot(snapshot.data);
    state = data.state;
    eventSeq = data.eventSeq;
    logSeq = snapshot.seq;
    for (const d of data.deposits) deposits.set(d.req, d);
    heldSince = data.heldSince ?? null;
  } else {
    state = game.setup(table.config, table.seed);
  }
  const snapshotEventSeq = eventSeq;
  // When each running turn began, so the new owner keeps its deadline (see TablePacer.begin).
  const turnStarts = new Map<number, number>();

  const replayed: { seq: number; at: number; events: readonly { readonly type: string }[] }[] = [];
  for (;;) {
    const entries = await log.read(tableId, logSeq + 1, PAGE);
    for (const entry of entries) {
      if (entry.seq !== logSeq + 1)
        throw new TableCorruptError(tableId, entry.seq, `expected seq ${logSeq + 1}`);
      let record;
      try {
        record = decodeRecord(entry.data);
      } catch (error) {
        throw new TableCorruptError(tableId, entry.seq, 'unreadable record', { cause: error });
      }
      if (record.k === 'cmd') {
        const outcome = game.apply(state, record.cmd);
        if (!outcome.ok)
          throw new TableCorruptError(tableId, entry.seq, `${outcome.code}: ${outcome.message}`);
        state = outcome.state;
        eventSeq += outcome.events.length;
        advanceTurnStarts(turnStarts, record.cmd.kind, game.status(state).toAct, record.at);
        replayed.push({ seq: entry.seq, at: record.at, events: outcome.events });
      } else if (record.k === 'deposit') {
        deposits.set(record.req, { req: record.req, player: record.player, amount: record.amount });
      } else if (record.k === 'deposit_done') {
        deposits.delete(record.req);
      } else if (record.on) {
        heldSince ??= record.at;
      } else if (heldSince !== null) {
        // The clocks stood still while the operator's pause lasted: each running turn began that
        // much later as far as its deadline is concerned.
        const held = Math.max(0, record.at - heldSince);
        for (const [seat, started] of turnStarts) turnStarts.set(seat, started + held);
        heldSince = null;
      }
      logSeq = entry.seq;
    }
    if (entries.length < PAGE) break;
  }

  const actor = new TableActor(deps, {
    state,
    logSeq,
    snapshotSeq: snapshot?.seq ?? 0,
    eventSeq: snapshotEventSeq,
    deposits: [...deposits.values()],
    heldSince,
  });
  actor.begin(replayed, turnStarts);
  if (actor.eventSeq !== eventSeq)
    throw new TableCorruptError(tableId, logSeq, 'event count mismatch after replay');
  return actor;
}
