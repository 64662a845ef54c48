// The bots of one worker thread: a queue of players (table by table), started as the run releases
// them with a cap on connections opening at once, and a report to the run every interval.

import { performance } from 'node:perf_hooks';
import { LoadBot } from './bot.js';
import { countingWebSocket } from './counting-socket.js';
import { LOAD_GAMES } from './load-games.js';
import { TableTrack } from './table-track.js';
import { thinkSampler } from './think-time.js';
import type { FromWorker, TableProgress, WorkerInit } from './worker-protocol.js';
import { WorkerStats } from './worker-stats.js';
import { PitbossError } from '../sdk/index.js';

interface QueuedPlayer {
  readonly track: TableTrack;
  readonly index: number;
}

export class WorkerSwarm {
  readonly #init: WorkerInit;
  readonly #post: (message: FromWorker) => void;
  readonly #stats: WorkerStats;
  readonly #tracks: TableTrack[];
  readonly #queue: QueuedPlayer[] = [];
  readonly #bots: LoadBot[] = [];
  readonly #think: () => number;
  readonly #WebSocket;
  readonly #timer: ReturnType<typeof setInterval>;
  #released = 0;
  #next = 0;
  #opening = 0;
  #stopped = false;

  constructor(init: WorkerInit, post: (message: FromWorker) => void) {
    this.#init = init;
    this.#post = post;
    this.#stats = new WorkerStats(init.worker);
    const now = () => performance.now();
    this.#tracks = init.tables.map((plan) => new TableTrack(plan, this.#stats.event, now));
    for (const track of this.#tracks)
      for (let index = 0; index < track.plan.players; index++) this.#queue.push({ track, index });
    // Never think past the turn timer: leave at least two seconds of it for the action to land.
    const maxMs = Math.max(0, init.turnSeconds * 1000 - 2000);
    this.#think = thinkSampler(init.think, { minMs: 0, maxMs });
    this.#WebSocket = countingWebSocket(this.#stats.frames);
    this.#timer = setInterval(() => this.#report(), init.reportIntervalMs);
  }

  get players(): number {
    return this.#queue.length;
  }

  release(count: number): void {
    this.#released = Math.min(this.#queue.length, this.#released + count);
    this.#pump();
  }

  /** Stops every bot, reports the tables' progress, closes every connection. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const bot of this.#bots) bot.stop();
    const tables: TableProgress[] = this.#tracks.map((t) => t.progress());
    clearInterval(this.#timer);
    this.#report();
    for (const bot of this.#bots) bot.close();
    this.#stats.close();
    this.#post({ type: 'stopped', worker: this.#init.worker, tables });
  }

  #pump(): void {
    while (!this.#stopped && this.#next < this.#released && this.#opening < this.#init.connectConcurrency) {
      const player = this.#queue[this.#next++];
      if (!player) break;
      this.#startPlayer(player);
    }
  }

  #startPlayer({ track, index }: QueuedPlayer): void {
    const init = this.#init;
    const game = LOAD_GAMES[track.plan.game];
    const bot = new LoadBot({
      url: init.url,
      WebSocket: this.#WebSocket,
      track,
      game,
      index,
      nickname: `load-${init.runId}-${track.plan.index}-${index}`,
      tableName: `load ${init.runId} #${track.plan.index}`,
      turnSeconds: init.turnSeconds,
      think: this.#think,
      stats: this.#stats,
      now: () => performance.now(),
    });
    this.#bots.push(bot);
    this.#opening++;
    bot
      .start()
      .catch((error: unknown) => {
        this.#stats.error(error instanceof PitbossError ? error.code : 'load/start_failed');
        bot.close();
      })
      .finally(() => {
        this.#opening--;
        this.#pump();
      });
  }

  #report(): void {
    this.#post({ type: 'interval', stats: this.#stats.flush() });
  }
}
