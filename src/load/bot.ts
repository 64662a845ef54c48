// One load player: an SDK client that signs in as a guest, creates or joins its table, and plays
// whenever the server says it is its turn — after a think time, with the game's own bot policy,
// through `table.act`. It measures action → ack itself; "action → event received by the other
// seats" is measured by its table's TableTrack as the other players receive the events.

import { randomBytes } from 'node:crypto';
import { Rng } from '../games/rng.js';
import type { games } from '../games/index.js';
import { PitbossClient, PitbossError, TableClient, type WebSocketConstructor } from '../sdk/index.js';
import { recordMs } from './latency.js';
import type { LoadGame } from './load-games.js';
import type { TableTrack } from './table-track.js';
import type { WorkerStats } from './worker-stats.js';

type AnyGame = (typeof games)['holdem'] | (typeof games)['hokm'];

export interface BotDeps {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  readonly track: TableTrack;
  readonly game: LoadGame;
  /** This player's index at its table: player 0 creates the table. */
  readonly index: number;
  readonly nickname: string;
  readonly tableName: string;
  readonly turnSeconds: number;
  readonly think: () => number;
  readonly stats: WorkerStats;
  readonly now: () => number;
}

export class LoadBot {
  readonly #deps: BotDeps;
  readonly #rng = Rng.fromSeed(randomBytes(32).toString('hex'));
  #client: PitbossClient | null = null;
  #table: TableClient<AnyGame> | null = null;
  #thinking: ReturnType<typeof setTimeout> | null = null;
  #acting = false;
  #rebuying = false;
  /** A rebuy failed (e.g. the wallet ran dry): do not try again on every event. */
  #rebuyFailed = false;
  #stopped = false;
  #connected = false;
  #seated = false;
  /** Id of the last action of a table-mate this seat has timed (each is timed once per seat). */
  #lastTimed = 0;

  constructor(deps: BotDeps) {
    this.#deps = deps;
  }

  /** Connects, signs in, creates or finds the table, and takes a seat. Rejects on any failure. */
  async start(): Promise<void> {
    try {
      await this.#start();
    } catch (error) {
      // The table's other players wait for its id: tell them it will not come.
      if (this.#deps.index === 0) this.#deps.track.created(null);
      throw error;
    }
  }

  async #start(): Promise<void> {
    const { stats, track } = this.#deps;
    const client = new PitbossClient({
      url: this.#deps.url,
      WebSocket: this.#deps.WebSocket,
      clientName: 'pitboss-load/1',
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 30_000,
      reconnect: { initialDelayMs: 500, maxDelayMs: 10_000 },
    });
    this.#client = client;
    client.on('disconnect', (info) => {
      if (this.#stopped) return;
      stats.disconnect(info.code);
      this.#setConnected(false);
    });
    client.on('open', () => {
      if (!this.#stopped) this.#setConnected(true);
    });
    client.on('error', (error) => stats.error(error.code));
    await client.connect();
    await client.request('auth.guest', { nickname: this.#deps.nickname });
    let tableId: string | null;
    if (this.#deps.index === 0) {
      const created = await client.request('table.create', {
        game: track.plan.game,
        name: this.#deps.tableName,
        config: this.#deps.game.config(track.plan.seats),
        options: { turnSeconds: this.#deps.turnSeconds, bots: 0 },
      });
      tableId = created.table.id;
      stats.tablesCreated++;
      track.created(tableId);
    } else {
      tableId = await track.tableId();
      if (tableId === null) throw new PitbossError('load/no_table', 'the table was not created');
    }
    if (this.#stopped) return;
    // No deal entropy from load bots: one more command per player per hand would change the
    // workload the benchmarks have measured all along (docs/benchmarks.md); browsers do send it.
    const table = new TableClient<AnyGame>(client, tableId, this.#deps.game.module, {
      contributeEntropy: false,
    });
    this.#table = table;
    table.subscribe((state, change) => {
      if (change.kind === 'event')
        this.#lastTimed = track.eventReceived(this.#deps.index, change.seq, this.#lastTimed);
      if (state.view !== null) track.handNumberSeen(this.#deps.game.handNumber(state.view));
      this.#consider();
    });
    await table.join(this.#deps.game.buyIn);
    this.#setSeated(true);
    this.#consider();
  }

  /** Stops acting (pending think timers are dropped); the connection stays open. */
  stop(): void {
    this.#stopped = true;
    if (this.#thinking !== null) clearTimeout(this.#thinking);
    this.#thinking = null;
  }

  close(): void {
    this.stop();
    this.#table?.dispose();
    this.#client?.close('load run finished');
    this.#setSeated(false);
    this.#setConnected(false);
  }

  #setConnected(connected: boolean): void {
    if (connected === this.#connected) return;
    this.#connected = connected;
    this.#deps.stats.connected += connected ? 1 : -1;
  }

  #setSeated(seated: boolean): void {
    if (seated === this.#seated) return;
    this.#seated = seated;
    this.#deps.stats.seated += seated ? 1 : -1;
    this.#deps.track.seated += seated ? 1 : -1;
  }

  /** Whenever something changed: if it is our turn, think, then act. */
  #consider(): void {
    if (this.#stopped || this.#acting || this.#rebuying || this.#thinking !== null) return;
    const state = this.#table?.state;
    if (!state || state.view === null || state.seat === null) return;
    if (state.legal === null) {
      if (this.#seated && !this.#rebuyFailed && this.#deps.game.needsRebuy(state.view, state.seat))
        void this.#rebuy();
      return;
    }
    this.#thinking = setTimeout(() => {
      this.#thinking = null;
      this.#act();
    }, this.#deps.think());
  }

  #act(): void {
    const table = this.#table;
    const state = table?.state;
    // The turn may have passed while we thought (the turn timer, a seat leaving).
    if (
      this.#stopped ||
      !table ||
      !state ||
      state.legal === null ||
      state.view === null ||
      state.seat === null
    )
      return;
    const { stats, track, now } = this.#deps;
    const action = this.#deps.game.decide(state.view, state.seat, state.legal, this.#rng);
    this.#acting = true;
    track.actionSent(this.#deps.index, state.seq ?? 0);
    stats.actions++;
    const sentAt = now();
    table
      .act(action as never)
      .then(
        () => {
          recordMs(stats.ack, now() - sentAt);
          stats.acked++;
        },
        (error: unknown) => stats.error(codeOf(error)),
      )
      .finally(() => {
        this.#acting = false;
        // Frames that arrived in the same read as the ack (our next turn among them) were handled
        // before this callback: look again rather than wait for the next change.
        this.#consider();
      });
  }

  /** Out of chips between hands: stand up and buy in again (the wallet permitting). */
  async #rebuy(): Promise<void> {
    const table = this.#table;
    if (!table) return;
    this.#rebuying = true;
    try {
      await table.leave();
      this.#setSeated(false);
      if (this.#stopped) return;
      await table.join(this.#deps.game.buyIn);
      this.#setSeated(true);
    } catch (error) {
      this.#rebuyFailed = true;
      this.#deps.stats.error(codeOf(error));
    } finally {
      this.#rebuying = false;
    }
    this.#consider();
  }
}

function codeOf(error: unknown): string {
  return error instanceof PitbossError ? error.code : 'load/unexpected';
}
