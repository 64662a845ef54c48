// The run's report as a page for people (report.html): the headline numbers, the phases, and
// charts of latency, throughput, players and the node's CPU and memory over time. One file with
// inline SVG and CSS, no scripts: it opens from disk in any browser.

import type { SeriesPoint } from './collector.js';
import type { LatencySummary } from './latency.js';
import type { LoadReport, PhaseReport, ServerUse } from './report.js';
import { CHART_CSS, compact, esc, lineChart } from './svg-chart.js';

const TARGET_P99_MS = 50;
const C = {
  ack: '#2563eb',
  ack99: '#1e3a8a',
  ev: '#16a34a',
  ev99: '#14532d',
  a: '#9333ea',
  b: '#ea580c',
  c: '#0891b2',
};

export function renderReportHtml(r: LoadReport): string {
  const s = r.series;
  const line = (f: (p: SeriesPoint) => number | null | undefined) =>
    s.map((p) => [p.t, f(p) ?? null] as const);
  const charts = [
    lineChart({
      title: 'Latency per second (ms)',
      xLabel: 'seconds since start',
      yLabel: 'ms',
      threshold: { y: TARGET_P99_MS, label: `${TARGET_P99_MS} ms target (p99)` },
      series: [
        { name: 'action→ack p50', color: C.ack, points: line((p) => p.ack.p50) },
        { name: 'action→ack p99', color: C.ack99, points: line((p) => p.ack.p99), dashed: true },
        { name: 'action→others p50', color: C.ev, points: line((p) => p.event.p50) },
        { name: 'action→others p99', color: C.ev99, points: line((p) => p.event.p99), dashed: true },
      ],
    }),
    lineChart({
      title: 'Throughput per second',
      xLabel: 'seconds since start',
      yLabel: 'per second',
      series: [
        { name: 'actions', color: C.a, points: line((p) => p.actionsPerSecond) },
        { name: 'messages in', color: C.b, points: line((p) => p.messagesInPerSecond) },
        { name: 'messages out', color: C.c, points: line((p) => p.messagesOutPerSecond) },
      ],
    }),
    lineChart({
      title: 'Players and tables',
      xLabel: 'seconds since start',
      yLabel: 'count',
      series: [
        { name: 'connected', color: C.ack, points: line((p) => p.connected) },
        { name: 'seated', color: C.ev, points: line((p) => p.seated), dashed: true },
        { name: 'tables', color: C.b, points: line((p) => p.tables) },
      ],
    }),
    lineChart({
      title: 'CPU (% of one core) and event-loop delay p99 (ms): node and generator',
      xLabel: 'seconds since start',
      yLabel: '% / ms',
      series: [
        { name: 'node CPU %', color: C.a, points: line((p) => p.server?.cpuPercent) },
        {
          name: 'node loop lag p99 ms (as /metrics reports it)',
          color: C.b,
          points: line((p) => p.server?.eventLoopLagP99Ms),
        },
        { name: 'generator CPU %', color: C.ev, points: line((p) => p.generatorCpuPercent), dashed: true },
        {
          name: 'generator loop p99 ms',
          color: C.c,
          points: line((p) => p.generatorLoopP99Ms),
          dashed: true,
        },
        {
          name: 'generator GC max pause ms',
          color: C.ack99,
          points: line((p) => p.generatorGcMaxPauseMs),
          dashed: true,
        },
      ],
    }),
    lineChart({
      title: 'Node memory (MB)',
      xLabel: 'seconds since start',
      yLabel: 'MB',
      series: [
        { name: 'RSS', color: C.ack, points: line((p) => (p.server ? p.server.rssBytes / 1e6 : null)) },
        {
          name: 'heap used',
          color: C.ev,
          points: line((p) => (p.server ? p.server.heapUsedBytes / 1e6 : null)),
        },
      ],
    }),
    percentileChart(r),
  ];
  const t = r.totals;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pitboss load report — ${esc(r.startedAt)}</title>
<style>${CSS}</style></head>
<body><main>
<h1>Pitboss load report</h1>
<p class="meta">${esc(r.startedAt)} · ${r.seconds} s against <code>${esc(r.target.url)}</code>${r.target.spawned ? ' (a node started for this run)' : ''}<br>
${r.options.players} players at ${r.options.tables} ${esc(r.options.game)} tables · ramp ${r.options.rampPerSecond}/s · think ${esc(r.options.think)} (mean ${r.options.thinkMeanMs} ms) · turn ${r.options.turnSeconds} s · ${r.options.workers} worker threads<br>
${r.machine.cpus} × ${esc(r.machine.cpuModel)}, Node ${esc(r.machine.node)}, load average ${r.machine.loadAverage.join(' / ')}${r.machine.note ? ` — <strong>${esc(r.machine.note)}</strong>` : ''}</p>
${verifyBlock(r)}
<section class="cards">
${card('action → ack p99', ms(r.latency.actionToAck.p99), `p50 ${ms(r.latency.actionToAck.p50)} · max ${ms(r.latency.actionToAck.max)}`)}
${card('action → other seats p99', ms(r.latency.actionToEvent.p99), `p50 ${ms(r.latency.actionToEvent.p50)} · max ${ms(r.latency.actionToEvent.max)}`)}
${card('players', `${r.players.peakSeated}`, `seated at peak · ${r.players.peakConnected} connected · ${r.tablesCreated} tables`)}
${card('actions/s', num(t.actionsPerSecond), `${num(t.actions)} actions in ${t.seconds} s`)}
${card('messages/s', `${num(t.messagesInPerSecond)} in`, `${num(t.messagesOutPerSecond)} out`)}
${card('errors', String(t.errorCount), `${t.unexpectedDisconnectCount} unexpected disconnects`)}
${card('node CPU', r.server.whole ? `${r.server.whole.cpuPercent}%` : 'n/a', perAction(r.server.whole))}
${card('node memory', r.server.peakRssBytes !== null ? mb(r.server.peakRssBytes) : 'n/a', r.server.peakHeapUsedBytes !== null ? `peak RSS · heap ${mb(r.server.peakHeapUsedBytes)}` : '')}
</section>
<h2>Latency (ms)</h2>
${latencyTable(r)}
<h2>Phases</h2>
${phasesTable(r.phases)}
<h2>Errors and disconnects</h2>
${countsTable('error code', t.errors, 'No errors.')}
${countsTable('close code (unexpected disconnects)', t.unexpectedDisconnects, 'No unexpected disconnects.')}
<h2>Charts</h2>
<div class="charts">${charts.map((c) => `<figure>${c}</figure>`).join('\n')}</div>
<p class="foot">Latencies are measured by the load generator: <em>action → ack</em> from sending <code>table.act</code> to its ack (after the node persisted the action);
<em>action → other seats</em> from sending it to each other seat at the table receiving its first event. Histograms: HdrHistogram, 3 significant digits.
Node figures come from its <code>/metrics</code>. Generator loop p99 is the worker threads' own event-loop delay: latency the generator itself adds. Machine-readable: <code>report.json</code>.</p>
</main></body></html>
`;
}

function percentileChart(r: LoadReport): string {
  // x = "nines": 90 % → 1, 99 % → 2, 99.9 % → 3; max drawn one step past the last percentile.
  const nines = (p: number) => (p >= 100 ? 4.3 : -Math.log10(1 - p / 100));
  const curve = (pts: readonly [number, number][]) => pts.map(([p, v]) => [nines(p), v] as const);
  return lineChart({
    title: 'Latency by percentile (whole run)',
    xLabel: 'percentile',
    yLabel: 'ms',
    xTicks: [
      [0, '0'],
      [nines(50), '50'],
      [1, '90'],
      [2, '99'],
      [3, '99.9'],
      [4, '99.99'],
      [4.3, 'max'],
    ],
    threshold: { y: TARGET_P99_MS, label: `${TARGET_P99_MS} ms` },
    series: [
      { name: 'action→ack', color: C.ack, points: curve(r.latency.percentiles.actionToAck) },
      { name: 'action→others', color: C.ev, points: curve(r.latency.percentiles.actionToEvent) },
    ],
  });
}

function verifyBlock(r: LoadReport): string {
  const v = r.verify;
  if (!v) return '';
  const ledger = v.ledger
    ? `ledger ${v.ledger.balanced ? 'balanced' : 'NOT balanced'} (granted ${num(v.ledger.granted)} = wallets ${num(v.ledger.inWallets)} + tables ${num(v.ledger.atTables)}), tables ${v.ledger.tablesMatch ? 'match' : 'do NOT match'} the ledger`
    : 'ledger not checked';
  return `<section class="verify ${v.ok ? 'ok' : 'fail'}"><strong>--verify: ${v.ok ? 'passed' : 'FAILED'}</strong> — ${esc(ledger)};
${v.tablesChecked} full tables checked, ${v.stuckTables.length} stuck, ${v.tablesWithFinishedHand} finished a hand after filling up, ${v.incompleteTables} never filled.
${v.problems.length > 0 ? `<ul>${v.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}</section>`;
}

function latencyTable(r: LoadReport): string {
  const row = (name: string, l: LatencySummary) =>
    `<tr><th>${name}</th><td>${num(l.count)}</td><td>${ms(l.p50)}</td><td>${ms(l.p90)}</td><td>${ms(l.p99)}</td><td>${ms(l.p999)}</td><td>${ms(l.max)}</td><td>${ms(l.mean)}</td></tr>`;
  return `<table><thead><tr><th></th><th>samples</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr></thead><tbody>
${row('action → ack', r.latency.actionToAck)}
${row('action → event at the other seats', r.latency.actionToEvent)}
</tbody></table>`;
}

function phasesTable(phases: readonly PhaseReport[]): string {
  if (phases.length === 0) return '<p>No phases.</p>';
  const cpu = (s: ServerUse | null) => (s ? `${s.cpuPercent}%` : 'n/a');
  const rows = phases
    .map(
      (p) =>
        `<tr><th>${esc(p.name)}</th><td>${p.seconds}</td><td>${p.seatedAtEnd}</td><td>${p.tables}</td><td>${num(p.actionsPerSecond)}</td><td>${num(p.messagesInPerSecond)} / ${num(p.messagesOutPerSecond)}</td>
<td>${ms(p.latency.actionToAck.p50)} / ${ms(p.latency.actionToAck.p99)}</td><td>${ms(p.latency.actionToEvent.p50)} / ${ms(p.latency.actionToEvent.p99)}</td>
<td>${cpu(p.server)}</td><td>${p.generatorCpuPercent === null ? 'n/a' : `${p.generatorCpuPercent}%`} / ${ms(p.generatorLoopDelayP99Ms)} / ${ms(p.generatorGcMaxPauseMs)} ms</td><td>${micros(p.server)}</td><td>${p.server ? mb(p.server.heapUsedBytes) : 'n/a'}</td><td>${Object.values(p.errors).reduce((a, b) => a + b, 0)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>phase</th><th>s</th><th>seated</th><th>tables</th><th>actions/s</th><th>msgs/s in / out</th><th>ack p50 / p99</th><th>others p50 / p99</th><th>node CPU</th><th>generator CPU / loop p99 / GC max</th><th>µs/action</th><th>heap</th><th>errors</th></tr></thead><tbody>
${rows}</tbody></table>`;
}

function countsTable(what: string, counts: Readonly<Record<string, number>>, none: string): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return `<p>${esc(none)}</p>`;
  return `<table><thead><tr><th>${esc(what)}</th><th>count</th></tr></thead><tbody>${entries
    .map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td>${num(v)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function micros(s: ServerUse | null): string {
  const v = s?.cpuMicrosPerAction ?? null;
  return v === null ? 'n/a' : num(v);
}

function perAction(s: ServerUse | null): string {
  if (!s) return 'metrics not read';
  return s.cpuMicrosPerAction === null ? 'no actions' : `${num(s.cpuMicrosPerAction)} µs per action`;
}

function card(title: string, value: string, detail: string): string {
  return `<div class="card"><div class="t">${esc(title)}</div><div class="v">${esc(value)}</div><div class="d">${esc(detail)}</div></div>`;
}

function ms(v: number | null): string {
  return v === null ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function num(v: number): string {
  return compact(Math.round(v * 10) / 10);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}
main{max-width:1560px;margin:0 auto;padding:16px 24px}
h1{margin:0 0 4px;font-size:24px} h2{font-size:18px;margin:24px 0 8px}
.meta{color:#475569} code{font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px}
.card .t{color:#64748b;font-size:12px}.card .v{font-size:22px;font-weight:600}.card .d{color:#64748b;font-size:12px}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px}
th,td{border:1px solid #e2e8f0;padding:4px 8px;text-align:right}th:first-child{text-align:left}
.verify{padding:10px 14px;border-radius:8px;margin:12px 0}.verify.ok{background:#dcfce7}.verify.fail{background:#fee2e2}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(760px,1fr));gap:12px}
figure{margin:0;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:6px;overflow-x:auto}
${CHART_CSS}
.foot{color:#64748b;font-size:12px;margin-top:24px}
`;
