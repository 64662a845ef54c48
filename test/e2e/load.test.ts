// `pitboss load` end to end: the built CLI drives a tiny swarm against a real node, verifies the
// ledger and the tables at the end, and writes its JSON and HTML reports.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../src/load/report.js';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { FAST_FLAGS } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = process.env.TEST_DIST === undefined ? join(ROOT, 'dist') : resolve(process.env.TEST_DIST);

let node: NodeProcess | null = null;
const dirs: string[] = [];

afterEach(async () => {
  if (node) {
    await node.stop();
    removeDataDir(node.dataDir);
    node = null;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runLoad(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(DIST, 'src', 'cli.js'), 'load', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

describe('pitboss load against a real node', () => {
  it('plays real hands with a dozen bots, then verifies the ledger and writes both reports', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const out = mkdtempSync(join(tmpdir(), 'pitboss-load-report-'));
    dirs.push(out);
    const result = await runLoad([
      '--url',
      node.wsUrl,
      '--admin-token',
      node.adminToken,
      '--players',
      '12',
      '--tables',
      '3',
      '--ramp',
      '50',
      '--duration',
      '10',
      '--think',
      'uniform:20:150',
      '--workers',
      '2',
      '--verify',
      '--stuck-after',
      '8',
      '--metrics-interval',
      '500',
      '--progress',
      'off',
      '--out',
      out,
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('verify         passed');

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as LoadReport;
    expect(report).toMatchObject({
      version: 1,
      tool: 'pitboss load',
      target: { url: node.wsUrl, spawned: false },
      options: { game: 'holdem', players: 12, tables: 3 },
      players: { target: 12, peakSeated: 12, peakConnected: 12 },
      tablesCreated: 3,
      totals: { errorCount: 0, unexpectedDisconnectCount: 0 },
    });
    expect(report.totals.actions).toBeGreaterThan(0);
    // An action still in flight when the run stops is counted but never acked: at most one per table.
    expect(report.totals.acked).toBeGreaterThanOrEqual(report.totals.actions - 3);
    expect(report.totals.messagesOut).toBeGreaterThan(report.totals.messagesIn);

    const { actionToAck, actionToEvent } = report.latency;
    expect(actionToAck.count).toBe(report.totals.acked);
    // Each action is timed at the three other seats of its table (a last one may be cut off by the stop).
    expect(actionToEvent.count).toBeGreaterThanOrEqual(3 * (report.totals.actions - 3));
    expect(actionToEvent.count).toBeLessThanOrEqual(3 * report.totals.actions);
    for (const l of [actionToAck, actionToEvent]) {
      expect(l.p50).not.toBeNull();
      expect(l.p50 ?? 0).toBeLessThanOrEqual(l.p99 ?? 0);
      expect(l.p99 ?? 0).toBeLessThanOrEqual(l.max ?? 0);
    }

    expect(report.server.metricsRead).toBe(true);
    expect(report.server.whole?.connections).toBeGreaterThanOrEqual(12);
    expect(report.phases.map((p) => p.name)).toEqual(['ramp', 'steady']);
    expect(report.series.length).toBeGreaterThan(5);

    expect(report.verify).toMatchObject({
      ok: true,
      ledger: { balanced: true, tablesMatch: true },
      tablesChecked: 3,
      stuckTables: [],
      incompleteTables: 0,
    });
    expect(report.verify?.tablesWithFinishedHand).toBe(3);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('--verify: passed');
    expect(html).not.toMatch(/<script/i);
  });

  it('exits with 2 and says why when the arguments are wrong', async () => {
    const result = await runLoad(['--players', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--players/);
  });
});
