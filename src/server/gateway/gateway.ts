// The WebSocket front door: accepts upgrades on /ws (or refuses them with an HTTP status), caps
// connections per IP, runs the heartbeat that finds dead peers, and closes every session with
// "going away" when the node shuts down.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '../../protocol/codes.js';
import type { TimerHandle } from '../clock.js';
import type { GatewayContext } from './gateway-context.js';
import { Session } from './session.js';

export class Gateway {
  readonly #ctx: GatewayContext;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #perIp = new Map<string, number>();
  #heartbeat: TimerHandle | null = null;
  #accepting = true;

  constructor(ctx: Omit<GatewayContext, 'onSessionClosed'>) {
    this.#ctx = { ...ctx, onSessionClosed: (s) => this.#forget(s) };
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: ctx.limits.maxFrameBytes,
      perMessageDeflate: false,
    });
    this.#scheduleHeartbeat();
  }

  get connections(): number {
    return this.#sessions.size;
  }

  sessions(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  /** Takes over an HTTP upgrade request; answers it with an HTTP error when refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!this.#accepting) return refuse(socket, 503, 'Service Unavailable');
    const ip = req.socket.remoteAddress ?? 'unknown';
    const count = this.#perIp.get(ip) ?? 0;
    if (count >= this.#ctx.limits.maxConnectionsPerIp) {
      this.#ctx.metrics.errors.inc({ code: 'rate/connections_per_ip' });
      return refuse(socket, 429, 'Too Many Requests');
    }
    this.#perIp.set(ip, count + 1);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(ws, ip, this.#ctx);
      this.#sessions.set(session.id, session);
      this.#ctx.metrics.connections.set(this.#sessions.size);
    });
  }

  /** Refuses new connections from now on (drain / shutdown). */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Closes every session with `code` (1001 "going away" at shutdown). */
  closeAll(code: number = CloseCode.goingAway, reason = 'server shutting down'): void {
    for (const session of [...this.#sessions.values()]) session.close(code, reason);
  }

  async close(): Promise<void> {
    this.#heartbeat?.cancel();
    this.#heartbeat = null;
    for (const session of [...this.#sessions.values()]) session.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #forget(session: { readonly id: string; readonly ip: string }): void {
    if (!this.#sessions.delete(session.id)) return;
    const left = (this.#perIp.get(session.ip) ?? 1) - 1;
    if (left <= 0) this.#perIp.delete(session.ip);
    else this.#perIp.set(session.ip, left);
    this.#ctx.metrics.connections.set(this.#sessions.size);
  }

  /** Every interval: a session that did not answer the previous ping is cut off; the rest are pinged. */
  #scheduleHeartbeat(): void {
    this.#heartbeat = this.#ctx.clock.after(this.#ctx.heartbeatSeconds * 1000, () => {
      for (const session of this.#sessions.values()) {
        if (!session.alive) {
          session.terminate();
          continue;
        }
        session.alive = false;
        session.ping();
      }
      this.#scheduleHeartbeat();
    });
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
