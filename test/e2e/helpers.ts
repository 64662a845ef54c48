// End-to-end helpers: SDK clients against a real node process.

import WebSocket from 'ws';
import { expect } from 'vitest';
import { Rng } from '../../src/games/rng.js';
import type { games } from '../../src/games/index.js';
import { PitbossClient } from '../../src/sdk/index.js';
import type { TableClient } from '../../src/sdk/index.js';
import type { NodeProcess } from '../support/node-process.js';

export type AnyGame = (typeof games)['holdem'] | (typeof games)['hokm'];

export const FAST_FLAGS = {
  'timing.hand-delay-ms': 200,
  'timing.bot-min-ms': 30,
  'timing.bot-max-ms': 80,
  'timing.leaving-ms': 100,
};

export interface Player {
  readonly client: PitbossClient;
  /** Every socket this player's client opened, newest last: a test can cut one like a network failure. */
  readonly sockets: WebSocket[];
  readonly accountId: string;
  readonly token: string;
}

export async function guest(
  node: NodeProcess,
  nickname: string,
  options: {
    reconnect?: boolean;
    token?: string;
    /** Each reconnect goes to the next of these nodes (as a load balancer might send it). */
    then?: readonly NodeProcess[];
  } = {},
): Promise<Player> {
  const sockets: WebSocket[] = [];
  const route = [node, ...(options.then ?? [])];
  class TrackedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(route[sockets.length % route.length]?.wsUrl ?? url, protocols);
      sockets.push(this);
    }
  }
  const client = new PitbossClient({
    url: node.wsUrl,
    WebSocket: TrackedWebSocket,
    token: options.token ?? null,
    reconnect: options.reconnect === false ? false : { initialDelayMs: 50, maxDelayMs: 500 },
    requestTimeoutMs: 20_000,
  });
  const opened = await client.connect();
  if (options.token !== undefined) {
    const account = client.account;
    if (!account) throw new Error(`token not accepted: ${JSON.stringify(opened)}`);
    return { client, sockets, accountId: account.id, token: options.token };
  }
  const signedIn = await client.request('auth.guest', { nickname });
  return { client, sockets, accountId: signedIn.account.id, token: signedIn.token };
}

export async function createTable(
  player: Player,
  game: 'holdem' | 'hokm',
  options: { bots?: number; turnSeconds?: number; config?: Record<string, unknown> } = {},
): Promise<string> {
  const config =
    options.config ??
    (game === 'holdem'
      ? { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 }
      : { stake: 100, minBuyIn: 100, maxBuyIn: 1000 });
  const created = await player.client.request('table.create', {
    game,
    name: `e2e ${game}`,
    config,
    options: { bots: options.bots ?? 0, turnSeconds: options.turnSeconds ?? 30 },
  });
  return created.table.id;
}

/**
 * Plays a seat like a person would: whenever the server says it is our turn, decide with the game's
 * bot policy on what our view shows and act through the protocol. Returns a stop function.
 */
export function autoPlay(table: TableClient<AnyGame>, game: AnyGame, seed: number): () => void {
  const rng = Rng.fromSeed(seed.toString(16).padStart(64, '0'));
  // The union of two games' bot policies is not callable with a union of inputs; `game` is the
  // module the table client was built with, so its view and legal actions match.
  const decide = game.bot.decide.bind(game.bot) as (
    input: { view: unknown; seat: number; legal: unknown },
    rng: Rng,
  ) => unknown;
  let acting = false;
  let stopped = false;
  const consider = (): void => {
    const state = table.state;
    if (stopped || acting || state.legal === null || state.view === null || state.seat === null) return;
    acting = true;
    const action = decide({ view: state.view, seat: state.seat, legal: state.legal }, rng);
    table
      .act(action as never)
      .catch(() => undefined)
      .finally(() => {
        acting = false;
        // Frames that arrived in the same read as the ack (our next turn among them) were handled
        // before this callback ran: look again rather than wait for a notification.
        consider();
      });
  };
  const off = table.subscribe(consider);
  return () => {
    stopped = true;
    off();
  };
}

export type AnyEvent = { type: string; [k: string]: unknown };

/** Every event one client receives for a table, in order. */
export function recordEvents(player: Player, table: string): { seq: number; event: AnyEvent }[] {
  const events: { seq: number; event: AnyEvent }[] = [];
  player.client.on('table.event', (m) => {
    if (m.table === table) events.push({ seq: m.seq, event: m.event as AnyEvent });
  });
  return events;
}

/** Resolves when `predicate` holds, polling; fails the test after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function adminGet(node: NodeProcess, path: string): Promise<unknown> {
  const res = await fetch(`${node.url}${path}`, { headers: { authorization: `Bearer ${node.adminToken}` } });
  expect(res.status).toBe(200);
  return res.json();
}

/** The ledger balances and every table holds exactly the chips the ledger says it does. */
export async function expectChipsConserved(node: NodeProcess): Promise<void> {
  const audit = (await adminGet(node, '/api/admin/audit')) as {
    balanced: boolean;
    tablesMatch: boolean;
    tables: unknown[];
  };
  expect(audit.balanced, JSON.stringify(audit)).toBe(true);
  expect(audit.tablesMatch, JSON.stringify(audit)).toBe(true);
}

/** A bare WebSocket for tests that speak (or abuse) the protocol by hand. */
export class RawSocket {
  readonly ws: WebSocket;
  readonly received: { type: string; [k: string]: unknown }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as { type: string });
      for (const w of this.#waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => undefined);
  }

  static open(node: NodeProcess): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(node.wsUrl);
      const raw = new RawSocket(ws);
      ws.once('open', () => resolve(raw));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The reply to request `id`. */
  async reply(id: string | number, timeoutMs = 10_000): Promise<{ type: string; [k: string]: unknown }> {
    const started = Date.now();
    for (;;) {
      const found = this.received.find((m) => (m.type === 'ack' || m.type === 'error') && m.ref === id);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no reply to ${String(id)}`);
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  async request(message: {
    id: string | number;
    type: string;
    [k: string]: unknown;
  }): Promise<{ type: string; [k: string]: unknown }> {
    this.send(message);
    return this.reply(message.id);
  }

  close(): void {
    this.ws.close();
  }
}
