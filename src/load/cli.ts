// `pitboss load`: plans the run, starts a private node if asked, ramps the swarm up, holds it for
// the duration, stops by itself (or on Ctrl-C), verifies if asked, and writes report.json and
// report.html. Exit code: 0 done, 1 --verify failed or the run could not be carried out, 2 usage.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoadRun } from './load-run.js';
import { startLocalNode, type LocalNode } from './local-node.js';
import { LoadOptionsError, parseLoadArgs, USAGE, type LoadOptions } from './options.js';
import { planRun, type RunPlan } from './plan.js';
import { ProgressPrinter, progressLine } from './progress.js';
import { renderReportHtml } from './report-html.js';
import { buildReport, type LoadReport } from './report.js';
import { fetchServerMetrics, httpBaseOf } from './server-metrics.js';
import { AuditError, fetchChipAudit, judge, type VerifyResult } from './verify.js';

export async function runLoadCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let options: LoadOptions;
  let plan: RunPlan;
  try {
    options = parseLoadArgs(argv);
    plan = planRun(options);
  } catch (error) {
    if (!(error instanceof LoadOptionsError)) throw error;
    process.stderr.write(`pitboss load: ${error.message}\n(see pitboss load --help)\n`);
    return 2;
  }
  let node: LocalNode | null = null;
  try {
    if (options.spawn) {
      node = await startLocalNode();
      process.stderr.write(`pitboss load: started a node at ${node.url} (data in ${node.dataDir})\n`);
    } else {
      // A target nobody answers is a mistake to report at once, not a run of 0 seated players.
      const unreachable = await whyUnreachable(options.url);
      if (unreachable !== null) {
        process.stderr.write(`pitboss load: nobody answers at ${options.url}: ${unreachable}\n`);
        return 1;
      }
    }
    const report = await runLoad(options, plan, node);
    const dir = resolve(options.out);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, 'report.html'), renderReportHtml(report));
    process.stdout.write(summaryText(report, dir));
    if (report.players.peakSeated === 0) {
      process.stderr.write(
        'pitboss load: no player could take a seat (see the errors above and the report)\n',
      );
      return 1;
    }
    return report.verify && !report.verify.ok ? 1 : 0;
  } catch (error) {
    process.stderr.write(`pitboss load: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await node?.stop();
  }
}

/** One run, start to report. Exposed for programmatic use (tests, scripts). */
export async function runLoad(
  options: LoadOptions,
  plan: RunPlan,
  node: LocalNode | null,
): Promise<LoadReport> {
  const url = node?.url ?? options.url;
  const adminToken = node?.adminToken ?? options.adminToken ?? readAdminToken(options.dataDir);
  const printer = new ProgressPrinter(options.progress);
  const run = await LoadRun.start({
    url,
    plan,
    think: options.think,
    turnSeconds: options.turnSeconds,
    workers: options.workers,
    rampPerSecond: options.rampPerSecond,
    connectConcurrency: options.connectConcurrency,
    metricsIntervalMs: options.metricsIntervalMs,
    onTick: (point, collector) => printer.print(progressLine(point, collector, plan.players)),
  });
  try {
    await fetchServerMetrics(run.httpBase);
  } catch (error) {
    process.stderr.write(
      `pitboss load: warning: ${error instanceof Error ? error.message : String(error)} — the report will lack the node's CPU and memory\n`,
    );
  }
  const deadline = run.collector.startedAt + options.durationSeconds * 1000;
  // Ctrl-C ends the run early; the report is still written.
  const signal = { interrupted: false };
  const onSignal = () => {
    signal.interrupted = true;
  };
  process.once('SIGINT', onSignal);
  try {
    await run.phase('ramp');
    const everyoneIn = () => run.collector.gauges.seated >= plan.players;
    let allReleasedAt: number | null = null;
    const rampOver = () => {
      if (run.released >= plan.players) allReleasedAt ??= Date.now();
      // Players that failed to start never sit: the ramp is over a little after the last release.
      return everyoneIn() || (allReleasedAt !== null && Date.now() - allReleasedAt > 10_000);
    };
    await run.waitUntil(() => signal.interrupted || rampOver(), Math.max(0, deadline - Date.now()));
    if (!signal.interrupted && Date.now() < deadline) {
      await run.phase('steady');
      await run.waitUntil(() => signal.interrupted, Math.max(0, deadline - Date.now()));
    }
  } finally {
    process.off('SIGINT', onSignal);
  }
  const end = await run.stop();
  printer.done();
  let verify: VerifyResult | null = null;
  if (options.verify) {
    let ledger: Parameters<typeof judge>[1];
    if (adminToken === null) ledger = { error: 'no admin token (give --admin-token or --data-dir)' };
    else {
      try {
        ledger = await fetchChipAudit(run.httpBase, adminToken);
      } catch (error) {
        if (!(error instanceof AuditError)) throw error;
        ledger = { error: error.message };
      }
    }
    verify = judge(end.tables, ledger, options.stuckAfterSeconds);
  }
  return buildReport({
    options,
    url,
    plan,
    collector: run.collector,
    endedAt: Date.now(),
    firstServer: run.collector.firstServer,
    lastServer: run.collector.lastServer,
    verify,
    workerFailures: end.workerFailures,
  });
}

/** Null when the node behind a WebSocket URL answers /health; else why not. */
async function whyUnreachable(wsUrl: string): Promise<string | null> {
  try {
    const res = await fetch(`${httpBaseOf(wsUrl)}/health`, { signal: AbortSignal.timeout(5_000) });
    return res.ok ? null : `/health answered ${res.status}`;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return cause instanceof Error ? cause.message : String(cause);
  }
}

function readAdminToken(dataDir: string | null): string | null {
  if (dataDir === null) return null;
  try {
    return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  } catch {
    return null;
  }
}

function summaryText(r: LoadReport, dir: string): string {
  const l = (name: string, s: LoadReport['latency']['actionToAck']) =>
    `  ${name.padEnd(15)} p50 ${f(s.p50)}  p90 ${f(s.p90)}  p99 ${f(s.p99)}  max ${f(s.max)} ms  (${s.count} samples)\n`;
  const t = r.totals;
  const w = r.server.whole;
  const v = r.verify;
  return (
    `\npitboss load: ${r.players.peakSeated}/${r.options.players} players seated at ${r.tablesCreated}/${r.options.tables} ${r.options.game} tables, ${r.seconds} s against ${r.target.url}\n` +
    `  actions        ${t.actions} (${t.actionsPerSecond}/s) · messages in ${t.messagesInPerSecond}/s, out ${t.messagesOutPerSecond}/s\n` +
    l('action→ack', r.latency.actionToAck) +
    l('action→others', r.latency.actionToEvent) +
    `  errors ${t.errorCount}${t.errorCount > 0 ? ` ${JSON.stringify(t.errors)}` : ''} · unexpected disconnects ${t.unexpectedDisconnectCount}\n` +
    (w
      ? `  node           CPU ${w.cpuPercent}% of a core · ${w.cpuMicrosPerAction ?? '–'} µs per action · RSS ${mb(w.rssBytes)} · heap ${mb(w.heapUsedBytes)}\n`
      : '  node           metrics not read\n') +
    (v
      ? `  verify         ${v.ok ? 'passed' : 'FAILED'}: ledger ${v.ledger ? (v.ledger.balanced && v.ledger.tablesMatch ? 'balanced' : 'NOT balanced') : 'not checked'}, ${v.tablesChecked} full tables, ${v.stuckTables.length} stuck${v.problems.length > 0 ? `\n    - ${v.problems.join('\n    - ')}` : ''}\n`
      : '') +
    (r.generator.failures.length > 0 ? `  worker failures: ${r.generator.failures.join('; ')}\n` : '') +
    `  report         ${join(dir, 'report.json')}\n                 ${join(dir, 'report.html')}\n`
  );
}

function f(v: number | null): string {
  return v === null ? '–' : v.toFixed(v >= 100 ? 0 : 1);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}
