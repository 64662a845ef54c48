// A scripted protocol v1 server for the SDK tests, on a free loopback port. It answers hello and
// auth, serves counter-game tables with gap-free seqs and resume (or a fresh view when `since` is
// too old), and lets a test override any request's handling, push messages and drop connections.

import { WebSocket, WebSocketServer } from 'ws';
import type { AccountInfo, TableSummary } from '../../src/protocol/messages.js';
import { viewAt, type CounterEvent } from './fixture-game.js';

export interface Received {
  readonly type: string;
  readonly id: string | number;
  readonly [field: string]: unknown;
}

export class FakeConnection {
  readonly received: Received[] = [];
  readonly #waiters: { type: string; resolve: (m: Received) => void }[] = [];
  readonly #claimed = new Set<Received>();

  constructor(readonly socket: WebSocket) {}

  send(message: object): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  ack(request: Received, result: unknown): void {
    this.send({ type: 'ack', ref: request.id, result });
  }

  error(request: Received | null, code: string, message = code): void {
    this.send({ type: 'error', ref: request?.id ?? null, code, message });
  }

  /** Resolves with the next (or an already received, unclaimed) request of `type`. */
  next(type: string): Promise<Received> {
    const index = this.received.findIndex((m) => m.type === type && !this.#claimed.has(m));
    const found = this.received[index];
    if (found) {
      this.#claimed.add(found);
      return Promise.resolve(found);
    }
    return new Promise((resolve) => this.#waiters.push({ type, resolve }));
  }

  deliver(message: Received): void {
    this.received.push(message);
    const index = this.#waiters.findIndex((w) => w.type === message.type);
    const waiter = this.#waiters[index];
    if (waiter) {
      this.#waiters.splice(index, 1);
      this.#claimed.add(message);
      waiter.resolve(message);
    }
  }

  requests(type: string): Received[] {
    return this.received.filter((m) => m.type === type);
  }

  /** A clean close with a code, as the server would send it. */
  close(code: number, reason = ''): void {
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close frame (the client sees 1006). */
  drop(): void {
    this.socket.terminate();
  }
}

export type Handler = (request: Received, conn: FakeConnection, server: FakeServer) => void;

export class FakeTable {
  readonly events: CounterEvent[] = [];
  readonly watchers = new Set<FakeConnection>();
  /** How many past events a resume can be served from; older `since` values get a fresh view. */
  resumeWindow = Number.POSITIVE_INFINITY;
  /** Seqs nobody is sent, live or on resume — as when a game's viewEvent returns null. */
  readonly hidden = new Set<number>();
  /** Seat of each connection at this table (spectators are absent). */
  readonly seats = new Map<FakeConnection, number>();

  constructor(readonly id: string) {}

  get seq(): number {
    return this.events.length;
  }

  summary(): TableSummary {
    return {
      id: this.id,
      game: 'holdem',
      name: this.id,
      stake: 2,
      seats: 6,
      occupied: this.seats.size,
      players: [],
      minBuyIn: 40,
      maxBuyIn: 200,
      turnSeconds: 20,
      handNumber: 0,
      watchers: this.watchers.size,
    };
  }

  sendView(conn: FakeConnection): void {
    const seat = this.seats.get(conn) ?? null;
    conn.send({
      type: 'table.view',
      table: this.id,
      game: 'holdem',
      seq: this.seq,
      seat,
      view: viewAt(this.events, this.seq),
      clocks: [],
    });
  }
}

export const guest = (n: number): AccountInfo => ({
  id: `acc-${n}`,
  nickname: `guest${n}`,
  kind: 'guest',
  username: null,
});

export class FakeServer {
  readonly connections: FakeConnection[] = [];
  readonly tables = new Map<string, FakeTable>();
  readonly validTokens = new Map<string, AccountInfo>([['good-token', guest(0)]]);
  readonly handlers = new Map<string, Handler>();
  heartbeatSeconds = 0;
  #accounts = 0;
  readonly #wss: WebSocketServer;
  readonly #connWaiters: ((c: FakeConnection) => void)[] = [];

  private constructor(wss: WebSocketServer) {
    this.#wss = wss;
    const address = wss.address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    this.url = `ws://127.0.0.1:${address.port}/ws`;
    wss.on('connection', (socket) => this.#accept(socket));
  }

  static async start(): Promise<FakeServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeServer(wss);
  }

  /** Fixed at start, so it stays valid (and refuses connections) after `stop()`. */
  readonly url: string;

  /** Replaces how requests of `type` are answered. */
  on(type: string, handler: Handler): void {
    this.handlers.set(type, handler);
  }

  table(id: string): FakeTable {
    let table = this.tables.get(id);
    if (!table) {
      table = new FakeTable(id);
      this.tables.set(id, table);
    }
    return table;
  }

  /** Appends an event and sends it to every watcher except those in `skip` (to make a gap). */
  publish(tableId: string, event: CounterEvent, skip: readonly FakeConnection[] = []): number {
    const table = this.table(tableId);
    table.events.push(event);
    for (const conn of table.watchers) {
      if (!skip.includes(conn) && !table.hidden.has(table.seq))
        conn.send({ type: 'table.event', table: tableId, seq: table.seq, event });
    }
    return table.seq;
  }

  /** Appends several events and sends them to every watcher in one `table.events` frame. */
  publishBatch(tableId: string, events: readonly CounterEvent[]): number {
    const table = this.table(tableId);
    const first = table.seq + 1;
    table.events.push(...events);
    for (const conn of table.watchers)
      conn.send({ type: 'table.events', table: tableId, seq: first, events });
    return table.seq;
  }

  /** Resolves with connection number `index` (0-based) once it exists. */
  connection(index: number): Promise<FakeConnection> {
    const existing = this.connections[index];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const check = (): void => {
        const conn = this.connections[index];
        if (conn) resolve(conn);
        else this.#connWaiters.push(check);
      };
      this.#connWaiters.push(check);
    });
  }

  async stop(): Promise<void> {
    for (const conn of this.connections) conn.socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const conn = new FakeConnection(socket);
    this.connections.push(conn);
    for (const waiter of this.#connWaiters.splice(0)) waiter(conn);
    socket.on('message', (data: Buffer) => {
      const request = JSON.parse(data.toString('utf8')) as Received;
      conn.deliver(request);
      const handler = this.handlers.get(request.type) ?? this.#defaults[request.type];
      handler?.(request, conn, this);
    });
    socket.on('close', () => {
      for (const table of this.tables.values()) table.watchers.delete(conn);
    });
  }

  #newGuest(conn: FakeConnection, request: Received): void {
    const account = guest(++this.#accounts);
    const token = `token-${this.#accounts}`;
    this.validTokens.set(token, account);
    conn.ack(request, { token, account, balance: 1000 });
  }

  readonly #defaults: Record<string, Handler> = {
    hello: (request, conn) => {
      const token = typeof request.token === 'string' ? request.token : null;
      const account = token === null ? null : (this.validTokens.get(token) ?? null);
      conn.ack(request, { protocol: 1, node: 'fake-node', heartbeatSeconds: this.heartbeatSeconds, account });
    },
    'auth.guest': (request, conn) => this.#newGuest(conn, request),
    ping: (request, conn) => conn.ack(request, { now: 0 }),
    'lobby.subscribe': (request, conn) =>
      conn.ack(request, { tables: [...this.tables.values()].map((t) => t.summary()) }),
    'table.watch': (request, conn) => {
      const table = this.tables.get(String(request.table));
      if (!table) {
        conn.error(request, 'table/not_found');
        return;
      }
      table.watchers.add(conn);
      const since = typeof request.since === 'number' ? request.since : null;
      const resumed = since !== null && since <= table.seq && table.seq - since <= table.resumeWindow;
      conn.ack(request, { table: table.summary(), resumed });
      if (!resumed) table.sendView(conn);
      else
        for (let seq = since + 1; seq <= table.seq; seq++) {
          if (!table.hidden.has(seq))
            conn.send({ type: 'table.event', table: table.id, seq, event: table.events[seq - 1] });
        }
    },
    'table.unwatch': (request, conn) => {
      this.tables.get(String(request.table))?.watchers.delete(conn);
      conn.ack(request, {});
    },
    'table.join': (request, conn) => {
      const table = this.tables.get(String(request.table));
      if (!table) {
        conn.error(request, 'table/not_found');
        return;
      }
      const seat = typeof request.seat === 'number' ? request.seat : table.seats.size;
      table.seats.set(conn, seat);
      table.watchers.add(conn);
      conn.ack(request, { seat, balance: 1000 - Number(request.buyIn) });
      table.sendView(conn);
    },
  };
}
