// A table as a cluster gateway's handlers hold it: the handle that reaches its owner now — this
// node's own, or a RemoteTable over a link — found again whenever the owner changes. A command the
// old owner did not apply (`table/moved`: it was held during a hand-off, or never left this node
// because the owner is gone) is sent on to the new owner, so a table moving between nodes costs a
// client a pause, not an error. A command whose fate is unknown (the link dropped after sending) is
// never sent twice: a retried bet could be applied twice. It comes back `table/unavailable`.

import { reject, type Rejection } from '../games/contract.js';
import { ErrorCode } from '../protocol/codes.js';
import type { RequestId } from '../protocol/messages.js';
import type {
  CommitResult,
  JoinRequest,
  JoinResult,
  PauseResult,
  SeatCommand,
  TableHandle,
  TopUpResult,
  WatchingConnection,
} from '../server/tables/table-handle.js';
import { RemoteTable } from './remote-table.js';

/** How long a command is held for a table between owners before the client is told to retry. */
const HOLD_MS = 6000;
/** Pause before asking the same owner again (it has not handed the table on yet), doubling. */
const FIRST_PAUSE_MS = 20;
const MAX_PAUSE_MS = 400;

/** Finds the table's handle again after `stale` answered that it moved; null if nobody owns it. */
export type Refind = (stale: TableHandle) => Promise<TableHandle | null>;

export class RoutedTable implements TableHandle {
  #current: TableHandle;
  /** Where each connection's watch landed, so its unwatch goes there. */
  readonly #watchedAt = new Map<string, TableHandle>();

  constructor(
    readonly id: string,
    first: TableHandle,
    private readonly refind: Refind,
  ) {
    this.#current = first;
  }

  join(request: JoinRequest): Promise<JoinResult> {
    return this.#send((table) => table.join(request), false);
  }

  topUp(accountId: string, amount: number): Promise<TopUpResult> {
    return this.#send((table) => table.topUp(accountId, amount), false);
  }

  seatCommand(accountId: string, kind: SeatCommand): Promise<CommitResult> {
    return this.#send((table) => table.seatCommand(accountId, kind), false);
  }

  act(accountId: string, action: unknown): Promise<CommitResult> {
    return this.#send((table) => table.act(accountId, action), false);
  }

  contribute(accountId: string, hand: number, value: string): Promise<CommitResult> {
    return this.#send((table) => table.contribute(accountId, hand, value), false);
  }

  setPaused(paused: boolean): Promise<PauseResult> {
    // Idempotent (it names the state wanted, not a change): safe to ask again after a lost answer.
    return this.#send((table) => table.setPaused(paused), true);
  }

  async watch(
    connection: WatchingConnection,
    since: number | undefined,
    ref: RequestId | null,
  ): Promise<Rejection | null> {
    const result = await this.#send(async (table) => {
      const refused = await table.watch(connection, since, ref);
      if (refused) return refused;
      this.#watchedAt.set(connection.id, table);
      return { ok: true } as const;
    }, true);
    return result.ok ? null : result;
  }

  unwatch(connection: WatchingConnection): void {
    const table = this.#watchedAt.get(connection.id) ?? this.#current;
    this.#watchedAt.delete(connection.id);
    table.unwatch(connection);
  }

  /**
   * Sends `call` to the current owner, and again to the next one while the answer says the table
   * moved without applying it — or, for a stale cached owner, that it is not there. `idempotent`
   * calls (a watch) are also retried after an answer that was lost on the way.
   */
  async #send<R extends { readonly ok: true }>(
    call: (table: TableHandle) => Promise<R | Rejection>,
    idempotent: boolean,
  ): Promise<R | Rejection> {
    const until = Date.now() + HOLD_MS;
    let pause = FIRST_PAUSE_MS;
    for (;;) {
      const tried = this.#current;
      const result = await call(tried);
      if (result.ok) return result;
      const moved = result.code === ErrorCode.tableMoved;
      const retryable =
        moved ||
        result.code === ErrorCode.tableNotFound ||
        (idempotent && result.code === ErrorCode.tableUnavailable);
      if (!retryable) return result;
      const next = await this.refind(tried);
      if (!next) return moved ? reject(ErrorCode.tableNotFound, `no table ${this.id}`) : result;
      const sameOwner = ownerOf(next) === ownerOf(tried);
      // Not there, or unreachable, at the owner the Directory names: that is the answer.
      if (!moved && sameOwner && result.code === ErrorCode.tableNotFound) return result;
      if (Date.now() >= until) return moved ? stillMoving() : result;
      if (sameOwner) {
        // The owner has not handed the table on yet (or its node is gone and failover is running).
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
      }
      this.#current = next;
    }
  }
}

function ownerOf(table: TableHandle): string | null {
  return table instanceof RemoteTable ? table.owner : null;
}

function stillMoving(): Rejection {
  return reject(ErrorCode.tableUnavailable, 'the table is moving to another node; try again');
}
