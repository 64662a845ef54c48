import { describe, expect, it } from 'vitest';
import { Collector } from '../../src/load/collector.js';
import { encodeHistogram, newHistogram, recordMs } from '../../src/load/latency.js';
import { DEFAULTS } from '../../src/load/options.js';
import { planRun } from '../../src/load/plan.js';
import { renderReportHtml } from '../../src/load/report-html.js';
import { buildReport } from '../../src/load/report.js';
import type { ServerSample } from '../../src/load/server-metrics.js';
import type { IntervalStats } from '../../src/load/worker-protocol.js';

function interval(
  worker: number,
  at: number,
  acks: number[],
  extra: Partial<IntervalStats> = {},
): IntervalStats {
  const ack = newHistogram();
  for (const ms of acks) recordMs(ack, ms);
  const event = newHistogram();
  for (const ms of acks) recordMs(event, ms + 1);
  return {
    worker,
    at,
    connected: 6,
    seated: 6,
    tablesCreated: 1,
    actions: acks.length,
    acked: acks.length,
    framesOut: acks.length,
    framesIn: acks.length * 10,
    bytesOut: 100,
    bytesIn: 1000,
    errors: {},
    disconnects: {},
    ackHistogram: encodeHistogram(ack),
    eventHistogram: encodeHistogram(event),
    loopDelayP99Ms: 2,
    gcMs: 3,
    gcMaxPauseMs: 2,
    ...extra,
  };
}

function sample(at: number, cpuSeconds: number, commands: number): ServerSample {
  return {
    at,
    node: 'node-1',
    cpuSeconds,
    rssBytes: 200e6,
    heapUsedBytes: 80e6,
    eventLoopLagP99Ms: 21,
    connections: 12,
    authenticated: 12,
    messagesIn: commands,
    messagesOut: commands * 10,
    commands,
    hands: 3,
    tables: 2,
  };
}

function runCollector(): Collector {
  const c = new Collector(0);
  c.serverSample(sample(0, 1, 0));
  c.startPhase('steady', sample(0, 1, 0), 0);
  c.add(interval(0, 1000, [1, 2, 3, 40], { errors: { 'action/not_your_turn': 1 } }));
  c.add(interval(1, 1000, [2, 2], { disconnects: { '1006': 1 } }));
  c.serverSample(sample(2000, 1.5, 10));
  c.tick(1000);
  c.endPhase(sample(2000, 1.5, 10), 2000);
  return c;
}

describe('the load report', () => {
  it('adds up the workers’ intervals into totals, phases and a time series', () => {
    const c = runCollector();
    expect(c.total.actions).toBe(6);
    expect(c.gauges).toEqual({ connected: 12, seated: 12, tables: 2 });
    expect(c.series).toHaveLength(1);
    expect(c.series[0]).toMatchObject({
      actionsPerSecond: 6,
      messagesOutPerSecond: 60,
      errors: 1,
      disconnects: 1,
    });
    expect(c.series[0]?.server?.cpuPercent).toBeCloseTo(25, 5);

    const plan = planRun({ ...DEFAULTS, players: 12, tables: 2 });
    const report = buildReport({
      options: { ...DEFAULTS, players: 12, tables: 2 },
      url: 'ws://127.0.0.1:1/ws',
      plan,
      collector: c,
      endedAt: 2000,
      firstServer: c.firstServer,
      lastServer: c.lastServer,
      verify: null,
      workerFailures: [],
    });
    expect(report.totals).toMatchObject({
      actions: 6,
      errorCount: 1,
      errors: { 'action/not_your_turn': 1 },
      unexpectedDisconnectCount: 1,
    });
    // HdrHistogram keeps 3 significant digits: values come back within 0.1 %.
    expect(report.latency.actionToAck).toMatchObject({ count: 6, p50: 2 });
    expect(report.latency.actionToAck.max).toBeCloseTo(40, 0);
    expect(report.latency.actionToEvent.max).toBeCloseTo(41, 0);
    const phase = report.phases[0];
    expect(phase?.name).toBe('steady');
    // 0.5 CPU seconds over 6 player actions and 10 table commands.
    expect(phase?.server).toMatchObject({
      cpuSeconds: 0.5,
      cpuPercent: 25,
      cpuMicrosPerAction: 83333.33,
      cpuMicrosPerCommand: 50000,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('renders a self-contained page: inline SVG charts, no scripts, text escaped', () => {
    const c = runCollector();
    const plan = planRun({ ...DEFAULTS, players: 12, tables: 2 });
    const report = buildReport({
      options: { ...DEFAULTS, players: 12, tables: 2 },
      url: 'ws://127.0.0.1:1/ws?<script>',
      plan,
      collector: c,
      endedAt: 2000,
      firstServer: c.firstServer,
      lastServer: c.lastServer,
      verify: null,
      workerFailures: [],
    });
    const html = renderReportHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(6);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('action/not_your_turn');
  });
});
