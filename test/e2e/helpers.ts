// End-to-end helpers: SDK clients against a real node process.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
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
  options: {
    bots?: number;
    turnSeconds?: number;
    config?: Record<string, unknown>;
    spectators?: boolean;
  } = {},
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
    options: {
      bots: options.bots ?? 0,
      turnSeconds: options.turnSeconds ?? 30,
      ...(options.spectators === undefined ? {} : { spectators: options.spectators }),
    },
  });
  return created.table.id;
}

/**
 * Plays a seat like a person would: whenever the server says it is our turn, decide with the game's
 * bot policy on what our view shows and act through the protocol. Returns a stop function.
 */
/**
 * The buy-in a busted seat needs to play on (the table's minimum), or null if the client's seat is
 * not busted. Two seats alone at a table — or two and a bot that outlasts both — stop dealing once
 * the players have lost their chips, and a test waiting for hands would time out.
 */
function rebuyNeeded(table: TableClient<AnyGame>): number | null {
  const { legal, view, seat } = table.state;
  if (legal !== null || view === null || seat === null) return null;
  // Both games' views have seats with chips and a status, and a config with a minimum buy-in.
  const me = view.seats[seat] as { chips: number; status: string } | null | undefined;
  return me?.chips === 0 && me.status === 'sitting_out' ? view.config.minBuyIn : null;
}

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
    if (stopped || acting) return;
    const rebuy = rebuyNeeded(table);
    if (rebuy !== null) {
      acting = true;
      table
        .topUp(rebuy)
        // Refused (a closing table, say): wait for the next change rather than ask again at once.
        .then(
          () => setTimeout(consider, 20),
          () => undefined,
        )
        .finally(() => {
          acting = false;
        });
      return;
    }
    if (state.legal === null || state.view === null || state.seat === null) return;
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

/** A seat playing check/call: every acknowledged seq, and the code of every refusal. */
export interface Play {
  acked: number[];
  refused: string[];
  /** Chips added after busting (a check/call player loses to an aggressive bot in the end). */
  rebuys: number;
  stop(): void;
}

export function playCheckCall(table: TableClient<(typeof games)['holdem']>): Play {
  const result: Play = { acked: [], refused: [], rebuys: 0, stop: () => undefined };
  let busy = false;
  let stopped = false;
  const consider = () => {
    if (stopped || busy) return;
    const rebuy = rebuyNeeded(table);
    if (rebuy !== null) {
      busy = true;
      table
        .topUp(rebuy)
        .then(
          () => result.rebuys++,
          (error: unknown) => result.refused.push((error as { code?: string }).code ?? String(error)),
        )
        .finally(() => {
          busy = false;
          setTimeout(consider, 20);
        });
      return;
    }
    const { legal } = table.state;
    if (legal === null) return;
    busy = true;
    table
      .act(legal.check ? { type: 'check' } : { type: 'call' })
      .then(
        (ack) => result.acked.push(ack.seq),
        (error: unknown) => {
          // A turn that ended while the reconnecting client still showed it is the client's own
          // race, not the move's: only errors from the server about the table count.
          const code = (error as { code?: string }).code ?? String(error);
          if (!code.startsWith('action/')) result.refused.push(code);
        },
      )
      .finally(() => {
        busy = false;
        setTimeout(consider, 20);
      });
  };
  const off = table.subscribe(consider);
  result.stop = () => {
    stopped = true;
    off();
  };
  return result;
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

/**
 * Hole cards the players were dealt (their own `hole_cards` events) never reached a spectator who
 * got `seen`, unless a public event showed them. Cards recur across hands, so this is the strict
 * form over the whole session: a dealt card that no public event ever named must not appear in
 * anything the spectator got. Returns how many deals it checked.
 */
/** The cards everyone saw in `seen`: shown at showdown, revealed all in, or on the board. */
export function publicCards(seen: readonly AnyEvent[]): Set<string> {
  return new Set(
    seen
      .filter((e) => e.type === 'reveal' || e.type === 'show' || e.type === 'street')
      .flatMap((e) => [
        ...((e.cards as string[] | undefined) ?? []),
        ...((e.board as string[] | undefined) ?? []),
      ]),
  );
}

export function expectNoHiddenCardSeen(
  seen: readonly AnyEvent[],
  players: readonly { seq: number; event: AnyEvent }[],
): number {
  const dealt = players
    .filter((e) => e.event.type === 'hole_cards' && Array.isArray(e.event.cards))
    .map((e) => e.event.cards as string[]);
  const shown = publicCards(seen);
  for (const e of seen) if (e.type === 'hole_cards') expect(e.cards).toBeNull();
  const seenJson = JSON.stringify(
    seen.map((e) => (e.type === 'hand_ended' ? { ...e, record: { ...(e.record as object), board: [] } } : e)),
  );
  for (const cards of dealt)
    for (const card of cards.filter((c) => !shown.has(c))) expect(seenJson).not.toContain(`"${card}"`);
  return dealt.length;
}

/**
 * `player`'s record of one hand from the hand histories (`history.get`): their own cards in it, as
 * the live `hand_ended` (the public record) does not carry them. Histories are written just after
 * the hand's events go out, so the newest may take a moment.
 */
export async function historyRecord(player: Player, table: string, hand: number): Promise<unknown> {
  for (let tries = 0; ; tries++) {
    try {
      return (await player.client.request('history.get', { table, hand })).hand.record;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Resolves when `predicate` holds, polling; fails the test after `timeoutMs`. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The sum of a metric's samples in a node's /metrics (null when it has none). */
export async function metricValue(url: string, name: string): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return lines.length === 0
    ? null
    : lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Polls a node's metric until `wanted` holds for it; fails after `timeoutMs`. */
export async function untilMetric(
  url: string,
  name: string,
  wanted: (value: number | null) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const value = await metricValue(url, name);
    if (wanted(value)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${name} (last: ${value})`);
    await new Promise((r) => setTimeout(r, 200));
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
  /** Frames that came as binary: every Pitboss message is a text frame, so this should stay 0. */
  binaryFrames = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binaryFrames++;
      this.received.push(JSON.parse(data.toString('utf8')) as { type: string });
      for (const w of this.#waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => undefined);
  }

  /** `autoPong: false` makes a peer that never answers the node's pings (a dead one, to the node). */
  static open(node: NodeProcess, options: { autoPong?: boolean } = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(node.wsUrl, { autoPong: options.autoPong ?? true });
      const raw = new RawSocket(ws);
      ws.once('open', () => resolve(raw));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** A raw connection that said hello and signed in as a guest called `nickname`. */
  static async signedIn(node: NodeProcess, nickname: string): Promise<RawSocket> {
    const s = await RawSocket.open(node);
    expect(await s.request({ id: 'h', type: 'hello', protocols: [1] })).toMatchObject({ type: 'ack' });
    expect(await s.request({ id: 'g', type: 'auth.guest', nickname })).toMatchObject({ type: 'ack' });
    return s;
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

export interface CliProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  readonly output: () => string;
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/** Starts the built `pitboss` command with `args`, collecting what it prints. */
export function spawnCli(args: readonly string[]): CliProcess {
  const cli = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => chunks.join(''), exited };
}
