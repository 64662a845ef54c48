// A worker's counters and histograms for the current report interval. `flush` hands them over
// (as IntervalStats) and starts the next interval.

import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import { newFrameCounters, type FrameCounters } from './counting-socket.js';
import { encodeHistogram, newHistogram, type Histogram } from './latency.js';
import type { IntervalStats } from './worker-protocol.js';

/** Sampling interval of the event-loop delay monitor; its samples include it, so it is subtracted. */
const LOOP_RESOLUTION_MS = 5;

export class WorkerStats {
  readonly worker: number;
  readonly frames: FrameCounters = newFrameCounters();
  readonly ack: Histogram = newHistogram();
  readonly event: Histogram = newHistogram();
  connected = 0;
  seated = 0;
  tablesCreated = 0;
  actions = 0;
  acked = 0;
  #errors = new Map<string, number>();
  #disconnects = new Map<string, number>();
  readonly #loop: IntervalHistogram;
  readonly #gc: PerformanceObserver;
  #gcMs = 0;
  #gcMaxPauseMs = 0;

  constructor(worker: number) {
    this.worker = worker;
    this.#loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.#loop.enable();
    // GC pauses of this worker: a long one delays every message the worker's bots receive.
    this.#gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.#gcMs += entry.duration;
        this.#gcMaxPauseMs = Math.max(this.#gcMaxPauseMs, entry.duration);
      }
    });
    this.#gc.observe({ entryTypes: ['gc'] });
  }

  error(code: string): void {
    this.#errors.set(code, (this.#errors.get(code) ?? 0) + 1);
  }

  disconnect(code: number): void {
    const key = String(code);
    this.#disconnects.set(key, (this.#disconnects.get(key) ?? 0) + 1);
  }

  flush(): IntervalStats {
    const stats: IntervalStats = {
      worker: this.worker,
      at: Date.now(),
      connected: this.connected,
      seated: this.seated,
      tablesCreated: this.tablesCreated,
      actions: this.actions,
      acked: this.acked,
      framesOut: this.frames.framesOut,
      framesIn: this.frames.framesIn,
      bytesOut: this.frames.bytesOut,
      bytesIn: this.frames.bytesIn,
      errors: Object.fromEntries(this.#errors),
      disconnects: Object.fromEntries(this.#disconnects),
      ackHistogram: encodeHistogram(this.ack),
      eventHistogram: encodeHistogram(this.event),
      loopDelayP99Ms:
        this.#loop.count > 0 ? Math.max(0, this.#loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS) : 0,
      gcMs: this.#gcMs,
      gcMaxPauseMs: this.#gcMaxPauseMs,
    };
    this.#gcMs = 0;
    this.#gcMaxPauseMs = 0;
    this.actions = 0;
    this.acked = 0;
    Object.assign(this.frames, newFrameCounters());
    this.#errors = new Map();
    this.#disconnects = new Map();
    this.ack.reset();
    this.event.reset();
    this.#loop.reset();
    return stats;
  }

  close(): void {
    this.#loop.disable();
    this.#gc.disconnect();
  }
}
