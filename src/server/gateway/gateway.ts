// The WebSocket front door: accepts upgrades on /ws (or refuses them with an HTTP status), caps
// connections per IP, runs the heartbeat that finds dead peers, and closes every session with
// "going away" when the node shuts down.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../../protocol/codes.js';
import type { TimerHandle } from '../clock.js';
import type { GatewayContext } from './gateway-context.js';
import { Session } from './session.js';

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Exclude<Parameters<WebSocket['send']>[1], ((...args: never[]) => unknown) | undefined>;
type SendCallback = (error?: Error) => void;

/**
 * A WebSocket whose frames sent within one tick leave in one write. A command at a table sends
 * each watcher several frames at once (its events, a turn notice, the ack); without this every
 * frame is its own writev system call. Measured (docs/benchmarks.md, bench:node): write calls per
 * player action 32 → 17.5 at 2,000 players; node CPU per action −3 to −9 % at 5,000 (the loopback
 * TCP work per byte, not the call, is most of writev's ~30 % of the node's CPU). The socket is
 * corked at the first frame of a tick and uncorked on process.nextTick, once the current callback
 * and its promise jobs have run.
 */
export class CoalescingWebSocket extends WebSocket {
  #socket: Duplex | null = null;
  #corked = false;

  /** The upgraded TCP socket this WebSocket writes to (the one given to handleUpgrade). */
  coalesceOn(socket: Duplex): void {
    this.#socket = socket;
  }

  override send(data: SendData, cb?: SendCallback): void;
  override send(data: SendData, options: SendOptions, cb?: SendCallback): void;
  override send(data: SendData, optionsOrCb?: SendOptions | SendCallback, cb?: SendCallback): void {
    const socket = this.#socket;
    if (!this.#corked && socket !== null && !socket.destroyed) {
      this.#corked = true;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    if (typeof optionsOrCb === 'function' || optionsOrCb === undefined) super.send(data, optionsOrCb);
    else super.send(data, optionsOrCb, cb);
  }
}

/** Heartbeat work is spread over slices of this length, so pings never go out all at once. */
const HEARTBEAT_SLICE_MS = 100;

export class Gateway {
  readonly #ctx: GatewayContext;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  /**
   * Sessions by heartbeat slot. Each interval is cut into slots; a session is checked and pinged in
   * its own slot, once per interval. Pinging every session in one timer callback blocked the event
   * loop for ~70 ms at 5,000 connections (one write per ping).
   */
  readonly #slots: Set<Session>[];
  readonly #slotOf = new Map<string, number>();
  #nextSlot = 0;
  #currentSlot = 0;
  #heartbeat: TimerHandle | null = null;
  #accepting = true;

  constructor(ctx: Omit<GatewayContext, 'onSessionClosed'>) {
    this.#ctx = { ...ctx, onSessionClosed: (s) => this.#forget(s) };
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: ctx.limits.maxFrameBytes,
      perMessageDeflate: false,
      WebSocket: CoalescingWebSocket,
    });
    const slots = Math.max(1, Math.round((ctx.heartbeatSeconds * 1000) / HEARTBEAT_SLICE_MS));
    this.#slots = Array.from({ length: slots }, () => new Set<Session>());
    this.#scheduleHeartbeat();
  }

  get connections(): number {
    return this.#sessions.size;
  }

  /** This node's open connection with that id. */
  session(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  sessions(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  /** Takes over an HTTP upgrade request; answers it with an HTTP error when refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!this.#accepting) return refuse(socket, 503, 'Service Unavailable');
    // Connections per IP are counted from accept to close by the HTTP front (ConnectionsPerIp),
    // so an upgrade that ws refuses (bad version, missing key) releases its count with its socket.
    if (this.#ctx.connections.isRefused(socket)) return refuse(socket, 429, 'Too Many Requests');
    const ip = req.socket.remoteAddress ?? 'unknown';
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (ws instanceof CoalescingWebSocket) ws.coalesceOn(socket);
      const session = new Session(ws, ip, this.#ctx);
      this.#sessions.set(session.id, session);
      const slot = this.#nextSlot++ % this.#slots.length;
      this.#slots[slot]?.add(session);
      this.#slotOf.set(session.id, slot);
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

  /** Closes every connection once its requests so far are answered (each waits at most `maxMs`). */
  async closeAllAnswered(code: number, reason: string, maxMs: number): Promise<void> {
    await Promise.all(
      [...this.#sessions.values()].map(async (session) => {
        await session.answered(maxMs);
        session.close(code, reason);
      }),
    );
  }

  async close(): Promise<void> {
    this.#heartbeat?.cancel();
    this.#heartbeat = null;
    for (const session of [...this.#sessions.values()]) session.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #forget(session: { readonly id: string; readonly ip: string }): void {
    const known = this.#sessions.get(session.id);
    if (!known) return;
    this.#sessions.delete(session.id);
    const slot = this.#slotOf.get(session.id);
    if (slot !== undefined) this.#slots[slot]?.delete(known);
    this.#slotOf.delete(session.id);
    this.#ctx.metrics.connections.set(this.#sessions.size);
  }

  /**
   * Every slice, the sessions of one slot: a session that did not answer its previous ping (one
   * interval ago) is cut off; the rest are pinged unless they were heard from meanwhile
   * (Session.heartbeat). Every session is visited once per interval.
   */
  #scheduleHeartbeat(): void {
    const sliceMs = (this.#ctx.heartbeatSeconds * 1000) / this.#slots.length;
    this.#heartbeat = this.#ctx.clock.after(sliceMs, () => {
      const slot = this.#slots[this.#currentSlot];
      this.#currentSlot = (this.#currentSlot + 1) % this.#slots.length;
      for (const session of slot ? [...slot] : []) {
        if (!session.heartbeat()) session.terminate();
      }
      this.#scheduleHeartbeat();
    });
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
