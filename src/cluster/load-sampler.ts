// What a node reports as its load with every heartbeat: tables and players (counted by the
// caller), and its process's CPU use and event-loop delay since the previous report — the numbers
// placement and, later, the autoscaler read from the Registry.

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { NodeLoad } from '../ports/registry.js';

export class LoadSampler {
  readonly #counts: () => { tables: number; players: number };
  readonly #delay: IntervalHistogram;
  #lastCpu = process.cpuUsage();
  #lastAt = performance.now();

  constructor(counts: () => { tables: number; players: number }) {
    this.#counts = counts;
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
    return {
      ...this.#counts(),
      cpu: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 1000,
      loopLagMs: Math.round(loopLagMs * 10) / 10,
    };
  }

  stop(): void {
    this.#delay.disable();
  }
}
