// The report of `pitboss autoscale --simulate`: one self-contained HTML file (inline SVG, no
// scripts) with the load and the nodes over time, CPU per node, and every decision with its reason.

import { CHART_CSS, compact, esc, lineChart } from '../load/svg-chart.js';
import type { AutoscaleRules } from './rules.js';
import type { SimulationResult } from './simulate.js';

export interface SimulationSummary {
  readonly decisions: number;
  readonly scaleUps: number;
  readonly scaleDowns: number;
  readonly maxNodes: number;
  readonly minNodes: number;
  /** The highest players per ready node at any sample. */
  readonly peakPlayersPerNode: number;
}

export function summarizeSimulation(result: SimulationResult): SimulationSummary {
  const nodes = result.steps.map((s) => s.nodes);
  return {
    decisions: result.decisions.length,
    scaleUps: result.decisions.filter((d) => d.decision.action === 'up').length,
    scaleDowns: result.decisions.filter((d) => d.decision.action === 'down').length,
    maxNodes: Math.max(0, ...nodes),
    minNodes: nodes.length === 0 ? 0 : Math.min(...nodes),
    peakPlayersPerNode: Math.round(
      Math.max(0, ...result.steps.map((s) => (s.nodes === 0 ? s.players : s.players / s.nodes))),
    ),
  };
}

export function renderSimulationReport(options: {
  readonly source: string;
  readonly result: SimulationResult;
  readonly rules: AutoscaleRules;
}): string {
  const { result, rules } = options;
  const summary = summarizeSimulation(result);
  const minutes = (ms: number) => ms / 60_000;
  const xTicks = ticks(result.steps.at(-1)?.at ?? 0);
  const load = lineChart({
    title: 'Players',
    xLabel: 'time',
    yLabel: 'players',
    xTicks,
    series: [
      { name: 'players', color: '#2563eb', points: result.steps.map((s) => [s.at, s.players] as const) },
      // The forecast, once a season is recorded (rules.forecastSeasonMs; forecast.ts).
      ...(result.steps.some((s) => s.forecast !== null)
        ? [
            {
              name: `forecast, next ${minutes(rules.forecastLookaheadMs)} min`,
              color: '#ea580c',
              dashed: true,
              points: result.steps.map((s) => [s.at, s.forecast] as const),
            },
          ]
        : []),
    ],
  });
  const nodes = lineChart({
    title: 'Ready nodes',
    xLabel: 'time',
    yLabel: 'nodes',
    xTicks,
    series: [{ name: 'nodes', color: '#16a34a', points: result.steps.map((s) => [s.at, s.nodes] as const) }],
    threshold: { y: rules.maxNodes, label: `max ${rules.maxNodes}` },
  });
  const cpu = lineChart({
    title: 'CPU per node (share of a core) and players per node ÷ 100',
    xLabel: 'time',
    yLabel: 'share',
    xTicks,
    yFormat: (v) => v.toFixed(2),
    series: [
      { name: 'CPU', color: '#dc2626', points: result.steps.map((s) => [s.at, s.cpu] as const) },
      {
        name: 'players/node ÷ 100',
        color: '#9333ea',
        dashed: true,
        points: result.steps.map((s) => [s.at, s.nodes === 0 ? null : s.players / s.nodes / 100] as const),
      },
    ],
  });
  const rows = result.decisions
    .map(({ at, decision }) => {
      const what =
        decision.action === 'up'
          ? `add ${decision.count}${decision.urgent ? ' (urgent)' : ''}`
          : `drain ${decision.nodes.join(', ')}`;
      return `<tr class="${decision.action}"><td>${clock(minutes(at))}</td><td>${esc(what)}</td><td>${esc(decision.reason)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Autoscaler simulation — ${esc(options.source)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1000px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.up td:nth-child(2){color:#166534}tr.down td:nth-child(2){color:#991b1b}
.summary span{display:inline-block;margin-right:18px}
${CHART_CSS}
</style></head><body>
<h1>Autoscaler simulation</h1>
<p>Load curve <code>${esc(options.source)}</code> replayed through the autoscaler's rules (src/autoscale/rules.ts) with a simulated clock. ${
    rules.forecastSeasonMs > 0
      ? `Predictive scaling on: the forecast needs one recorded season (${esc(duration(rules.forecastSeasonMs))}) before it says anything.`
      : 'Predictive scaling off (forecastSeasonMs 0).'
  }</p>
<p class="summary"><span>${summary.scaleUps} scale-ups</span><span>${summary.scaleDowns} scale-downs</span><span>nodes ${summary.minNodes}–${summary.maxNodes} (limits ${rules.minNodes}–${rules.maxNodes})</span><span>peak ${compact(summary.peakPlayersPerNode)} players per node</span></p>
${load}
${nodes}
${cpu}
<h2>Decisions (${result.decisions.length})</h2>
<table><thead><tr><th>at</th><th>decision</th><th>why</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">none: the load stayed within bounds</td></tr>'}
</tbody></table>
</body></html>
`;
}

/** About six ticks at a round number of minutes. */
function ticks(endMs: number): [number, string][] {
  const wanted = endMs / 6 / 60_000;
  const step = ([1, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720].find((m) => m >= wanted) ?? 1440) * 60_000;
  const out: [number, string][] = [];
  for (let at = 0; at <= endMs; at += step) out.push([at, clock(at / 60_000)]);
  return out;
}

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 24 && hours % 24 === 0 ? `${hours / 24} day(s)` : `${hours} h`;
}

/** Minutes from the start as h:mm. */
function clock(minutes: number): string {
  const m = Math.round(minutes);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
