// The run's report as data (report.json): what was asked, what happened, how fast the node
// answered, what it cost the node, and — with --verify — whether the ledger balanced.

import { cpus, loadavg, totalmem } from 'node:os';
import type { Accumulator, Collector, Phase, SeriesPoint } from './collector.js';
import { percentileCurve, summarize, type LatencySummary } from './latency.js';
import type { LoadOptions } from './options.js';
import type { RunPlan } from './plan.js';
import { sameNode, type ServerSample } from './server-metrics.js';
import { formatThinkSpec, meanThinkMs } from './think-time.js';
import type { VerifyResult } from './verify.js';

export const REPORT_VERSION = 1;

export interface ServerUse {
  /** CPU time the node used over the span, and as % of one core. */
  readonly cpuSeconds: number;
  readonly cpuPercent: number;
  /** Node CPU per accepted table command, and per player action (µs). */
  readonly cpuMicrosPerCommand: number | null;
  readonly cpuMicrosPerAction: number | null;
  readonly commands: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly messagesInPerSecond: number;
  readonly messagesOutPerSecond: number;
  readonly connections: number;
}

export interface Throughput {
  readonly seconds: number;
  readonly actions: number;
  readonly actionsPerSecond: number;
  /** Frames into the node (sent by the bots) and out of it (received by the bots). */
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly messagesInPerSecond: number;
  readonly messagesOutPerSecond: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

export interface PhaseReport extends Throughput {
  readonly name: string;
  readonly startedAtSeconds: number;
  readonly seatedAtStart: number;
  readonly seatedAtEnd: number;
  readonly tables: number;
  readonly latency: { readonly actionToAck: LatencySummary; readonly actionToEvent: LatencySummary };
  readonly errors: Readonly<Record<string, number>>;
  readonly unexpectedDisconnects: Readonly<Record<string, number>>;
  readonly generatorLoopDelayP99Ms: number;
  /** Garbage collection in the generator's workers: % of the phase (summed over workers) and the longest pause. */
  readonly generatorGcPercent: number;
  readonly generatorGcMaxPauseMs: number;
  /** The load generator's own CPU over the phase, all threads, in % of one core. */
  readonly generatorCpuPercent: number | null;
  /** null when /metrics could not be read at both ends of the phase. */
  readonly server: ServerUse | null;
}

export interface LoadReport {
  readonly version: number;
  readonly tool: 'pitboss load';
  readonly startedAt: string;
  readonly endedAt: string;
  readonly seconds: number;
  readonly target: { readonly url: string; readonly spawned: boolean };
  readonly options: {
    readonly game: string;
    readonly players: number;
    readonly tables: number;
    readonly seatsPerHoldemTable: number;
    readonly rampPerSecond: number;
    readonly durationSeconds: number;
    readonly think: string;
    readonly thinkMeanMs: number;
    readonly turnSeconds: number;
    readonly workers: number;
  };
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryBytes: number;
    readonly node: string;
    readonly platform: string;
    readonly loadAverage: readonly number[];
    readonly note: string;
  };
  readonly players: { readonly target: number; readonly peakConnected: number; readonly peakSeated: number };
  readonly tablesCreated: number;
  readonly totals: Throughput & {
    readonly acked: number;
    readonly errors: Readonly<Record<string, number>>;
    readonly errorCount: number;
    readonly unexpectedDisconnects: Readonly<Record<string, number>>;
    readonly unexpectedDisconnectCount: number;
  };
  readonly latency: {
    readonly unit: 'ms';
    readonly actionToAck: LatencySummary;
    readonly actionToEvent: LatencySummary;
    readonly percentiles: {
      readonly actionToAck: readonly [number, number][];
      readonly actionToEvent: readonly [number, number][];
    };
  };
  readonly server: {
    readonly metricsRead: boolean;
    readonly whole: ServerUse | null;
    readonly peakRssBytes: number | null;
    readonly peakHeapUsedBytes: number | null;
    readonly peakEventLoopLagP99Ms: number | null;
  };
  readonly generator: {
    readonly workers: number;
    readonly peakLoopDelayP99Ms: number;
    readonly maxGcPauseMs: number;
    readonly failures: readonly string[];
  };
  readonly phases: readonly PhaseReport[];
  readonly series: readonly SeriesPoint[];
  readonly verify: VerifyResult | null;
}

export interface ReportInput {
  readonly options: LoadOptions;
  readonly url: string;
  readonly plan: RunPlan;
  readonly collector: Collector;
  readonly endedAt: number;
  readonly firstServer: ServerSample | null;
  readonly lastServer: ServerSample | null;
  readonly verify: VerifyResult | null;
  readonly workerFailures: readonly string[];
}

export function buildReport(input: ReportInput): LoadReport {
  const { options, collector, plan } = input;
  const seconds = (input.endedAt - collector.startedAt) / 1000;
  const total = collector.total;
  const cpu = cpus();
  const series = collector.series;
  const peak = (f: (p: SeriesPoint) => number | null | undefined): number | null => {
    let best: number | null = null;
    for (const p of series) {
      const v = f(p);
      if (typeof v === 'number' && (best === null || v > best)) best = v;
    }
    return best;
  };
  return {
    version: REPORT_VERSION,
    tool: 'pitboss load',
    startedAt: new Date(collector.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    seconds: round(seconds),
    target: { url: input.url, spawned: options.spawn },
    options: {
      game: options.game,
      players: plan.players,
      tables: plan.tables.length,
      seatsPerHoldemTable: options.seats,
      rampPerSecond: options.rampPerSecond,
      durationSeconds: options.durationSeconds,
      think: formatThinkSpec(options.think),
      thinkMeanMs: round(meanThinkMs(options.think)),
      turnSeconds: options.turnSeconds,
      workers: options.workers,
    },
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      loadAverage: loadavg().map(round),
      note:
        cpu.length <= 2 && input.url.includes('127.0.0.1')
          ? `the node and the load generator shared these ${cpu.length} cores`
          : '',
    },
    players: {
      target: plan.players,
      peakConnected: collector.peakConnected,
      peakSeated: collector.peakSeated,
    },
    tablesCreated: collector.gauges.tables,
    totals: {
      ...throughput(total, seconds),
      acked: total.acked,
      errors: Object.fromEntries(total.errors),
      errorCount: total.errorCount,
      unexpectedDisconnects: Object.fromEntries(total.disconnects),
      unexpectedDisconnectCount: total.disconnectCount,
    },
    latency: {
      unit: 'ms',
      actionToAck: summarize(total.ack),
      actionToEvent: summarize(total.event),
      percentiles: { actionToAck: percentileCurve(total.ack), actionToEvent: percentileCurve(total.event) },
    },
    server: {
      metricsRead: input.lastServer !== null,
      whole: serverUse(input.firstServer, input.lastServer, total.actions),
      peakRssBytes: peak((p) => p.server?.rssBytes),
      peakHeapUsedBytes: peak((p) => p.server?.heapUsedBytes),
      peakEventLoopLagP99Ms: peak((p) => p.server?.eventLoopLagP99Ms),
    },
    generator: {
      workers: options.workers,
      peakLoopDelayP99Ms: round(total.loopDelayP99Ms),
      maxGcPauseMs: round(total.gcMaxPauseMs),
      failures: input.workerFailures,
    },
    phases: collector.phases.map((p) => phaseReport(p, collector.startedAt)),
    series,
    verify: input.verify,
  };
}

export function phaseReport(phase: Phase, runStartedAt: number): PhaseReport {
  const seconds = ((phase.endedAt ?? Date.now()) - phase.startedAt) / 1000;
  return {
    name: phase.name,
    startedAtSeconds: round((phase.startedAt - runStartedAt) / 1000),
    seatedAtStart: phase.seatedAtStart,
    seatedAtEnd: phase.seatedAtEnd,
    tables: phase.tablesAtEnd,
    ...throughput(phase.acc, seconds),
    latency: { actionToAck: summarize(phase.acc.ack), actionToEvent: summarize(phase.acc.event) },
    errors: Object.fromEntries(phase.acc.errors),
    unexpectedDisconnects: Object.fromEntries(phase.acc.disconnects),
    generatorLoopDelayP99Ms: round(phase.acc.loopDelayP99Ms),
    generatorGcPercent: seconds > 0 ? round(phase.acc.gcMs / 10 / seconds) : 0,
    generatorGcMaxPauseMs: round(phase.acc.gcMaxPauseMs),
    generatorCpuPercent: phase.generatorCpuPercent,
    server: serverUse(phase.serverStart, phase.serverEnd, phase.acc.actions),
  };
}

function throughput(acc: Accumulator, seconds: number): Throughput {
  const per = (n: number) => (seconds > 0 ? round(n / seconds) : 0);
  return {
    seconds: round(seconds),
    actions: acc.actions,
    actionsPerSecond: per(acc.actions),
    messagesIn: acc.framesOut,
    messagesOut: acc.framesIn,
    messagesInPerSecond: per(acc.framesOut),
    messagesOutPerSecond: per(acc.framesIn),
    bytesIn: acc.bytesOut,
    bytesOut: acc.bytesIn,
  };
}

/** The node's cost between two /metrics samples; `actions`: the players' actions in that span. */
export function serverUse(a: ServerSample | null, b: ServerSample | null, actions: number): ServerUse | null {
  // Samples of two different nodes (a cluster behind a balancer) say nothing about either one.
  if (!a || !b || b.at <= a.at || !sameNode(a, b)) return null;
  const seconds = (b.at - a.at) / 1000;
  const cpuSeconds = b.cpuSeconds - a.cpuSeconds;
  const commands = b.commands - a.commands;
  return {
    cpuSeconds: round(cpuSeconds),
    cpuPercent: round((100 * cpuSeconds) / seconds),
    cpuMicrosPerCommand: commands > 0 ? round((cpuSeconds * 1e6) / commands) : null,
    cpuMicrosPerAction: actions > 0 ? round((cpuSeconds * 1e6) / actions) : null,
    commands,
    rssBytes: b.rssBytes,
    heapUsedBytes: b.heapUsedBytes,
    messagesInPerSecond: round((b.messagesIn - a.messagesIn) / seconds),
    messagesOutPerSecond: round((b.messagesOut - a.messagesOut) / seconds),
    connections: b.connections,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
