// What a table's owner node does for a request, whoever forwarded it: the gateway of this node
// (LocalTable) or another node over a link (src/cluster/). Every check that must hold whatever the
// path — the table exists and is not closing, spectators are allowed, the action parses — lives
// here, once.

import { randomUUID } from 'node:crypto';
import { reject, type Rejection } from '../../games/contract.js';
import { ErrorCode } from '../../protocol/codes.js';
import type { RequestId } from '../../protocol/messages.js';
import { settleWithin } from '../settle-within.js';
import type {
  CommitResult,
  JoinRequest,
  JoinResult,
  SeatCommand,
  PauseResult,
  TableHandle,
  TopUpResult,
  WatchingConnection,
} from './table-handle.js';
import type { TableActor } from './table-actor.js';
import type { TableHost } from './table-host.js';

/** How long a leave waits for its cash-out before answering (the wallet push follows anyway). */
const LEAVE_SETTLE_MS = 2000;

export class TableEndpoint {
  readonly #host: TableHost;

  constructor(host: TableHost) {
    this.#host = host;
  }

  hosts(tableId: string): boolean {
    return this.#host.get(tableId) !== undefined;
  }

  async join(tableId: string, request: JoinRequest): Promise<JoinResult> {
    const actor = await this.#actor(tableId);
    if (!actor.ok) return actor;
    if (this.#host.isClosing(tableId)) return reject(ErrorCode.tableClosing, 'this table is closing');
    // A fresh request id per join: the ledger's idempotency must never fold two joins into one.
    return this.#settled(tableId, await actor.actor.join({ ...request, requestId: `join:${randomUUID()}` }));
  }

  async topUp(tableId: string, accountId: string, amount: number): Promise<TopUpResult> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    if (this.#host.isClosing(tableId)) return reject(ErrorCode.tableClosing, 'this table is closing');
    const requestId = `topup:${randomUUID()}`;
    return this.#settled(tableId, await found.actor.topUp({ accountId, amount, requestId }));
  }

  async seatCommand(tableId: string, accountId: string, kind: SeatCommand): Promise<CommitResult> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    const { actor } = found;
    const result = await this.#settled(tableId, await actor.seatCommand(accountId, kind));
    // Between hands the cash-out is queued right behind the leave: let it run before answering,
    // bounded, so a failing store cannot hold the reply.
    if (result.ok && (kind === 'leave' || kind === 'stand_up'))
      await settleWithin(actor.idle(), LEAVE_SETTLE_MS);
    return result;
  }

  async act(tableId: string, accountId: string, action: unknown): Promise<CommitResult> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    const parsed = found.actor.game.parseAction(action);
    if (!parsed.ok) return parsed;
    return this.#settled(tableId, await found.actor.act(accountId, parsed.action));
  }

  async contribute(tableId: string, accountId: string, hand: number, value: string): Promise<CommitResult> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    return this.#settled(tableId, await found.actor.contribute(accountId, hand, value));
  }

  async setPaused(tableId: string, paused: boolean): Promise<PauseResult> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    if (this.#host.isClosing(tableId)) return reject(ErrorCode.tableClosing, 'this table is closing');
    return this.#settled(tableId, await found.actor.setHeld(paused));
  }

  async watch(
    tableId: string,
    connection: WatchingConnection,
    since: number | undefined,
    ref: RequestId | null,
  ): Promise<Rejection | null> {
    const found = await this.#actor(tableId);
    if (!found.ok) return found;
    const { actor } = found;
    const summary = this.#host.summary(tableId);
    if (!summary) return notHere(tableId);
    if (!actor.options.spectators && actor.seatOf(connection.accountId) === undefined) {
      return reject(ErrorCode.forbidden, 'this table does not allow spectators');
    }
    const watching = await actor.watch(connection, since, (resumed) => {
      if (ref !== null)
        connection.send(JSON.stringify({ type: 'ack', ref, result: { table: summary, resumed } }));
    });
    return watching ? null : this.#settled(tableId, moved());
  }

  unwatch(tableId: string, connection: WatchingConnection): void {
    this.#host.get(tableId)?.unwatch(connection);
  }

  /**
   * The actor of `tableId` here. A table in transition (being opened here, or handed to another
   * node) is waited out first: the command is held, not refused. If the table then runs elsewhere
   * the answer is `table/moved`, and the gateway sends the command on to the new owner.
   */
  async #actor(tableId: string): Promise<{ ok: true; actor: TableActor } | Rejection> {
    const transition = this.#host.transition(tableId);
    if (transition) await transition;
    const actor = this.#host.get(tableId);
    if (actor) return { ok: true, actor };
    return transition ? moved() : notHere(tableId);
  }

  /** A `table/moved` answer (the actor stopped under the command) waits until the hand-off ended. */
  async #settled<R extends { ok: boolean }>(tableId: string, result: R | Rejection): Promise<R | Rejection> {
    if (!result.ok && 'code' in result && result.code === ErrorCode.tableMoved)
      await this.#host.transition(tableId);
    return result;
  }

  /** A handle on a table of this node. */
  local(tableId: string): TableHandle | null {
    return this.hosts(tableId) || this.#host.transition(tableId) ? new LocalTable(this, tableId) : null;
  }

  /** A handle on a table this node is to own, open or not (yet): its calls wait for it. */
  handle(tableId: string): TableHandle {
    return new LocalTable(this, tableId);
  }
}

/** A table on this node: straight calls into the endpoint. */
class LocalTable implements TableHandle {
  constructor(
    readonly endpoint: TableEndpoint,
    readonly id: string,
  ) {}

  join(request: JoinRequest): Promise<JoinResult> {
    return this.endpoint.join(this.id, request);
  }

  topUp(accountId: string, amount: number): Promise<TopUpResult> {
    return this.endpoint.topUp(this.id, accountId, amount);
  }

  seatCommand(accountId: string, kind: SeatCommand): Promise<CommitResult> {
    return this.endpoint.seatCommand(this.id, accountId, kind);
  }

  act(accountId: string, action: unknown): Promise<CommitResult> {
    return this.endpoint.act(this.id, accountId, action);
  }

  setPaused(paused: boolean): Promise<PauseResult> {
    return this.endpoint.setPaused(this.id, paused);
  }

  contribute(accountId: string, hand: number, value: string): Promise<CommitResult> {
    return this.endpoint.contribute(this.id, accountId, hand, value);
  }

  watch(
    connection: WatchingConnection,
    since: number | undefined,
    ref: RequestId | null,
  ): Promise<Rejection | null> {
    return this.endpoint.watch(this.id, connection, since, ref);
  }

  unwatch(connection: WatchingConnection): void {
    this.endpoint.unwatch(this.id, connection);
  }
}

function moved(): Rejection {
  return reject(ErrorCode.tableMoved, 'the table moved to another node');
}

function notHere(tableId: string): Rejection {
  return reject(ErrorCode.tableNotFound, `no table ${tableId}`);
}
