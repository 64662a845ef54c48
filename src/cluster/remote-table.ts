// A table owned by another node, as the gateway sees it: the TableHandle methods become link
// requests, and their results are validated before anyone uses them. A link failure is a typed
// rejection, never an exception out of a handler: `table/moved` if the request never left (the
// router retries it elsewhere), `table/unavailable` if its outcome is unknown.

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
import { LinkResultSchemas, type LinkOp, type LinkRequest, type LinkResult } from './link-protocol.js';
import { LinkClosedError } from './node-link.js';
import type { NodeLinks } from './node-links.js';

export class RemoteTable implements TableHandle {
  constructor(
    readonly id: string,
    readonly owner: string,
    private readonly links: NodeLinks,
    /** Called when the owner says it no longer has the table (it moved): forget this handle. */
    private readonly stale: (table: RemoteTable) => void,
  ) {}

  join(request: JoinRequest): Promise<JoinResult> {
    return this.#ask('join', { op: 'join', table: this.id, ...withoutUndefined(request) });
  }

  topUp(accountId: string, amount: number): Promise<TopUpResult> {
    return this.#ask('top_up', { op: 'top_up', table: this.id, accountId, amount });
  }

  seatCommand(accountId: string, kind: SeatCommand): Promise<CommitResult> {
    return this.#ask('seat', { op: 'seat', table: this.id, accountId, kind });
  }

  act(accountId: string, action: unknown): Promise<CommitResult> {
    return this.#ask('act', { op: 'act', table: this.id, accountId, action });
  }

  contribute(accountId: string, hand: number, value: string): Promise<CommitResult> {
    return this.#ask('entropy', { op: 'entropy', table: this.id, accountId, hand, value });
  }

  setPaused(paused: boolean): Promise<PauseResult> {
    return this.#ask('pause', { op: 'pause', table: this.id, paused });
  }

  async watch(
    connection: WatchingConnection,
    since: number | undefined,
    ref: RequestId | null,
  ): Promise<Rejection | null> {
    // Registered before asking: frames can arrive before the response.
    this.links.watching(this.owner, this.id, connection);
    const result = await this.#ask('watch', {
      op: 'watch',
      table: this.id,
      session: connection.id,
      accountId: connection.accountId,
      ref,
      ...(since === undefined ? {} : { since }),
    });
    if (result.ok) return null;
    this.links.notWatching(this.owner, this.id, connection.id);
    return result;
  }

  unwatch(connection: WatchingConnection): void {
    this.links.notWatching(this.owner, this.id, connection.id);
    void this.links.link(this.owner).then(
      (link) => link.unwatch(this.id, connection.id),
      () => undefined, // the link is gone: the owner has dropped our watches already
    );
  }

  async #ask<Op extends LinkOp>(op: Op, req: LinkRequest & { op: Op }): Promise<LinkResult<Op>> {
    let raw: unknown;
    let sent = false;
    try {
      const link = await this.links.link(this.owner);
      sent = true;
      raw = await link.request(req);
    } catch (error) {
      // The owner is unreachable (gone, or moving): look the table up afresh next time. A request
      // that never left this node was not applied (`table/moved`: the router may send it to
      // whoever owns the table now); one lost after sending may have been, so it is not retried.
      this.stale(this);
      if (!sent || (error instanceof LinkClosedError && !error.sent))
        return reject(ErrorCode.tableMoved, "the table's node cannot be reached") as LinkResult<Op>;
      return unavailable() as LinkResult<Op>;
    }
    const parsed = LinkResultSchemas[op].safeParse(raw);
    if (!parsed.success)
      return reject(ErrorCode.internal, 'the owner node sent an invalid answer') as LinkResult<Op>;
    const result = parsed.data as LinkResult<Op>;
    if ('code' in result && result.code === ErrorCode.tableNotFound) this.stale(this);
    return result;
  }
}

function unavailable(): Rejection {
  return reject(ErrorCode.tableUnavailable, "the table's node cannot be reached; try again");
}

function withoutUndefined(request: JoinRequest): Omit<JoinRequest, 'seat'> & { seat?: number } {
  const { seat, ...rest } = request;
  return seat === undefined ? rest : { ...rest, seat };
}
