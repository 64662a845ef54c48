// `pitboss cluster --autoscale` as a user runs it: the one command starts redis-server, PostgreSQL,
// two nodes, HAProxy and the autoscaler; players arriving through HAProxy make it add a node (one
// of the slots HAProxy was told about up front), their leaving makes it drain one away; Ctrl-C
// (SIGTERM) stops everything it started and exits 0.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { PitbossClient } from '../../src/sdk/index.js';
import { spawnCli, until } from './helpers.js';

const RULES = {
  playersPerNodeUp: 3,
  playersPerNodeUpForMs: 3_000,
  cpuDown: 1,
  cpuDownForMs: 4_000,
  playersPerNodeDown: 2,
  playersPerNodeDownForMs: 4_000,
  cooldownAfterUpMs: 3_000,
  cooldownAfterDownMs: 600_000,
  downHeadroom: 1,
};

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('pitboss cluster --autoscale', () => {
  it('grows by a node as players arrive, drains it as they leave, and stops everything on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pitboss-cluster-cmd-'));
    // PostgreSQL runs as its own user: it must be able to pass through to its directory.
    chmodSync(dir, 0o711);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
    const {
      child,
      output: text,
      exited,
    } = spawnCli([
      'cluster',
      '--nodes',
      '2',
      '--port',
      '0',
      '--dir',
      join(dir, 'cluster'),
      '--demo-tables.holdem',
      '0',
      '--demo-tables.hokm',
      '0',
      '--autoscale',
      '--max-nodes',
      '3',
      '--autoscale-rules',
      join(dir, 'rules.json'),
      '--autoscale-interval-seconds',
      '0.5',
      '--status-every-seconds',
      '1',
    ]);
    cleanups.push(async () => {
      if (child.exitCode !== 0)
        process.stderr.write(`pitboss cluster (exit ${String(child.exitCode)}) said:\n${text()}\n`);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    // The banner ends with how to stop it; it arrives in several writes, the autoscaler's line last.
    await until(() => text().includes('Ctrl-C stops everything'), 120_000, 'the cluster');
    const port = /cluster is running: http:\/\/127\.0\.0\.1:(\d+)/.exec(text())?.[1] ?? '';
    expect(text()).toMatch(/Autoscaler: 2–3 nodes/);

    // Eight players through HAProxy (leastconn spreads them): 4 per node > 3 → auto-1 is added.
    const clients: PitbossClient[] = [];
    cleanups.push(() => clients.forEach((c) => c.close()));
    for (let i = 0; i < 8; i++) {
      const client = new PitbossClient({ url: `ws://127.0.0.1:${port}/ws`, WebSocket, reconnect: false });
      clients.push(client);
      await client.connect();
      await client.request('auth.guest', { nickname: `P${i}` });
    }
    const lastStatus = () =>
      text()
        .split('\n')
        .filter((l) => l.startsWith('['))
        .at(-1) ?? '';
    await until(() => /auto-1 ready/.test(lastStatus()), 90_000, 'auto-1 ready');

    // They leave: the least-loaded node (auto-1, nobody on it) is drained and exits.
    for (const c of clients.splice(0)) c.close();
    await until(
      () => /node-1 ready .* \| node-2 ready [^|]*$/.test(lastStatus()),
      90_000,
      'back to two nodes',
    );
    const log = readFileSync(join(dir, 'cluster', 'autoscaler.log'), 'utf8');
    expect(log).toMatch(/"msg":"autoscaler adds nodes"/);
    expect(log).toMatch(/"nodes":\["auto-1"\].*"msg":"autoscaler drains nodes"/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(text()).toMatch(/› stopped;/);
    // Every process it started is gone: nothing listens on its port any more.
    const answered = await fetch(`http://127.0.0.1:${port}/ready`).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
  }, 300_000);
});
