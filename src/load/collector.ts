// Adds up what the workers report: totals for the whole run, one accumulator per phase (ramp,
// steady, or the bench's steps), and a time series with one point per tick for the charts.

import { decodeHistogram, newHistogram, summarize, type Histogram, type LatencySummary } from './latency.js';
import { sameNode, type ServerSample } from './server-metrics.js';
import type { IntervalStats } from './worker-protocol.js';

export class Accumulator {
  readonly ack: Histogram = newHistogram();
  readonly event: Histogram = newHistogram();
  actions = 0;
  acked = 0;
  framesOut = 0;
  framesIn = 0;
  bytesOut = 0;
  bytesIn = 0;
  loopDelayP99Ms = 0;
  gcMs = 0;
  gcMaxPauseMs = 0;
  readonly errors = new Map<string, number>();
  readonly disconnects = new Map<string, number>();

  add(stats: IntervalStats, ack: Histogram, event: Histogram): void {
    this.ack.add(ack);
    this.event.add(event);
    this.actions += stats.actions;
    this.acked += stats.acked;
    this.framesOut += stats.framesOut;
    this.framesIn += stats.framesIn;
    this.bytesOut += stats.bytesOut;
    this.bytesIn += stats.bytesIn;
    this.loopDelayP99Ms = Math.max(this.loopDelayP99Ms, stats.loopDelayP99Ms);
    this.gcMs += stats.gcMs;
    this.gcMaxPauseMs = Math.max(this.gcMaxPauseMs, stats.gcMaxPauseMs);
    addCounts(this.errors, stats.errors);
    addCounts(this.disconnects, stats.disconnects);
  }

  get errorCount(): number {
    return sum(this.errors);
  }

  get disconnectCount(): number {
    return sum(this.disconnects);
  }
}

export interface SeriesPoint {
  /** Seconds since the run started. */
  readonly t: number;
  readonly connected: number;
  readonly seated: number;
  readonly tables: number;
  readonly actionsPerSecond: number;
  /** Frames into the server (sent by the bots) and out of it (received by the bots), per second. */
  readonly messagesInPerSecond: number;
  readonly messagesOutPerSecond: number;
  readonly ack: LatencySummary;
  readonly event: LatencySummary;
  readonly errors: number;
  readonly disconnects: number;
  readonly generatorLoopP99Ms: number;
  /** Longest GC pause in any worker during the tick. */
  readonly generatorGcMaxPauseMs: number;
  /** CPU of the whole load generator process (all its threads), in % of one core. */
  readonly generatorCpuPercent: number;
  readonly server: {
    readonly cpuPercent: number | null;
    readonly rssBytes: number;
    readonly heapUsedBytes: number;
    readonly eventLoopLagP99Ms: number | null;
  } | null;
}

export interface Phase {
  readonly name: string;
  readonly startedAt: number;
  endedAt: number | null;
  readonly acc: Accumulator;
  readonly serverStart: ServerSample | null;
  serverEnd: ServerSample | null;
  seatedAtStart: number;
  seatedAtEnd: number;
  tablesAtEnd: number;
  /** process.cpuUsage() of the generator at the start, and its CPU % over the phase once ended. */
  readonly generatorCpuStart: NodeJS.CpuUsage;
  generatorCpuPercent: number | null;
}

export class Collector {
  readonly total = new Accumulator();
  readonly phases: Phase[] = [];
  readonly series: SeriesPoint[] = [];
  readonly startedAt: number;
  #tick = new Accumulator();
  #tickStartedAt: number;
  #tickCpu = process.cpuUsage();
  readonly #gauges = new Map<number, { connected: number; seated: number; tables: number }>();
  #firstServer: ServerSample | null = null;
  #lastServer: ServerSample | null = null;
  /** Server CPU use between the last two samples, in % of one core. */
  #cpuPercent: number | null = null;
  peakConnected = 0;
  peakSeated = 0;

  constructor(now = Date.now()) {
    this.startedAt = now;
    this.#tickStartedAt = now;
  }

  add(stats: IntervalStats): void {
    const ack = decodeHistogram(stats.ackHistogram);
    const event = decodeHistogram(stats.eventHistogram);
    this.total.add(stats, ack, event);
    this.#tick.add(stats, ack, event);
    const phase = this.currentPhase;
    if (phase) phase.acc.add(stats, ack, event);
    this.#gauges.set(stats.worker, {
      connected: stats.connected,
      seated: stats.seated,
      tables: stats.tablesCreated,
    });
    const { connected, seated } = this.gauges;
    this.peakConnected = Math.max(this.peakConnected, connected);
    this.peakSeated = Math.max(this.peakSeated, seated);
  }

  serverSample(sample: ServerSample): void {
    const before = this.#lastServer;
    this.#firstServer ??= sample;
    // Behind a load balancer consecutive reads may come from different nodes: no CPU from those.
    if (before && sample.at > before.at)
      this.#cpuPercent = sameNode(before, sample)
        ? (100 * (sample.cpuSeconds - before.cpuSeconds)) / ((sample.at - before.at) / 1000)
        : null;
    this.#lastServer = sample;
  }

  get firstServer(): ServerSample | null {
    return this.#firstServer;
  }

  get lastServer(): ServerSample | null {
    return this.#lastServer;
  }

  get gauges(): { connected: number; seated: number; tables: number } {
    let connected = 0;
    let seated = 0;
    let tables = 0;
    for (const g of this.#gauges.values()) {
      connected += g.connected;
      seated += g.seated;
      tables += g.tables;
    }
    return { connected, seated, tables };
  }

  get currentPhase(): Phase | undefined {
    const last = this.phases[this.phases.length - 1];
    return last && last.endedAt === null ? last : undefined;
  }

  /** Ends the current phase (if any) and starts `name`. */
  startPhase(name: string, server: ServerSample | null, now = Date.now()): Phase {
    this.endPhase(server, now);
    const { seated } = this.gauges;
    const phase: Phase = {
      name,
      startedAt: now,
      endedAt: null,
      acc: new Accumulator(),
      serverStart: server,
      serverEnd: null,
      seatedAtStart: seated,
      seatedAtEnd: seated,
      tablesAtEnd: 0,
      generatorCpuStart: process.cpuUsage(),
      generatorCpuPercent: null,
    };
    this.phases.push(phase);
    return phase;
  }

  endPhase(server: ServerSample | null, now = Date.now()): void {
    const phase = this.currentPhase;
    if (!phase) return;
    phase.endedAt = now;
    phase.serverEnd = server;
    phase.seatedAtEnd = this.gauges.seated;
    phase.tablesAtEnd = this.gauges.tables;
    phase.generatorCpuPercent = cpuPercent(process.cpuUsage(phase.generatorCpuStart), now - phase.startedAt);
  }

  /** Closes the current tick: one point of the time series. */
  tick(now = Date.now()): SeriesPoint {
    const seconds = Math.max(0.001, (now - this.#tickStartedAt) / 1000);
    const acc = this.#tick;
    const server = this.#lastServer;
    const g = this.gauges;
    const point: SeriesPoint = {
      t: Math.round((now - this.startedAt) / 100) / 10,
      connected: g.connected,
      seated: g.seated,
      tables: g.tables,
      actionsPerSecond: acc.actions / seconds,
      messagesInPerSecond: acc.framesOut / seconds,
      messagesOutPerSecond: acc.framesIn / seconds,
      ack: summarize(acc.ack),
      event: summarize(acc.event),
      errors: acc.errorCount,
      disconnects: acc.disconnectCount,
      generatorLoopP99Ms: acc.loopDelayP99Ms,
      generatorGcMaxPauseMs: acc.gcMaxPauseMs,
      generatorCpuPercent: cpuPercent(process.cpuUsage(this.#tickCpu), seconds * 1000),
      server: server
        ? {
            cpuPercent: this.#cpuPercent,
            rssBytes: server.rssBytes,
            heapUsedBytes: server.heapUsedBytes,
            eventLoopLagP99Ms: server.eventLoopLagP99Ms,
          }
        : null,
    };
    this.series.push(point);
    this.#tick = new Accumulator();
    this.#tickStartedAt = now;
    this.#tickCpu = process.cpuUsage();
    return point;
  }
}

function cpuPercent(used: NodeJS.CpuUsage, wallMs: number): number {
  return wallMs > 0 ? Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 10 : 0;
}

function addCounts(into: Map<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into.set(k, (into.get(k) ?? 0) + v);
}

function sum(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}
