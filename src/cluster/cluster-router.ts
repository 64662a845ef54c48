// The TableRouter of a cluster node: a table hosted here is served locally; any other is found
// through the Directory (cached until its owner says it moved) and reached over a node link.
// New tables go where the placement strategy says among the ready members.

import { reject, type Rejection } from '../games/contract.js';
import type { Directory } from '../ports/directory.js';
import { ErrorCode } from '../protocol/codes.js';
import type { TableSummary } from '../protocol/messages.js';
import type { Lobby } from '../server/lobby/lobby.js';
import type { Logger } from '../server/ops/logger.js';
import { createIdempotently } from '../server/tables/idempotent-create.js';
import type { TableEndpoint } from '../server/tables/table-endpoint.js';
import type { CreateRequest, TableHandle, TableRouter } from '../server/tables/table-handle.js';
import type { TableHost } from '../server/tables/table-host.js';
import { LinkResultSchemas } from './link-protocol.js';
import type { Membership } from './membership.js';
import type { NodeLinks } from './node-links.js';
import type { PlacementStrategy } from './placement.js';
import { RemoteTable } from './remote-table.js';
import { RoutedTable } from './routed-table.js';

/** How long a placement counts as load its node has not reported yet (a few heartbeats). */
const PENDING_WINDOW_MS = 1500;

export class ClusterRouter implements TableRouter {
  readonly #nodeId: string;
  readonly #host: TableHost;
  readonly #endpoint: TableEndpoint;
  readonly #directory: Directory;
  readonly #membership: Membership;
  readonly #links: NodeLinks;
  readonly #placement: PlacementStrategy;
  readonly #logger: Logger;
  readonly #lobby: Lobby;
  readonly #remote = new Map<string, RemoteTable>();
  /** When this node placed tables on each node lately (see PENDING_WINDOW_MS). */
  readonly #placed = new Map<string, number[]>();

  constructor(deps: {
    nodeId: string;
    host: TableHost;
    endpoint: TableEndpoint;
    directory: Directory;
    membership: Membership;
    links: NodeLinks;
    placement: PlacementStrategy;
    lobby: Lobby;
    logger: Logger;
  }) {
    this.#lobby = deps.lobby;
    this.#nodeId = deps.nodeId;
    this.#host = deps.host;
    this.#endpoint = deps.endpoint;
    this.#directory = deps.directory;
    this.#membership = deps.membership;
    this.#links = deps.links;
    this.#placement = deps.placement;
    this.#logger = deps.logger;
  }

  async find(tableId: string): Promise<TableHandle | null> {
    const first = await this.#owner(tableId, false);
    return first ? new RoutedTable(tableId, first, (stale) => this.#refind(tableId, stale)) : null;
  }

  /**
   * The handle that reaches the owner of `tableId`: this node's own, a cached RemoteTable, or (with
   * `fresh`, or nothing cached) one for the owner the Directory names now.
   */
  async #owner(tableId: string, fresh: boolean): Promise<TableHandle | null> {
    const local = this.#endpoint.local(tableId);
    if (local) return local;
    const cached = this.#remote.get(tableId);
    if (cached && !fresh) return cached;
    const owner = await this.#directory.lookup(tableId).catch(() => null);
    if (!owner) return null;
    // Ours but not open yet (being taken over right now): the endpoint waits for it.
    if (owner.nodeId === this.#nodeId) return this.#endpoint.handle(tableId);
    if (cached?.owner === owner.nodeId) return cached;
    const remote = new RemoteTable(tableId, owner.nodeId, this.#links, (stale) => {
      if (this.#remote.get(tableId) === stale) this.#remote.delete(tableId);
    });
    this.#remote.set(tableId, remote);
    return remote;
  }

  #refind(tableId: string, stale: TableHandle): Promise<TableHandle | null> {
    if (stale instanceof RemoteTable && this.#remote.get(tableId) === stale) this.#remote.delete(tableId);
    return this.#owner(tableId, true);
  }

  /** Forgets every cached remote table of `nodeId` (its link dropped). */
  forgetNode(nodeId: string): void {
    for (const [id, table] of this.#remote) if (table.owner === nodeId) this.#remote.delete(id);
  }

  create(request: CreateRequest): Promise<{ ok: true; table: TableSummary } | Rejection> {
    return createIdempotently(
      request,
      (r) => this.#place(r),
      (id) => this.#host.summary(id) ?? this.#lobby.get(id),
    );
  }

  async #place(request: CreateRequest): Promise<{ ok: true; table: TableSummary } | Rejection> {
    const members = this.#membership.members();
    // Loads arrive with heartbeats, a moment late: tables placed here recently count as pending
    // on their node so a burst of creates spreads instead of piling onto the same stale minimum.
    const now = Date.now();
    const pending = new Map<string, number>();
    for (const [nodeId, times] of this.#placed) {
      const recent = times.filter((t) => now - t < PENDING_WINDOW_MS);
      if (recent.length > 0) this.#placed.set(nodeId, recent);
      else this.#placed.delete(nodeId);
      pending.set(nodeId, recent.length);
    }
    const target = this.#placement.choose(members, `${request.createdBy ?? ''}:${request.name}`, pending);
    if (!target) return reject(ErrorCode.tableUnavailable, 'no node is ready to host a table; try again');
    this.#placed.set(target.nodeId, [...(this.#placed.get(target.nodeId) ?? []), now]);
    if (target.nodeId === this.#nodeId) return this.#host.create(request);
    try {
      const link = await this.#links.link(target.nodeId);
      const raw = await link.request({
        op: 'create',
        ...(request.id === undefined ? {} : { id: request.id }),
        game: request.game,
        name: request.name,
        config: request.config,
        options: request.options,
        createdBy: request.createdBy,
      });
      const parsed = LinkResultSchemas.create.safeParse(raw);
      if (!parsed.success) return reject(ErrorCode.internal, 'the chosen node sent an invalid answer');
      return parsed.data;
    } catch (error) {
      this.#logger.warn({ node: target.nodeId, err: error }, 'creating a table on another node failed');
      return reject(ErrorCode.tableUnavailable, 'the chosen node cannot be reached; try again');
    }
  }
}
