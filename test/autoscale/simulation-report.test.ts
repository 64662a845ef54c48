// `pitboss autoscale --simulate`: the CSV load curve it reads (and the clear errors it gives), and
// the report and summary it writes for a curve replayed through the rules.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadCurveError, parseLoadCurve } from '../../src/autoscale/load-curve.js';
import { DEFAULT_RULES } from '../../src/autoscale/rules.js';
import { simulate } from '../../src/autoscale/simulate.js';
import { renderSimulationReport, summarizeSimulation } from '../../src/autoscale/simulation-report.js';
import { runAutoscaleCommand } from '../../src/launcher/autoscale-command.js';
import { esc } from '../../src/load/svg-chart.js';

const SPIKE = 'minute,players\n0,150\n30,150\n60,900\n240,900\n300,100\n600,100\n';

describe('load curves', () => {
  it('reads minutes or seconds, optional columns, and skips comments and blank lines', () => {
    expect(parseLoadCurve('# a spike\nminute,players\n0,10\n\n2,40\n')).toEqual([
      { at: 0, players: 10 },
      { at: 120_000, players: 40 },
    ]);
    expect(parseLoadCurve('second,players,errorRate,seatQueue\r\n0,5,0.1,3\r\n30,6,0,0\r\n')).toEqual([
      { at: 0, players: 5, errorRate: 0.1, seatQueue: 3 },
      { at: 30_000, players: 6, errorRate: 0, seatQueue: 0 },
    ]);
  });

  it.each([
    ['', /empty/],
    ['hour,players\n0,1\n', /first column must be "minute" or "second"/],
    ['minute,people\n0,1\n', /no "players" column/],
    ['minute,players,mood\n0,1,2\n', /unknown column "mood"/],
    ['minute,players\n0,1,2\n', /line 2: 3 values for 2 columns/],
    ['minute,players\n0,lots\n', /line 2: players must be a number ≥ 0, got "lots"/],
    ['minute,players\n0,-4\n', /line 2: players must be a number/],
    ['minute,players\n5,1\n5,2\n', /line 3: time must go forward/],
    ['minute,players,errorRate\n0,1,7\n', /errorRate is a share/],
    ['minute,players\n', /no rows/],
  ])('refuses %j with a reason', (text, reason) => {
    expect(() => parseLoadCurve(text)).toThrow(LoadCurveError);
    expect(() => parseLoadCurve(text)).toThrow(reason);
  });
});

describe('the simulation report', () => {
  it('charts the load and the nodes and lists every decision with its reason', () => {
    const result = simulate({ curve: parseLoadCurve(SPIKE), startNodes: 2, durationMs: 600 * 60_000 });
    const html = renderSimulationReport({ source: 'spike.csv', result, rules: DEFAULT_RULES });
    const summary = summarizeSimulation(result);
    expect(summary.scaleUps).toBeGreaterThan(0);
    expect(summary.scaleDowns).toBeGreaterThan(0);
    expect(summary.maxNodes).toBeGreaterThan(2);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('Ready nodes');
    for (const { decision } of result.decisions) expect(html).toContain(esc(decision.reason));
    expect(html.match(/<tr class="(up|down)">/g)).toHaveLength(result.decisions.length);
    expect(html).not.toContain('<script');
  });
});

describe('pitboss autoscale --simulate', () => {
  let dir = '';
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the report and prints a summary; a bad curve is a usage error naming the line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pitboss-sim-'));
    writeFileSync(join(dir, 'load.csv'), SPIKE);
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ maxNodes: 4 }));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const report = join(dir, 'report.html');
    const argv = ['--simulate', join(dir, 'load.csv'), '--out', report, '--rules', join(dir, 'rules.json')];
    expect(await runAutoscaleCommand(argv, 'cli.js')).toBe(0);
    const printed = out.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toMatch(/scale-up\(s\)/);
    expect(printed).toMatch(/nodes 2–4/);
    expect(readFileSync(report, 'utf8')).toContain('limits 2–4');

    writeFileSync(join(dir, 'bad.csv'), 'minute,players\n0,1\n1,x\n');
    expect(await runAutoscaleCommand(['--simulate', join(dir, 'bad.csv'), '--out', report], 'cli.js')).toBe(
      2,
    );
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/line 3: players must be a number/);
    expect(
      await runAutoscaleCommand(['--simulate', join(dir, 'load.csv'), '--max-nodes', '1'], 'cli.js'),
    ).toBe(2);
    expect(await runAutoscaleCommand(['--bogus', '1'], 'cli.js')).toBe(2);
  });
});
