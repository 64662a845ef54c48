// Everything that makes a node a member of a cluster, behind a narrow interface the node composes:
// membership (lease + heartbeats), node links (gateway side and owner side), the cluster's
// TableRouter (local, remote, placement), which tables this node opens at start, failover (taking
// over the tables of a node that left, dropping ours if we were frozen past our lease), and the
// cluster-wide count of chips at tables for the audit. The table actor knows none of it.

import { reject, type Rejection } from '../games/contract.js';
import type { Directory } from '../ports/directory.js';
import type { Registry } from '../ports/registry.js';
import type { TableRecord } from '../ports/store.js';
import { ErrorCode } from '../protocol/codes.js';
import type { Lobby } from '../server/lobby/lobby.js';
import type { Logger } from '../server/ops/logger.js';
import type { TableEndpoint } from '../server/tables/table-endpoint.js';
import type { TableHost } from '../server/tables/table-host.js';
import { ClusterRouter } from './cluster-router.js';
import { LinkResultSchemas } from './link-protocol.js';
import { LinkServer } from './link-server.js';
import type { LoadSampler } from './load-sampler.js';
import { Membership } from './membership.js';
import { NodeLinks, type LocalConnections } from './node-links.js';
import { placementStrategy, rendezvous, type PlacementName } from './placement.js';
import { TableMover, type MoveAllResult } from './table-mover.js';

/** How a drain ended: tables moved and left behind, or refused (no other ready node). */
export type DrainOutcome =
  | ({ readonly ok: true; readonly ms: number } & MoveAllResult)
  | { readonly ok: false; readonly reason: string };

/** How often a drain waiting for another ready node looks again. */
const DRAIN_WAIT_MS = 500;

/** Takeover rounds after a node leaves, and the pause between them (grows each round). */
const FAILOVER_ATTEMPTS = 5;
const FAILOVER_RETRY_MS = 1000;

export interface ClusterRuntimeOptions {
  readonly nodeId: string;
  readonly secret: string;
  readonly heartbeatMs: number;
  readonly leaseMs: number;
  readonly placement: PlacementName;
  readonly linkTimeoutMs: number;
  readonly drainWithoutTarget: 'refuse' | 'wait';
  readonly drainConcurrency: number;
  readonly registry: Registry;
  readonly directory: Directory;
  readonly host: TableHost;
  readonly endpoint: TableEndpoint;
  readonly connections: LocalConnections;
  readonly lobby: Lobby;
  readonly load: LoadSampler;
  readonly logger: Logger;
}

export class ClusterRuntime {
  readonly membership: Membership;
  readonly links: NodeLinks;
  readonly linkServer: LinkServer;
  readonly router: ClusterRouter;
  readonly mover: TableMover;
  readonly #o: ClusterRuntimeOptions;
  #drain: Promise<DrainOutcome> | null = null;

  constructor(options: ClusterRuntimeOptions) {
    this.#o = options;
    const logger = options.logger.child({ room: 'cluster' });
    this.membership = new Membership({
      registry: options.registry,
      nodeId: options.nodeId,
      heartbeatMs: options.heartbeatMs,
      leaseMs: options.leaseMs,
      load: () => options.load.sample(),
      logger,
      startedAt: Date.now(),
    });
    this.links = new NodeLinks({
      nodeId: options.nodeId,
      secret: options.secret,
      directory: this.membership,
      local: options.connections,
      logger,
      timeoutMs: options.linkTimeoutMs,
    });
    this.linkServer = new LinkServer({
      nodeId: options.nodeId,
      secret: options.secret,
      endpoint: options.endpoint,
      host: options.host,
      logger,
    });
    this.router = new ClusterRouter({
      nodeId: options.nodeId,
      host: options.host,
      endpoint: options.endpoint,
      directory: options.directory,
      membership: this.membership,
      links: this.links,
      placement: placementStrategy(options.placement),
      lobby: options.lobby,
      logger,
    });
    this.mover = new TableMover({
      nodeId: options.nodeId,
      host: options.host,
      membership: this.membership,
      links: this.links,
      placement: placementStrategy(options.placement),
      logger,
    });
  }

  /** Joins the cluster as `starting`, reachable at `address`, and starts watching for failures. */
  async join(address: string): Promise<void> {
    this.membership.onChange((change) => {
      if (change.kind !== 'left' || change.nodeId === this.#o.nodeId) return;
      void this.#nodeLeft(change.nodeId);
    });
    this.membership.onLeaseLost(() => {
      this.#dropLostTables().catch((error: unknown) =>
        this.#o.logger.error({ err: error }, 'dropping tables lost while frozen failed'),
      );
    });
    await this.membership.start(address);
  }

  /**
   * A node's lease ran out (or it left). After a registry outage every lease may have run out
   * together, and that proves nothing: wait until ours has been renewed for a whole lease — the
   * nodes that are alive have renewed theirs by then — and act only if it is still gone.
   */
  async #nodeLeft(node: string): Promise<void> {
    for (let wait = this.membership.judgeableIn(); wait > 0; wait = this.membership.judgeableIn()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (this.membership.isLive(node)) return;
    this.router.forgetNode(node);
    this.links.drop(node);
    await this.#failover(node);
  }

  /**
   * A node left (its lease ran out, or it stopped): its tables are split among the ready members by
   * rendezvous hashing on the table id — every survivor computes the same split without talking —
   * and each takes its share with a compare-and-set on the epoch the dead node held, then recovers
   * it from the log. A table whose CAS another node won is simply not ours. Retried a few times
   * (a survivor chosen for a table may die too, or Redis may blink).
   */
  async #failover(deadNode: string): Promise<void> {
    const { directory, host, logger, nodeId } = this.#o;
    for (let attempt = 1; attempt <= FAILOVER_ATTEMPTS; attempt++) {
      // The node is back (restarted under the same id): what is still recorded as its own is its
      // new incarnation's, or will be reopened by it at start. Never take a live node's tables.
      if (this.membership.isLive(deadNode)) return;
      try {
        const orphans = await directory.ownedBy(deadNode);
        if (orphans.length === 0) return;
        const survivors = this.membership
          .members()
          .filter((m) => m.state === 'ready' && m.nodeId !== deadNode);
        let adopted = 0;
        for (const table of orphans) {
          if (this.membership.isLive(deadNode)) return;
          if (rendezvous.choose(survivors, table.tableId)?.nodeId !== nodeId) continue;
          if (await host.adopt(table.tableId, table.epoch)) adopted += 1;
        }
        logger.warn(
          { deadNode, tables: orphans.length, adopted, attempt },
          'took over tables of a node that left',
        );
      } catch (error) {
        logger.error({ deadNode, attempt, err: error }, 'failover attempt failed');
      }
      await new Promise((r) => setTimeout(r, FAILOVER_RETRY_MS * attempt));
    }
  }

  /** This node was frozen past its lease: drop every table another node has taken meanwhile. */
  async #dropLostTables(): Promise<void> {
    const { directory, host, logger, nodeId } = this.#o;
    const dropped = await host.dropLost(async (tableId, epoch) => {
      const owner = await directory.lookup(tableId);
      return owner?.nodeId === nodeId && owner.epoch === epoch;
    });
    if (dropped.length > 0) logger.warn({ dropped }, 'dropped tables taken over while this node was away');
  }

  /**
   * Whether this node should open `record` at start, and with which epoch to compare-and-set:
   * its own tables (a restart under the same node id), tables nobody owns, and tables whose owner
   * is no longer a live member. A table a live node owns is left alone.
   */
  async claim(record: TableRecord): Promise<{ expectEpoch: number } | null> {
    const { directory, nodeId } = this.#o;
    const owner = await directory.lookup(record.id);
    if (owner && owner.nodeId !== nodeId && this.membership.isLive(owner.nodeId)) return null;
    return { expectEpoch: owner ? owner.epoch : await directory.epochOf(record.id) };
  }

  /** Whether this node reaches the registry (Redis): /ready answers 503 while it does not. */
  healthy(): boolean {
    return this.membership.healthy();
  }

  /** Tells the cluster this node takes tables and clients. */
  async ready(): Promise<void> {
    await this.membership.setState('ready');
  }

  async draining(): Promise<void> {
    await this.membership.setState('draining');
  }

  /**
   * Drains this node: `draining` at once (placement and HAProxy skip it), then every table is
   * handed live to another ready node. With no other ready node: `refuse` answers
   * `{ ok: false }` and changes nothing; `wait` waits for one. Started once; later calls share it.
   */
  drain(): Promise<DrainOutcome> {
    if (this.#drain) return this.#drain;
    const refused = this.drainRefusal();
    if (refused) return Promise.resolve({ ok: false, reason: refused });
    this.#drain = this.#drainAll();
    return this.#drain;
  }

  /** Why a drain would be refused now (no other ready node, and `refuse`), or null. */
  drainRefusal(): string | null {
    if (this.#drain || this.#o.drainWithoutTarget === 'wait' || this.mover.targets().length > 0) return null;
    return "no other node is ready to take this node's tables";
  }

  async #drainAll(): Promise<DrainOutcome> {
    const { host, logger } = this.#o;
    const started = Date.now();
    host.refuseNewTables();
    await this.membership.setState('draining');
    // The other nodes may stop being ready meanwhile (the whole cluster is being stopped): only
    // `wait` waits for one; `refuse` goes on with what it can move, and leaves the rest in the log.
    for (let waited = 0; this.mover.targets().length === 0; waited += DRAIN_WAIT_MS) {
      if (this.#o.drainWithoutTarget === 'refuse') break;
      if (waited % 10_000 === 0)
        logger.warn({ tables: host.size }, 'draining: waiting for another ready node');
      await new Promise((resolve) => setTimeout(resolve, DRAIN_WAIT_MS));
    }
    const tables = host.size;
    logger.info({ tables }, 'draining: handing tables to other nodes');
    const result = await this.mover.moveAll(this.#o.drainConcurrency);
    const ms = Date.now() - started;
    if (result.left > 0) logger.error({ ...result, ms }, 'draining: some tables could not be handed off');
    else logger.info({ ...result, ms }, 'drained: every table runs on another node');
    return { ok: true, ...result, ms };
  }

  /** The operator closes a table: here if this node hosts it, otherwise on its owner over a link. */
  async closeTable(tableId: string): Promise<{ ok: true } | Rejection> {
    const { directory, host, logger, nodeId } = this.#o;
    if (host.startClose(tableId)) return { ok: true };
    const owner = await directory.lookup(tableId).catch(() => null);
    if (!owner || owner.nodeId === nodeId) return reject(ErrorCode.tableNotFound, `no table ${tableId}`);
    try {
      const link = await this.links.link(owner.nodeId);
      const parsed = LinkResultSchemas.close.safeParse(await link.request({ op: 'close', table: tableId }));
      return parsed.success
        ? parsed.data
        : reject(ErrorCode.internal, 'the owner node sent an invalid answer');
    } catch (error) {
      logger.warn({ table: tableId, owner: owner.nodeId, err: error }, 'close: the owner did not answer');
      return reject(ErrorCode.tableUnavailable, "the table's node cannot be reached; try again");
    }
  }

  /** The chips at every table of the cluster, as each owner counts them (for the chip audit). */
  async tableChips(local: { id: string; chips: number }[]): Promise<{ id: string; chips: number }[]> {
    const peers = this.membership.members().filter((m) => m.nodeId !== this.#o.nodeId);
    const remote = await Promise.all(
      peers.map(async (peer) => {
        try {
          const link = await this.links.link(peer.nodeId);
          const parsed = LinkResultSchemas.tables.safeParse(await link.request({ op: 'tables' }));
          return parsed.success ? parsed.data.tables : [];
        } catch (error) {
          this.#o.logger.warn({ peer: peer.nodeId, err: error }, 'audit: a node did not answer');
          return [];
        }
      }),
    );
    return [...local, ...remote.flat()];
  }

  /**
   * Leaves the cluster. Links are parted first — peers stop sending, and what they sent is answered —
   * and only then does the membership entry go: peers that see a node leave drop their links to it
   * at once, which would cut requests in flight.
   */
  async stop(): Promise<void> {
    this.#o.load.stop();
    await this.linkServer.close();
    this.links.close();
    await this.membership.stop();
  }
}
