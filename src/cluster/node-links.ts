// The gateway side of node links: one outgoing link per peer, dialled on first use (and again
// after it drops) at the address the peer registered. Frames that come back are handed to this
// node's own connections by id; when a link drops, every connection watching a table through it
// is told the table moved (`table.closed`/`moved`) — the SDK re-watches from its last seq and the
// router finds the table's owner again.

import WebSocket from 'ws';
import { TableClosedReason } from '../protocol/codes.js';
import type { Logger } from '../server/ops/logger.js';
import type { WatchingConnection } from '../server/tables/table-handle.js';
import { linkHeaders } from './link-auth.js';
import { NodeLink } from './node-link.js';

export interface LinkDirectory {
  /** The registered link address of a live node, or null. */
  addressOf(nodeId: string): string | null;
}

export interface LocalConnections {
  /** This node's connection with that id, if it is still open. */
  connection(id: string): (WatchingConnection & { unwatched(tableId: string): void }) | undefined;
}

/** Remote watches made through one link: table → this node's connections watching it there. */
type Watches = Map<string, Map<string, WatchingConnection>>;

export class NodeLinks {
  readonly #nodeId: string;
  readonly #secret: string;
  readonly #directory: LinkDirectory;
  readonly #local: LocalConnections;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #links = new Map<string, Promise<NodeLink>>();
  readonly #watches = new Map<string, Watches>();

  constructor(deps: {
    nodeId: string;
    secret: string;
    directory: LinkDirectory;
    local: LocalConnections;
    logger: Logger;
    timeoutMs?: number;
  }) {
    this.#nodeId = deps.nodeId;
    this.#secret = deps.secret;
    this.#directory = deps.directory;
    this.#local = deps.local;
    this.#logger = deps.logger;
    this.#timeoutMs = deps.timeoutMs ?? 10_000;
  }

  /** The link to `peer`, dialling it if needed. Rejects if the peer is unknown or unreachable. */
  link(peer: string): Promise<NodeLink> {
    const existing = this.#links.get(peer);
    if (existing) return existing;
    const dialled = this.#dial(peer);
    this.#links.set(peer, dialled);
    dialled.catch(() => this.#links.delete(peer));
    return dialled;
  }

  /** Records that `connection` watches `table` on `peer` (so a dropped link can tell it). */
  watching(peer: string, table: string, connection: WatchingConnection): void {
    let byTable = this.#watches.get(peer);
    if (!byTable) {
      byTable = new Map();
      this.#watches.set(peer, byTable);
    }
    let connections = byTable.get(table);
    if (!connections) {
      connections = new Map();
      byTable.set(table, connections);
    }
    connections.set(connection.id, connection);
  }

  notWatching(peer: string, table: string, connectionId: string): void {
    const connections = this.#watches.get(peer)?.get(table);
    connections?.delete(connectionId);
    if (connections?.size === 0) this.#watches.get(peer)?.delete(table);
  }

  /**
   * The membership says `peer` is gone: drop the link to it now. A frozen peer (SIGSTOP, a long
   * pause) keeps its TCP connections open, so without this its watchers here would wait on a link
   * that never answers while another node already serves their tables. Dropping it tells them the
   * tables moved; their clients re-watch and find the new owner.
   */
  drop(peer: string): void {
    const link = this.#links.get(peer);
    if (!link) return;
    this.#links.delete(peer);
    void link.then(
      (l) => l.terminate(),
      () => undefined,
    );
  }

  close(): void {
    for (const link of this.#links.values())
      void link.then(
        (l) => l.close(1001, 'node stopping'),
        () => undefined,
      );
    this.#links.clear();
  }

  async #dial(peer: string): Promise<NodeLink> {
    const address = this.#directory.addressOf(peer);
    if (address === null) throw new Error(`node ${peer} is not a live member`);
    const ws = new WebSocket(address, {
      headers: linkHeaders(this.#secret, this.#nodeId, Date.now()),
      maxPayload: 64 * 1024 * 1024,
      perMessageDeflate: false,
      handshakeTimeout: 5_000,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`node ${peer} refused the link: HTTP ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
    const link: NodeLink = new NodeLink(
      ws,
      peer,
      {
        onDeliver: (sessions, data) => {
          for (const id of sessions) this.#local.connection(id)?.send(data);
        },
        onEnded: (table, session) => {
          this.notWatching(peer, table, session);
          this.#local.connection(session)?.unwatched(table);
        },
        // The owner is stopping: dial afresh next time (or find it gone); this link takes no requests.
        onBye: () => {
          void this.#links.get(peer)?.then((current) => {
            if (current === link) this.#links.delete(peer);
          });
        },
        onClose: () => this.#lost(peer, link),
        onProblem: (problem, error) => this.#logger.warn({ peer, err: error }, problem),
      },
      { timeoutMs: this.#timeoutMs },
    );
    this.#logger.info({ peer, address }, 'node link open');
    return link;
  }

  #lost(peer: string, link: NodeLink): void {
    void this.#links.get(peer)?.then((current) => {
      if (current === link) this.#links.delete(peer);
    });
    const byTable = this.#watches.get(peer);
    this.#watches.delete(peer);
    if (!byTable) return;
    for (const [table, connections] of byTable) {
      const notice = JSON.stringify({ type: 'table.closed', table, reason: TableClosedReason.moved });
      for (const id of connections.keys()) {
        const connection = this.#local.connection(id);
        if (!connection) continue;
        connection.send(notice);
        connection.unwatched(table);
      }
    }
    this.#logger.warn({ peer }, 'node link lost');
  }
}
