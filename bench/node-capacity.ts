// `npm run bench:node`: how much one Pitboss node holds on this machine.
//
//   1. Heap per idle connection: full GC and heap in use (through the node's inspector) before and
//      after N idle, authenticated connections.
//   2. Capacity at human pace: the load generator (src/load) brings players in step by step (Hold'em,
//      10 seats, think time lognormal 1.5 s); each step is held (45 s) and measured. A step passes when
//      action→ack and action→other seats both keep p99 ≤ 50 ms, with no errors and no drops. The
//      capacity is the largest passing step. CPU-µs per action = node CPU seconds / actions.
//   3. --verify at the end: the ledger balances and no table is stuck.
//
// The node is the real `pitboss serve` in its own process; the generator runs in worker threads of
// this process. Both share this machine's cores: the results say so. Bounded: it stops at the first
// failing step (or after the last); the whole default ladder takes about 9 minutes. Results and the
// exact command: docs/benchmarks.md.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { LoadRun } from '../src/load/load-run.js';
import { startLocalNode, type LocalNode } from '../src/load/local-node.js';
import { resolveLoadOptions } from '../src/load/options.js';
import { planRun } from '../src/load/plan.js';
import { renderReportHtml } from '../src/load/report-html.js';
import { buildReport, phaseReport, type PhaseReport } from '../src/load/report.js';
import { fetchServerMetrics } from '../src/load/server-metrics.js';
import { AuditError, fetchChipAudit, judge } from '../src/load/verify.js';
import { parseCapacityArgs, type CapacityArgs } from './node/args.js';
import { longTasks, summarizeProfile, type LongTask, type ProfileSummary } from './node/cpu-profile.js';
import { perAction, readProcCounters, type ProcPerAction } from './node/proc-stats.js';
import { openIdleConnections } from './node/idle-connections.js';
import { Inspector } from './node/inspector.js';
import { callgrindWrapper, hasValgrind, startCounting, stopCounting } from './node/instruction-count.js';

interface IdleResult {
  readonly connections: number;
  readonly failed: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  readonly heapPerConnectionBytes: number;
  readonly rssPerConnectionBytes: number;
}

interface StepResult {
  readonly players: number;
  readonly passed: boolean;
  readonly why: string;
  readonly phase: PhaseReport;
  /** System calls and wake-ups per action over the hold (Linux only). */
  readonly proc: ProcPerAction | null;
  /** With --instructions: the node's user-space instructions per action over the hold. */
  readonly instructionsPerAction: { readonly total: number; readonly mainThread: number } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);

async function measureIdle(node: LocalNode, inspector: Inspector, count: number): Promise<IdleResult> {
  const heapBefore = await inspector.heapAfterGc();
  const rssBefore = (await fetchServerMetrics(node.httpBase)).rssBytes;
  const idle = await openIdleConnections(node.url, count);
  await sleep(1000);
  const heapAfter = await inspector.heapAfterGc();
  const rssAfter = (await fetchServerMetrics(node.httpBase)).rssBytes;
  await idle.close();
  await inspector.heapAfterGc();
  const n = Math.max(1, idle.opened);
  return {
    connections: idle.opened,
    failed: idle.failed,
    heapBeforeBytes: heapBefore,
    heapAfterBytes: heapAfter,
    heapPerConnectionBytes: Math.round((heapAfter - heapBefore) / n),
    rssPerConnectionBytes: Math.round((rssAfter - rssBefore) / n),
  };
}

function judgeStep(p: PhaseReport, maxP99: number): { passed: boolean; why: string } {
  const ack = p.latency.actionToAck.p99;
  const ev = p.latency.actionToEvent.p99;
  const errors = Object.values(p.errors).reduce((a, b) => a + b, 0);
  const drops = Object.values(p.unexpectedDisconnects).reduce((a, b) => a + b, 0);
  const why: string[] = [];
  if (ack === null || ev === null) why.push('no actions measured');
  if (ack !== null && ack > maxP99) why.push(`ack p99 ${ack} ms > ${maxP99}`);
  if (ev !== null && ev > maxP99) why.push(`other-seats p99 ${ev} ms > ${maxP99}`);
  if (errors > 0) why.push(`${errors} errors ${JSON.stringify(p.errors)}`);
  if (drops > 0) why.push(`${drops} unexpected disconnects`);
  return { passed: why.length === 0, why: why.join('; ') };
}

function stepLine(s: StepResult): string {
  const p = s.phase;
  const srv = p.server;
  return (
    `  ${String(s.players).padStart(6)} players ${String(p.tables).padStart(5)} tables: ` +
    `${p.actionsPerSecond} actions/s, msgs in ${p.messagesInPerSecond}/s out ${p.messagesOutPerSecond}/s; ` +
    `ack p50/p99/max ${p.latency.actionToAck.p50}/${p.latency.actionToAck.p99}/${p.latency.actionToAck.max} ms; ` +
    `others p50/p99/max ${p.latency.actionToEvent.p50}/${p.latency.actionToEvent.p99}/${p.latency.actionToEvent.max} ms; ` +
    `node CPU ${srv?.cpuPercent ?? '–'}%, ${srv?.cpuMicrosPerAction ?? '–'} µs/action, heap ${srv ? Math.round(srv.heapUsedBytes / 1e6) : '–'} MB, RSS ${srv ? Math.round(srv.rssBytes / 1e6) : '–'} MB; ` +
    `generator CPU ${p.generatorCpuPercent ?? '–'}%, loop p99 ${p.generatorLoopDelayP99Ms} ms, GC max pause ${p.generatorGcMaxPauseMs} ms → ${s.passed ? 'PASS' : `FAIL (${s.why})`}` +
    (s.proc
      ? `\n      per action: ${s.proc.readCalls} read and ${s.proc.writeCalls} write system calls, ${s.proc.contextSwitches} main-thread context switches; kernel ${Math.round(s.proc.systemShare * 100)} % of the node's CPU` +
        `\n      CPU µs per action by thread: ${s.proc.threadMicros.map((t) => `${t.thread} ${t.micros}`).join(', ')}`
      : '') +
    (s.instructionsPerAction !== null
      ? `\n      instructions per action (callgrind, user space): main thread ${s.instructionsPerAction.mainThread.toLocaleString('en-US')}, all threads ${s.instructionsPerAction.total.toLocaleString('en-US')}`
      : '')
  );
}

async function main(args: CapacityArgs): Promise<number> {
  const started = Date.now();
  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const cpu = cpus();
  log(
    `bench:node · ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'} · node ${process.version} · load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  log(`the node and the load generator share these ${cpu.length} cores`);
  // The node runs from a build, as `npm start` runs it.
  const dist = args.dist === null ? resolve(import.meta.dirname, '..', 'dist') : resolve(args.dist);
  if (args.dist === null) {
    const built = spawnSync('bash', ['scripts/build.sh'], {
      cwd: resolve(import.meta.dirname, '..'),
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('scripts/build.sh failed');
  }
  if (args.instructions && !hasValgrind())
    throw new Error('--instructions needs valgrind (Debian package valgrind: apt-get install valgrind)');
  const node = await startLocalNode({
    inspect: true,
    cli: join(dist, 'src', 'cli.js'),
    nodeArgs: args.nodeArgs,
    ...(args.instructions ? { wrapper: callgrindWrapper(out) } : {}),
  });
  let inspector: Inspector | null = null;
  try {
    if (node.inspectorUrl === null) throw new Error('the node did not open its inspector');
    inspector = await Inspector.connect(node.inspectorUrl);

    let idle: IdleResult | null = null;
    if (args.idle > 0) {
      log(`\n━━ heap per idle connection (${args.idle} idle authenticated connections)`);
      idle = await measureIdle(node, inspector, args.idle);
      log(
        `  heap after GC ${(idle.heapBeforeBytes / 1e6).toFixed(1)} MB → ${(idle.heapAfterBytes / 1e6).toFixed(1)} MB with ${idle.connections} connections` +
          ` (${idle.failed} failed): ${(idle.heapPerConnectionBytes / 1024).toFixed(2)} KB heap per connection, RSS ${(idle.rssPerConnectionBytes / 1024).toFixed(1)} KB per connection`,
      );
    }

    const last = args.steps[args.steps.length - 1] ?? 0;
    const tables = args.tables ?? Math.ceil(last / args.seats);
    const options = resolveLoadOptions({
      players: last,
      tables,
      seats: args.seats,
      ramp: args.ramp,
      duration: 3600,
      think: args.think,
      turnSeconds: args.turnSeconds,
      workers: args.workers,
      verify: true,
    });
    const plan = planRun(options);
    log(
      `\n━━ capacity at human pace: Hold'em, ${args.seats} seats, think ${args.think}, steps ${args.steps.join(' → ')} players (${tables} tables at the last), hold ${args.holdSeconds} s each`,
    );
    const run = await LoadRun.start({
      url: node.url,
      plan,
      think: options.think,
      turnSeconds: options.turnSeconds,
      workers: options.workers,
      rampPerSecond: options.rampPerSecond,
      connectConcurrency: options.connectConcurrency,
      // Every 15 s, like a Prometheus scrape: at 10,000 connections one read of /metrics blocks the
      // node for ~90 ms (prom-client lists every open handle), so reading it often would skew the
      // latencies being measured. Phases read it at their edges as well. Counting instructions,
      // only the edges (outside the counted window): a scrape under valgrind is seconds of work
      // whose count depends on how many scrapes fall inside the hold — noise, not per action.
      metricsIntervalMs: args.instructions ? 3_600_000 : 15_000,
    });
    const steps: StepResult[] = [];
    const profiles: { players: number; summary: ProfileSummary; longTasks: LongTask[] }[] = [];
    let previous = 0;
    for (const players of args.steps) {
      run.setTarget(players);
      await run.phase(`ramp to ${players}`);
      const reached = await run.waitUntil(
        () => run.collector.gauges.seated >= players,
        ((players - previous) / args.ramp) * 1000 + 60_000,
      );
      previous = players;
      await sleep(args.settleSeconds * 1000);
      const profileThis = args.profile === players || args.profile === 'all';
      if (profileThis) await inspector.startProfile();
      const phase = await run.phase(`${players} players`);
      const procBefore = readProcCounters(node.pid);
      if (args.instructions) startCounting(node.pid);
      await sleep(args.holdSeconds * 1000);
      const instructions = args.instructions ? stopCounting(node.pid, out) : null;
      const procAfter = readProcCounters(node.pid);
      await run.endPhase();
      if (profileThis) {
        const cpuProfile = await inspector.stopProfile();
        const file = join(out, `node-${players}.cpuprofile`);
        writeFileSync(file, JSON.stringify(cpuProfile));
        profiles.push({
          players,
          summary: summarizeProfile(cpuProfile),
          longTasks: longTasks(cpuProfile, 30, 8),
        });
        log(`  CPU profile of the ${players}-player hold: ${file}`);
      }
      const report = phaseReport(phase, run.collector.startedAt);
      const verdict = judgeStep(report, args.maxP99Ms);
      const step: StepResult = {
        players,
        passed: verdict.passed && reached,
        why: reached ? verdict.why : `only ${run.collector.gauges.seated} players seated; ${verdict.why}`,
        phase: report,
        proc: procBefore && procAfter ? perAction(procBefore, procAfter, report.actions) : null,
        instructionsPerAction:
          instructions !== null && report.actions > 0
            ? {
                total: Math.round(instructions.total / report.actions),
                mainThread: Math.round(instructions.mainThread / report.actions),
              }
            : null,
      };
      steps.push(step);
      log(stepLine(step));
      if (!step.passed && !args.allSteps) break;
    }
    const end = await run.stop();
    let ledger: Parameters<typeof judge>[1];
    try {
      ledger = await fetchChipAudit(node.httpBase, node.adminToken);
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      ledger = { error: error.message };
    }
    const verify = judge(end.tables, ledger, 20);
    const report = buildReport({
      options,
      url: node.url,
      plan,
      collector: run.collector,
      endedAt: Date.now(),
      firstServer: run.collector.firstServer,
      lastServer: run.collector.lastServer,
      verify,
      workerFailures: end.workerFailures,
    });
    writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(out, 'report.html'), renderReportHtml(report));

    const passing = steps.filter((s) => s.passed);
    const best = passing[passing.length - 1] ?? null;
    const summary = {
      when: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      machine: {
        cpus: cpu.length,
        cpuModel: cpu[0]?.model.trim() ?? 'unknown',
        node: process.version,
        note: `the node and the load generator shared these ${cpu.length} cores`,
      },
      args,
      idle,
      capacity: best
        ? {
            players: best.players,
            tables: best.phase.tables,
            actionsPerSecond: best.phase.actionsPerSecond,
            ackP99Ms: best.phase.latency.actionToAck.p99,
            othersP99Ms: best.phase.latency.actionToEvent.p99,
            cpuMicrosPerAction: best.phase.server?.cpuMicrosPerAction ?? null,
            cpuMicrosPerCommand: best.phase.server?.cpuMicrosPerCommand ?? null,
            nodeCpuPercent: best.phase.server?.cpuPercent ?? null,
          }
        : null,
      steps: steps.map((s) => ({
        players: s.players,
        passed: s.passed,
        why: s.why,
        ...s.phase,
        proc: s.proc,
        instructionsPerAction: s.instructionsPerAction,
      })),
      verify,
      profiles,
      workerFailures: end.workerFailures,
    };
    writeFileSync(join(out, 'bench-node.json'), `${JSON.stringify(summary, null, 2)}\n`);

    log('\n━━ summary');
    if (idle)
      log(
        `  heap per idle connection: ${(idle.heapPerConnectionBytes / 1024).toFixed(2)} KB (${idle.connections} connections; target ≤ 10 KB)`,
      );
    log(
      best
        ? `  capacity: ${best.players} players at ${best.phase.tables} tables with p99 ≤ ${args.maxP99Ms} ms (ack p99 ${best.phase.latency.actionToAck.p99} ms, others p99 ${best.phase.latency.actionToEvent.p99} ms), ${best.phase.actionsPerSecond} actions/s, ${best.phase.server?.cpuMicrosPerAction ?? '–'} node CPU-µs per action`
        : `  capacity: no step passed (first: ${steps[0]?.why ?? 'none ran'})`,
    );
    log(`  verify: ${verify.ok ? 'passed' : `FAILED — ${verify.problems.join('; ')}`}`);
    for (const { players, summary: profile, longTasks: tasks } of profiles) {
      log(
        `  node profile at ${players} players (self time; ${profile.totalMs} ms busy, ${profile.idleMs} ms idle):`,
      );
      for (const a of profile.areas.slice(0, 10)) log(`    ${a.percent.toFixed(1).padStart(5)}%  ${a.name}`);
      log('    top functions:');
      for (const f of profile.functions.slice(0, 10))
        log(`    ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
      for (const t of tasks.slice(0, 5))
        log(
          `    blocked ${t.durationMs} ms at ${t.atMs} ms: ${t.top
            .slice(0, 4)
            .map((x) => `${x.percent}% ${x.name}`)
            .join(' · ')}`,
        );
    }
    log(
      `  report: ${join(out, 'report.html')} · ${join(out, 'bench-node.json')} · took ${summary.seconds} s`,
    );
    return verify.ok ? 0 : 1;
  } finally {
    inspector?.close();
    await node.stop();
  }
}

let args: CapacityArgs;
try {
  args = parseCapacityArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
main(args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench:node failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
