// The node's HTTP side, on the same port as the WebSocket: liveness, readiness, Prometheus
// metrics, the operator API behind a bearer token, and the browser client's files.

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../ops/logger.js';
import type { NodeMetrics } from '../ops/metrics.js';
import type { Gateway } from '../gateway/gateway.js';
import type { ConnectionsPerIp } from './connections-per-ip.js';
import type { StaticFiles } from './static-files.js';
import { adminRoute, type AdminActions } from './admin-routes.js';

export type { AdminActions };

export interface HttpDeps {
  readonly gateway: Gateway;
  readonly connections: ConnectionsPerIp;
  /** A client must finish its request headers (an upgrade included) within this time. */
  readonly handshakeTimeoutMs: number;
  readonly metrics: NodeMetrics;
  readonly logger: Logger;
  readonly staticFiles: StaticFiles;
  readonly adminToken: string;
  readonly isReady: () => boolean;
  /** JSON for the operator page. */
  readonly overview: () => Promise<unknown>;
  /** Chip conservation check (operators, tests). */
  readonly audit: () => Promise<unknown>;
  /** Operator actions on this node (POST, admin token). */
  readonly actions: AdminActions;
  /** Other WebSocket endpoints by path (a cluster node's `/cluster` links); `/ws` is the gateway's. */
  readonly upgrades?: Readonly<Record<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>>;
}

const MAX_ADMIN_BODY = 4096;

export class HttpFrontend {
  readonly #deps: HttpDeps;
  readonly #server: Server;

  constructor(deps: HttpDeps) {
    this.#deps = deps;
    const headersTimeout = deps.handshakeTimeoutMs;
    const options = {
      // Half-open requests (slowloris) are cut after headersTimeout; Node checks every interval.
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, 30_000),
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    };
    this.#server = createServer(options, (req, res) => {
      if (deps.connections.isRefused(req.socket)) {
        res.writeHead(429, { connection: 'close', 'content-length': 0 });
        res.end();
        return;
      }
      this.#route(req, res).catch((error: unknown) => {
        deps.logger.error({ err: error, path: req.url }, 'http request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal' });
        else res.destroy();
      });
    });
    this.#server.on('connection', (socket: Socket) => deps.connections.admit(socket));
    this.#server.on('upgrade', (req, socket, head) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const route = deps.upgrades?.[path];
      if (route) route(req, socket, head);
      else deps.gateway.handleUpgrade(req, socket, head);
    });
    this.#server.on('clientError', (_error, socket) => socket.destroy());
    // Keep-alive sockets must not hold shutdown open.
    this.#server.keepAliveTimeout = 5000;
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting connections; resolves when open HTTP requests have finished. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
    });
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'POST') return this.#post(path, req, res);
    if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
    switch (path) {
      case '/health':
        return json(res, 200, { status: 'ok' });
      case '/ready':
        return this.#deps.isReady()
          ? json(res, 200, { status: 'ready' })
          : json(res, 503, { status: 'not ready' });
      case '/metrics': {
        const body = await this.#deps.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': this.#deps.metrics.registry.contentType });
        res.end(body);
        return;
      }
      case '/api/admin/overview':
        if (!this.#authorized(req)) return json(res, 401, { error: 'admin token required' });
        return json(res, 200, await this.#deps.overview());
      case '/api/admin/audit':
        if (!this.#authorized(req)) return json(res, 401, { error: 'admin token required' });
        return json(res, 200, await this.#deps.audit());
      default:
        if (this.#deps.staticFiles.serve(path, res, method === 'HEAD')) return;
        if (path === '/') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(
            'Pitboss is running. The browser client is not built: run `npm run build`.\nWebSocket: /ws\n',
          );
          return;
        }
        return json(res, 404, { error: 'not found' });
    }
  }

  /** Operator actions (admin-routes.ts): every one needs the admin token, and is logged with what it did. */
  async #post(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = adminRoute(path, this.#deps.actions, this.#deps.logger);
    if (!route) return json(res, 405, { error: 'method not allowed' });
    if (!this.#authorized(req)) return json(res, 401, { error: 'admin token required' });
    const body = await readBody(req, MAX_ADMIN_BODY);
    if (body === null) return json(res, 413, { error: `request body over ${MAX_ADMIN_BODY} bytes` });
    const answer = await route(body, req.socket.remoteAddress);
    return json(res, answer.status, answer.body);
  }

  #authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const expected = Buffer.from(this.#deps.adminToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** The request body as text, or null past `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
