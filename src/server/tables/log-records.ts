// What a table writes to its TableLog, and what its snapshots hold. The log is the table's single
// source of truth and also its outbox: effects of an entry (cash-outs, hand histories) are re-run
// idempotently on recovery for every entry after the last snapshot.

import type { Command } from '../../games/contract.js';

/**
 * - `cmd`: a command the game accepted. Replaying every `cmd` in order from the snapshot (or from
 *   `setup`) rebuilds the state byte for byte.
 * - `deposit`: chips are about to be moved from `player`'s wallet to this table (request `req`).
 *   Written before the wallet is debited, so a crash between debit and seating is always found.
 * - `deposit_done`: that deposit is settled (the player was seated, or the chips were refunded).
 * - `hold`: an operator paused (`on`) or resumed the table at `at`. Logged like a command, so a
 *   paused table stays paused on whichever node runs it next, with its turn clocks stopped.
 */
export type LogRecord =
  | { readonly k: 'cmd'; readonly cmd: Command<unknown>; readonly at: number }
  | { readonly k: 'deposit'; readonly req: string; readonly player: string; readonly amount: number }
  | { readonly k: 'deposit_done'; readonly req: string }
  | { readonly k: 'hold'; readonly on: boolean; readonly at: number };

export interface PendingDeposit {
  readonly req: string;
  readonly player: string;
  readonly amount: number;
}

export interface SnapshotData {
  readonly v: 1;
  readonly state: unknown;
  /** Events emitted so far: the next event's seq is eventSeq + 1. */
  readonly eventSeq: number;
  readonly deposits: readonly PendingDeposit[];
  /** When an operator paused the table, if it is paused (absent in snapshots of earlier versions). */
  readonly heldSince?: number | null;
}

export function encodeRecord(record: LogRecord): string {
  return JSON.stringify(record);
}

/** Log data is written only by table actors; a record that does not parse is corruption. */
export function decodeRecord(data: string): LogRecord {
  const parsed = JSON.parse(data) as LogRecord;
  if (typeof parsed !== 'object' || !('k' in parsed)) throw new TypeError('log record without kind');
  return parsed;
}

export function encodeSnapshot(snapshot: SnapshotData): string {
  return JSON.stringify(snapshot);
}

export function decodeSnapshot(data: string): SnapshotData {
  const parsed = JSON.parse(data) as { v?: unknown };
  if (parsed.v !== 1) throw new TypeError(`unknown snapshot version ${String(parsed.v)}`);
  return parsed as SnapshotData;
}
