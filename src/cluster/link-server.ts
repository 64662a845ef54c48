// The owner side of node links: accepts authenticated links from other nodes on `/cluster` and
// serves their requests with this node's TableEndpoint — the same code path as a local request.
// Each remote connection watching a table here is represented by one RemoteConnection (a
// TableSubscriber whose frames go back over the link), so the table actor treats it exactly like
// a local socket: same projection, same resume ring, same presence and turn notices.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { reject, type Rejection } from '../games/contract.js';
import { ErrorCode } from '../protocol/codes.js';
import type { Logger } from '../server/ops/logger.js';
import type { TableEndpoint } from '../server/tables/table-endpoint.js';
import { frameText, type OutgoingFrame } from '../server/tables/fanout.js';
import type { WatchingConnection } from '../server/tables/table-handle.js';
import type { TableHost } from '../server/tables/table-host.js';
import { verifyLink } from './link-auth.js';
import type { LinkRequest } from './link-protocol.js';
import { NodeLink } from './node-link.js';

/** How long a stopping node keeps answering requests its peers sent before they heard its bye. */
const LINK_PART_GRACE_MS = 1000;

/** A connection of another node, watching tables here. */
class RemoteConnection implements WatchingConnection {
  readonly tables = new Set<string>();

  constructor(
    readonly id: string,
    readonly accountId: string,
    private readonly link: NodeLink,
  ) {}

  send(data: OutgoingFrame): void {
    this.link.deliver(this.id, frameText(data));
  }

  unwatched(tableId: string): void {
    this.tables.delete(tableId);
    this.link.ended(tableId, this.id);
  }
}

export interface LinkServerDeps {
  readonly nodeId: string;
  readonly secret: string;
  readonly endpoint: TableEndpoint;
  readonly host: TableHost;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class LinkServer {
  readonly #deps: LinkServerDeps;
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    perMessageDeflate: false,
  });
  readonly #links = new Set<NodeLink>();

  constructor(deps: LinkServerDeps) {
    this.#deps = deps;
  }

  /** An upgrade on `/cluster`: a peer node, if it proves it holds the cluster secret. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const peer = verifyLink(this.#deps.secret, req.headers, (this.#deps.now ?? Date.now)());
    if (peer === null) {
      this.#deps.logger.warn(
        { remote: req.socket.remoteAddress, claimed: req.headers['x-pitboss-node'] },
        'refused a node link: wrong or missing cluster credentials',
      );
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, peer));
  }

  /** Parts from every peer (requests already sent are answered), then closes. */
  async close(graceMs = LINK_PART_GRACE_MS): Promise<void> {
    await Promise.all([...this.#links].map((link) => link.part(graceMs)));
    this.#wss.close();
  }

  #accept(ws: WebSocket, peer: string): void {
    const connections = new Map<string, RemoteConnection>();
    const link: NodeLink = new NodeLink(ws, peer, {
      onRequest: (req) => this.#serve(link, connections, req),
      onUnwatch: (table, session) => {
        const connection = connections.get(session);
        if (!connection) return;
        this.#deps.endpoint.unwatch(table, connection);
        connection.tables.delete(table);
        if (connection.tables.size === 0) connections.delete(session);
      },
      onClose: () => {
        this.#links.delete(link);
        // The peer's connections are gone with it: stop sending them anything.
        for (const connection of connections.values())
          for (const table of connection.tables) this.#deps.endpoint.unwatch(table, connection);
        connections.clear();
        this.#deps.logger.info({ peer }, 'node link closed');
      },
      onProblem: (problem, error) => this.#deps.logger.warn({ peer, err: error }, problem),
    });
    this.#links.add(link);
    this.#deps.logger.info({ peer }, 'node link accepted');
  }

  async #serve(
    link: NodeLink,
    connections: Map<string, RemoteConnection>,
    req: LinkRequest,
  ): Promise<unknown> {
    const { endpoint, host } = this.#deps;
    switch (req.op) {
      case 'join':
        return endpoint.join(req.table, req);
      case 'top_up':
        return endpoint.topUp(req.table, req.accountId, req.amount);
      case 'seat':
        return endpoint.seatCommand(req.table, req.accountId, req.kind);
      case 'act':
        return endpoint.act(req.table, req.accountId, req.action);
      case 'entropy':
        return endpoint.contribute(req.table, req.accountId, req.hand, req.value);
      case 'pause':
        return endpoint.setPaused(req.table, req.paused);
      case 'watch': {
        let connection = connections.get(req.session);
        if (!connection || connection.accountId !== req.accountId) {
          connection = new RemoteConnection(req.session, req.accountId, link);
          connections.set(req.session, connection);
        }
        connection.tables.add(req.table);
        const refused: Rejection | null = await endpoint.watch(req.table, connection, req.since, req.ref);
        if (refused) {
          connection.tables.delete(req.table);
          return refused;
        }
        return { ok: true };
      }
      case 'create':
        return host.create(req);
      case 'close':
        return host.startClose(req.table)
          ? { ok: true }
          : reject(ErrorCode.tableNotFound, `table ${req.table} is not hosted here`);
      case 'adopt':
        return req.record.id === req.table && (await host.adopt(req.table, req.epoch, req.record))
          ? { ok: true }
          : reject(ErrorCode.tableUnavailable, `node ${this.#deps.nodeId} did not take table ${req.table}`);
      case 'tables':
        await host.idle();
        return {
          ok: true,
          tables: host
            .tables()
            .map((actor) => ({ id: actor.id, chips: actor.game.chipsOnTable(actor.state) })),
        };
    }
  }
}
