// What a node reports as its load with every heartbeat: tables and players, its process's CPU and
// memory, event-loop delay, error rate and table creations since the previous report — the
// numbers placement and the autoscaler (src/autoscale) read from the Registry.

import { totalmem } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { NodeLoad } from '../ports/registry.js';

export interface LoadSources {
  /** Tables hosted and players connected now. */
  counts(): { tables: number; players: number };
  /** Running totals since the node started (NodeMetrics.totals). */
  totals(): { messagesIn: number; errors: number; tablesCreated: number };
}

export class LoadSampler {
  readonly #sources: LoadSources;
  readonly #delay: IntervalHistogram;
  /** What the process may use: its cgroup's memory limit where one is set, else the machine's RAM. */
  readonly #memoryLimit: number;
  #lastCpu = process.cpuUsage();
  #lastAt = performance.now();
  #lastTotals: { messagesIn: number; errors: number; tablesCreated: number };

  constructor(sources: LoadSources) {
    this.#sources = sources;
    this.#lastTotals = sources.totals();
    // Node 20 answers undefined on some systems despite its types (isFinite is false for it), and
    // a huge number where no limit is set.
    const constrained = process.constrainedMemory();
    this.#memoryLimit =
      Number.isFinite(constrained) && constrained > 0 && constrained < Number.MAX_SAFE_INTEGER
        ? constrained
        : totalmem();
    this.#delay = monitorEventLoopDelay({ resolution: 10 });
    this.#delay.enable();
  }

  /** The load since the last call: CPU in cores (0–1 per core), the loop delay's p99 in ms. */
  sample(): NodeLoad {
    const now = performance.now();
    const cpu = process.cpuUsage(this.#lastCpu);
    const elapsedMs = Math.max(1, now - this.#lastAt);
    this.#lastCpu = process.cpuUsage();
    this.#lastAt = now;
    const loopLagMs = this.#delay.count > 0 ? this.#delay.percentile(99) / 1e6 : 0;
    this.#delay.reset();
    const totals = this.#sources.totals();
    const messages = totals.messagesIn - this.#lastTotals.messagesIn;
    const errors = totals.errors - this.#lastTotals.errors;
    const created = totals.tablesCreated - this.#lastTotals.tablesCreated;
    this.#lastTotals = totals;
    const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
    return {
      ...this.#sources.counts(),
      cpu: round((cpu.user + cpu.system) / 1000 / elapsedMs, 3),
      loopLagMs: round(loopLagMs, 1),
      memory: round(memoryShare(this.#memoryLimit), 3),
      // Errors without messages (a connection refused before it spoke) still count against none.
      errorRate: messages > 0 ? round(Math.min(1, errors / messages), 3) : 0,
      tablesCreatedPerMinute: round((created * 60_000) / elapsedMs, 1),
      seatQueue: 0,
    };
  }

  stop(): void {
    this.#delay.disable();
  }
}

/**
 * How close the process is to running out of memory: the larger of its RSS against what it may
 * use (cgroup or machine) and its V8 heap against the heap's limit — on a big machine the heap
 * limit is the one a Node process meets first.
 */
function memoryShare(limit: number): number {
  const heap = getHeapStatistics();
  const heapShare = heap.heap_size_limit > 0 ? heap.used_heap_size / heap.heap_size_limit : 0;
  return Math.max(process.memoryUsage.rss() / limit, heapShare);
}
