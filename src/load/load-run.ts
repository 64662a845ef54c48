// A load run, from the main thread: starts the worker threads, releases players at the ramp rate
// up to the current target, collects the workers' reports into totals, phases and a time series,
// reads the node's /metrics, and stops everything. The CLI drives it by duration; the capacity
// benchmark drives it step by step (setTarget + phases).

import { randomBytes } from 'node:crypto';
import { Collector, type Phase, type SeriesPoint } from './collector.js';
import type { RunPlan } from './plan.js';
import { fetchServerMetrics, httpBaseOf, type ServerSample } from './server-metrics.js';
import type { ThinkSpec } from './think-time.js';
import { startWorker, type PooledWorker } from './worker-pool.js';
import type { FromWorker, TableProgress } from './worker-protocol.js';

export interface LoadRunConfig {
  readonly url: string;
  readonly plan: RunPlan;
  readonly think: ThinkSpec;
  readonly turnSeconds: number;
  readonly workers: number;
  readonly rampPerSecond: number;
  readonly connectConcurrency: number;
  readonly metricsIntervalMs: number;
  /** How often workers report and the time series gets a point (default 1 s). */
  readonly tickMs?: number;
  readonly onTick?: (point: SeriesPoint, collector: Collector) => void;
}

export interface RunEnd {
  readonly tables: readonly TableProgress[];
  /** Worker failures (a worker that crashed stops reporting; the run goes on without it). */
  readonly workerFailures: readonly string[];
  readonly metricsErrors: number;
}

const RAMP_TICK_MS = 100;

export class LoadRun {
  readonly collector: Collector;
  readonly httpBase: string;
  readonly runId = randomBytes(3).toString('hex');
  readonly #config: LoadRunConfig;
  readonly #workers: PooledWorker[] = [];
  /** Players each worker has, and how many of them were released. */
  readonly #capacity: number[];
  readonly #released: number[];
  readonly #stopped = new Map<number, readonly TableProgress[]>();
  readonly #failures: string[] = [];
  readonly #dead = new Set<number>();
  #onStopped: (() => void) | null = null;
  #target: number;
  #allowance = 0;
  #ramp: ReturnType<typeof setInterval> | null = null;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #metrics: ReturnType<typeof setInterval> | null = null;
  #metricsErrors = 0;
  #ended: RunEnd | null = null;

  private constructor(config: LoadRunConfig) {
    this.#config = config;
    this.collector = new Collector();
    this.httpBase = httpBaseOf(config.url);
    this.#target = config.plan.players;
    this.#capacity = Array.from({ length: config.workers }, (_, w) =>
      config.plan.tables.filter((t) => t.worker === w).reduce((n, t) => n + t.players, 0),
    );
    this.#released = this.#capacity.map(() => 0);
  }

  /** Starts the workers (idle until players are released) and the metrics reader. */
  static async start(config: LoadRunConfig): Promise<LoadRun> {
    const run = new LoadRun(config);
    await run.#startWorkers();
    run.#begin();
    return run;
  }

  get released(): number {
    return this.#released.reduce((a, b) => a + b, 0);
  }

  get target(): number {
    return this.#target;
  }

  get failures(): readonly string[] {
    return this.#failures;
  }

  /** Players to bring in (released at the ramp rate), at most the plan's. */
  setTarget(players: number): void {
    this.#target = Math.max(0, Math.min(this.#config.plan.players, players));
  }

  /** Ends the current phase and starts `name`, with a fresh read of the node's metrics at the edge. */
  async phase(name: string): Promise<Phase> {
    const sample = await this.#sample();
    return this.collector.startPhase(name, sample);
  }

  async endPhase(): Promise<void> {
    this.collector.endPhase(await this.#sample());
  }

  /** Resolves true once `predicate` holds (checked every tick), false after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(250, Math.max(1, deadline - Date.now())));
    }
    return true;
  }

  /** Stops acting, collects every table's progress, closes all connections and the workers. */
  async stop(): Promise<RunEnd> {
    if (this.#ended) return this.#ended;
    if (this.#ramp) clearInterval(this.#ramp);
    this.#ramp = null;
    await this.endPhase();
    // The node's last sample is the one taken as the last phase ended: sampling on while the bots
    // disconnect would report a half-emptied node as the run's final state.
    if (this.#metrics) clearInterval(this.#metrics);
    this.#metrics = null;
    const allStopped = new Promise<void>((resolve) => {
      this.#onStopped = resolve;
      this.#checkStopped();
    });
    for (const w of this.#workers) if (!this.#dead.has(w.index)) w.post({ type: 'stop' });
    // A worker that does not answer in time is terminated with the others.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([allStopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, 30_000)))]);
    clearTimeout(timer);
    if (this.#ticker) clearInterval(this.#ticker);
    this.collector.tick();
    // Let the close frames go out before the threads end.
    await sleep(500);
    await Promise.all(this.#workers.map((w) => w.terminate()));
    this.#ended = {
      tables: [...this.#stopped.values()].flat().sort((a, b) => a.index - b.index),
      workerFailures: this.#failures,
      metricsErrors: this.#metricsErrors,
    };
    return this.#ended;
  }

  async #startWorkers(): Promise<void> {
    const ready = new Set<number>();
    let resolveReady: () => void = () => undefined;
    const allReady = new Promise<void>((resolve) => (resolveReady = resolve));
    const { plan } = this.#config;
    for (let w = 0; w < this.#config.workers; w++) {
      const worker = startWorker(w, {
        message: (m) => {
          if (m.type === 'ready') {
            ready.add(m.worker);
            if (ready.size + this.#dead.size >= this.#config.workers) resolveReady();
          } else this.#onMessage(m);
        },
        failed: (index, error) => {
          this.#dead.add(index);
          this.#failures.push(`worker ${index}: ${error.message}`);
          if (ready.size + this.#dead.size >= this.#config.workers) resolveReady();
          this.#checkStopped();
        },
      });
      this.#workers.push(worker);
      worker.post({
        type: 'init',
        worker: w,
        url: this.#config.url,
        tables: plan.tables.filter((t) => t.worker === w),
        think: this.#config.think,
        turnSeconds: this.#config.turnSeconds,
        reportIntervalMs: this.#config.tickMs ?? 1000,
        connectConcurrency: this.#config.connectConcurrency,
        runId: this.runId,
      });
    }
    await allReady;
    if (this.#dead.size === this.#config.workers)
      throw new Error(`no load worker started: ${this.#failures.join('; ')}`);
  }

  #begin(): void {
    this.#ramp = setInterval(() => this.#releaseRamp(), RAMP_TICK_MS);
    this.#ticker = setInterval(() => {
      const point = this.collector.tick();
      this.#config.onTick?.(point, this.collector);
    }, this.#config.tickMs ?? 1000);
    this.#metrics = setInterval(() => void this.#sample(), this.#config.metricsIntervalMs);
    void this.#sample();
  }

  #onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'interval':
        this.collector.add(message.stats);
        return;
      case 'stopped':
        this.#stopped.set(message.worker, message.tables);
        this.#checkStopped();
        return;
      case 'fatal':
        this.#failures.push(`worker ${message.worker}: ${message.message}`);
        return;
      case 'ready':
        return;
    }
  }

  #checkStopped(): void {
    if (this.#onStopped && this.#stopped.size + this.#dead.size >= this.#workers.length) this.#onStopped();
  }

  /** Releases players at the ramp rate, spread over the workers that still have some. */
  #releaseRamp(): void {
    const wanted = this.#target - this.released;
    if (wanted <= 0) {
      this.#allowance = 0;
      return;
    }
    this.#allowance += (this.#config.rampPerSecond * RAMP_TICK_MS) / 1000;
    let count = Math.min(wanted, Math.floor(this.#allowance));
    if (count <= 0) return;
    this.#allowance -= count;
    const batch = this.#released.map(() => 0);
    // One at a time to the worker with the smallest share released, so workers fill evenly.
    while (count > 0) {
      let best = -1;
      let bestShare = Infinity;
      for (let w = 0; w < batch.length; w++) {
        const cap = this.#capacity[w] ?? 0;
        const done = (this.#released[w] ?? 0) + (batch[w] ?? 0);
        if (done >= cap || this.#dead.has(w)) continue;
        const share = done / cap;
        if (share < bestShare) {
          bestShare = share;
          best = w;
        }
      }
      if (best < 0) break;
      batch[best] = (batch[best] ?? 0) + 1;
      count--;
    }
    batch.forEach((n, w) => {
      if (n === 0) return;
      this.#released[w] = (this.#released[w] ?? 0) + n;
      this.#workers[w]?.post({ type: 'release', count: n });
    });
  }

  async #sample(): Promise<ServerSample | null> {
    try {
      const sample = await fetchServerMetrics(this.httpBase);
      this.collector.serverSample(sample);
      return sample;
    } catch {
      this.#metricsErrors++;
      return null;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
