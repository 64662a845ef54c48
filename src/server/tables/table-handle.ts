// The one seam between the gateway and the tables. Request handlers hold a TableHandle — a table
// on this node (LocalTable) or on another (RemoteTable, src/cluster/) — with the same methods and
// the same typed results, so handlers, sessions and the SDK never branch on where a table lives.

import type { Rejection } from '../../games/contract.js';
import type { RequestId, TableSummary } from '../../protocol/messages.js';
import type { TableSubscriber } from './fanout.js';

export type CommitResult = { readonly ok: true; readonly seq: number } | Rejection;
export type JoinResult = { readonly ok: true; readonly seat: number; readonly balance: number } | Rejection;
export type TopUpResult = { readonly ok: true; readonly balance: number } | Rejection;
export type PauseResult = { readonly ok: true; readonly paused: boolean } | Rejection;
/** `stand_up`: the operator's leave for a player (a kick) — the same as `leave`, and allowed while the table is paused. */
export type SeatCommand = 'leave' | 'sit_out' | 'sit_in' | 'stand_up';

export interface JoinRequest {
  readonly accountId: string;
  readonly name: string;
  readonly seat?: number | undefined;
  readonly amount: number;
}

/** A connection as a table sees it: who it is, where its messages go, and its id on its node. */
export interface WatchingConnection extends TableSubscriber {
  readonly id: string;
}

export interface TableHandle {
  readonly id: string;
  /** Takes a seat with chips from the wallet (every limit checked before any chip moves). */
  join(request: JoinRequest): Promise<JoinResult>;
  /** Adds chips from the wallet to the account's stack (rebuy, top-up); refused before any chip moves. */
  topUp(accountId: string, amount: number): Promise<TopUpResult>;
  /** Leave / sit out / sit in, for the account's seat. After a leave, resolves once its cash-out ran (bounded). */
  seatCommand(accountId: string, kind: SeatCommand): Promise<CommitResult>;
  /** A game action for the account's seat, validated by the game's schema. */
  act(accountId: string, action: unknown): Promise<CommitResult>;
  /**
   * The operator's pause (`true`) or resume: logged, so it holds wherever the table runs next.
   * Idempotent: asking for the state the table is in changes nothing. Never on a player's behalf.
   */
  setPaused(paused: boolean): Promise<PauseResult>;
  /** The account's random value for hand `hand`'s deck (docs/fair-deals.md), for their seat. */
  contribute(accountId: string, hand: number, value: string): Promise<CommitResult>;
  /**
   * Starts sending the table to `connection`: the ack of request `ref` (when given) first, then a
   * fresh view or the events after `since`. A refusal (not found, no spectators) sends nothing.
   */
  watch(
    connection: WatchingConnection,
    since: number | undefined,
    ref: RequestId | null,
  ): Promise<Rejection | null>;
  unwatch(connection: WatchingConnection): void;
}

export interface CreateRequest {
  /** A fixed id (seeded tables, so several nodes seeding at once make each table once). */
  readonly id?: string;
  readonly game: string;
  readonly name: string;
  readonly config: unknown;
  readonly options?: unknown;
  readonly createdBy: string | null;
}

/** Finds tables wherever they live, and creates new ones where placement says. */
export interface TableRouter {
  find(tableId: string): Promise<TableHandle | null>;
  create(request: CreateRequest): Promise<{ ok: true; table: TableSummary } | Rejection>;
}
