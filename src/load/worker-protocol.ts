// Messages between the load run (main thread) and its worker threads. Structured-clone data only.

import type { ThinkSpec } from './think-time.js';
import type { TablePlan } from './plan.js';

export interface WorkerInit {
  readonly type: 'init';
  readonly worker: number;
  readonly url: string;
  readonly tables: readonly TablePlan[];
  readonly think: ThinkSpec;
  readonly turnSeconds: number;
  readonly reportIntervalMs: number;
  readonly connectConcurrency: number;
  /** Prefix of table names and nicknames, unique per run. */
  readonly runId: string;
}

export type ToWorker =
  | WorkerInit
  /** Start the next `count` players of this worker's queue. */
  | { readonly type: 'release'; readonly count: number }
  /** Stop acting, report every table's progress, close every connection, then answer `stopped`. */
  | { readonly type: 'stop' };

/** Counters over one report interval (deltas), plus gauges as of its end. */
export interface IntervalStats {
  readonly worker: number;
  /** Wall-clock ms (Date.now) at the end of the interval. */
  readonly at: number;
  readonly connected: number;
  readonly seated: number;
  readonly tablesCreated: number;
  readonly actions: number;
  readonly acked: number;
  /** Frames the bots sent (= messages into the server). */
  readonly framesOut: number;
  readonly framesIn: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly disconnects: Readonly<Record<string, number>>;
  /** HDR histograms (µs), compressed base64, of this interval only. */
  readonly ackHistogram: string;
  readonly eventHistogram: string;
  /** p99 of this worker's event-loop delay over the interval (ms): how late the generator itself is. */
  readonly loopDelayP99Ms: number;
  /** Garbage collection in this worker over the interval: total and longest pause (ms). */
  readonly gcMs: number;
  readonly gcMaxPauseMs: number;
}

/** What a worker knows about one of its tables when the run stops. */
export interface TableProgress {
  readonly index: number;
  readonly id: string | null;
  readonly game: string;
  readonly seated: number;
  readonly wanted: number;
  /** Highest event seq any of its players received. */
  readonly seq: number;
  readonly handNumber: number;
  /** Hand number when the table first had all its players (null: never full). */
  readonly handNumberWhenFull: number | null;
  /** ms between the table's last received event and the stop. null: never an event. */
  readonly silentMs: number | null;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly worker: number }
  | { readonly type: 'interval'; readonly stats: IntervalStats }
  | { readonly type: 'stopped'; readonly worker: number; readonly tables: readonly TableProgress[] }
  | { readonly type: 'fatal'; readonly worker: number; readonly message: string };
