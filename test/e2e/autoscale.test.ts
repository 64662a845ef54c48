// The autoscaler end to end (issue 13): a real cluster (redis-server, PostgreSQL, two `pitboss
// serve` processes) and the real `pitboss autoscale` process with the local actuator. Players
// arrive → it starts a third node; most of them leave → it drains the least-loaded node away while
// a hand is being played at a table that node owns. The table moves live: the players are refused
// nothing and keep playing, every acknowledged action is in their event stream, the chips balance,
// and each decision is in the journal with its reason, on /admin and in the autoscaler's metrics.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RedisAutoscaleState } from '../../src/adapters/redis/autoscale-state.js';
import { connectRedis } from '../../src/adapters/redis/client.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { RedisRegistry } from '../../src/adapters/redis/registry.js';
import { games } from '../../src/games/index.js';
import { freePort } from '../../src/launcher/free-port.js';
import { startRedis } from '../../src/launcher/redis-process.js';
import type { NodeOverview } from '../../src/protocol/admin.js';
import { flagsToObject } from '../../src/server/config.js';
import { TableClient } from '../../src/sdk/index.js';
import { clusterPerTest } from '../support/cluster.js';
import {
  adminGet,
  createTable,
  FAST_FLAGS,
  guest,
  metricValue,
  playCheckCall,
  recordEvents,
  spawnCli,
  until,
  type Player,
} from './helpers.js';

const { cleanups, start: startCluster } = clusterPerTest();

/** Rules scaled down from minutes to seconds, with thresholds a handful of players cross. */
const RULES = {
  minNodes: 2,
  maxNodes: 3,
  playersPerNodeUp: 3,
  playersPerNodeUpForMs: 3_000,
  tableCreationsUp: 1_000,
  seatQueueUp: 1_000,
  cpuDown: 1,
  cpuDownForMs: 4_000,
  playersPerNodeDown: 2,
  playersPerNodeDownForMs: 4_000,
  cooldownAfterUpMs: 4_000,
  // One scale-down in this test: the one it watches.
  cooldownAfterDownMs: 600_000,
  downHeadroom: 1,
};

describe('pitboss autoscale with the local actuator', () => {
  it('adds a node as players arrive and drains one away as they leave, losing nothing', async () => {
    const adminToken = randomBytes(24).toString('base64url');
    const c = await startCluster(2, { ...FAST_FLAGS, 'admin-token': adminToken });
    const [n1, n2] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
    const redis = connectRedis({ url: c.redis.url });
    const registry = new RedisRegistry(redis, { ownsClient: false });
    const directory = new RedisDirectory(redis, { ownsClient: false });
    const journal = new RedisAutoscaleState(redis, { ownsClient: false });
    cleanups.push(() => redis.quit().then(() => undefined));

    // The autoscaler starts nodes with the cluster's settings, as an operator's config file has them.
    const dir = mkdtempSync(join(tmpdir(), 'pitboss-autoscale-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const nodeSettings = flagsToObject(
      Object.entries({ ...c.flags('unused'), 'demo-tables.holdem': 0, 'demo-tables.hokm': 0 })
        .filter(([k]) => k !== 'node-id')
        .flatMap(([k, v]) => [`--${k}`, String(v)]),
    );
    writeFileSync(join(dir, 'node.json'), JSON.stringify(nodeSettings), { mode: 0o600 });
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
    const metricsPort = await freePort();
    const {
      child: autoscaler,
      output,
      exited: autoscalerExit,
    } = spawnCli([
      'autoscale',
      '--redis',
      c.redis.url,
      '--node-config',
      join(dir, 'node.json'),
      '--dir',
      join(dir, 'nodes'),
      '--rules',
      join(dir, 'rules.json'),
      '--interval-seconds',
      '0.5',
      '--id',
      'ctl-e2e',
      '--metrics-port',
      String(metricsPort),
    ]);
    cleanups.push(async () => {
      // Stops the nodes it started too; bounded by the node's own drain/stop.
      if (autoscaler.exitCode === null) autoscaler.kill('SIGTERM');
      await autoscalerExit;
    });
    const members = () => registry.members();
    const ready = async () => (await members()).filter((m) => m.state === 'ready').map((m) => m.nodeId);

    // Eight players, four on each node: 4 per node > 3 for 3 s → one node is added.
    const people: Player[] = [];
    cleanups.push(() => people.forEach((p) => p.client.close()));
    for (let i = 0; i < 8; i++) people.push(await guest(i % 2 === 0 ? n1 : n2, `P${i}`));
    let added = '';
    await untilAsync(
      async () => {
        added = (await ready()).find((id) => id.startsWith('auto-')) ?? '';
        return added !== '';
      },
      60_000,
      `a node added by the autoscaler\n${output()}`,
    );
    expect(await ready()).toHaveLength(3);

    // A table on the new node (placement prefers the least loaded), played by two of them.
    const [alice, bob] = people as [Player, Player];
    let table = '';
    for (let i = 0; i < 10 && table === ''; i++) {
      const id = await createTable(alice, 'holdem', { bots: 1, turnSeconds: 60 });
      if ((await directory.lookup(id))?.nodeId === added) table = id;
    }
    expect(table, 'a table placed on the added node').not.toBe('');
    const events = { alice: recordEvents(alice, table), bob: recordEvents(bob, table) };
    const clientErrors: string[] = [];
    for (const p of [alice, bob]) p.client.on('error', (e) => clientErrors.push(String(e)));
    const tables = [alice, bob].map((p) => new TableClient(p.client, table, games.holdem));
    for (const t of tables) await t.join(500);
    const plays = tables.map((t) => playCheckCall(t));
    cleanups.push(() => plays.forEach((p) => p.stop()));
    const handsEnded = () => events.alice.filter((e) => e.event.type === 'hand_ended').length;
    await until(() => handsEnded() >= 1, 60_000, 'a hand on the added node');

    // Six leave: 2 players on 3 nodes < 2 per node for 4 s → the least-loaded node is drained:
    // the added one (no player connected to it), with the table Alice and Bob are playing.
    for (const p of people.splice(2)) p.client.close();
    await untilAsync(
      async () => !(await members()).some((m) => m.nodeId === added),
      60_000,
      `the added node drained away\n${output()}`,
    );
    expect((await ready()).sort()).toEqual(['node-1', 'node-2']);
    expect(['node-1', 'node-2']).toContain((await directory.lookup(table))?.nodeId);

    // Play goes on with nothing refused, and every acknowledged action is in the event stream.
    const endedBefore = handsEnded();
    const stateOf = () =>
      JSON.stringify(
        tables.map((t) => ({
          seq: t.state.seq,
          seat: t.state.seat,
          legal: t.state.legal !== null,
          closed: t.state.closed,
        })),
      ) + ` last events: ${JSON.stringify(events.alice.slice(-4).map((e) => [e.seq, e.event.type]))}`;
    await until(() => handsEnded() >= endedBefore + 2, 90_000, 'two more hands after the drain').catch(
      async (error: unknown) => {
        // Everything the nodes logged about this table, to find where its watchers went.
        const owner = JSON.stringify(await directory.lookup(table));
        const lines = [
          ...c.nodes.flatMap((n, i) => n.output.map((l) => `node-${i + 1} ${l}`)),
          ...readLog(join(dir, 'nodes', `${added}.log`)).map((l) => `${added} ${l}`),
        ].filter((l) => l.includes(table) || /link|drain|hand-off/.test(l));
        throw new Error(
          `${String(error)}; the players' tables: ${stateOf()}; owner ${owner}; client errors ${JSON.stringify(clientErrors)}\n${lines.join('\n')}`,
          { cause: error },
        );
      },
    );
    expect(plays.flatMap((p) => p.refused)).toEqual([]);
    // Play goes on meanwhile: an action just acknowledged to one player may still be on its way to
    // the other (another connection, maybe another node). Every action acknowledged so far must
    // reach both, and none twice.
    const acked = plays.flatMap((p) => p.acked);
    const heard = (recorded: { seq: number }[]) => {
      const seqs = new Set(recorded.map((e) => e.seq));
      return acked.every((seq) => seqs.has(seq));
    };
    await until(
      () => heard(events.alice) && heard(events.bob),
      10_000,
      'every acknowledged action heard',
    ).catch(() => undefined);
    for (const recorded of [events.alice, events.bob]) {
      const seqs = recorded.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const seq of acked) expect(seqs).toContain(seq);
    }

    // The journal has both decisions with their reasons, and /admin shows it.
    const decisions = await journal.recent(50);
    const up = decisions.find((d) => d.action === 'up');
    const down = decisions.find((d) => d.action === 'down');
    expect(up).toMatchObject({ controller: 'ctl-e2e', count: 1, outcome: 'done' });
    expect(up?.reason).toMatch(/players per node > 3/);
    expect(up?.inputs.readyNodes).toBe(2);
    expect(down).toMatchObject({ nodes: [added], outcome: 'done' });
    expect(down?.inputs.readyNodes).toBe(3);
    const overview = (await adminGet(n1, '/api/admin/overview')) as NodeOverview;
    expect(overview.autoscaler?.leader).toBe('ctl-e2e');
    expect(overview.autoscaler?.decisions.map((d) => d.action)).toEqual(
      expect.arrayContaining(['up', 'down']),
    );
    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    expect(await metricValue(metricsUrl, 'pitboss_autoscaler_leader')).toBe(1);
    const text = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(text).toMatch(/pitboss_autoscaler_decisions_total\{action="up",outcome="done"[^}]*\} 1/);
    expect(text).toMatch(/pitboss_autoscaler_decisions_total\{action="down",outcome="done"[^}]*\} 1/);

    // A clean stop gives the lease up; then the chips balance to the chip.
    plays.forEach((p) => p.stop());
    autoscaler.kill('SIGTERM');
    expect(await autoscalerExit).toBe(0);
    expect(await journal.leader()).toBeNull();
    const audit = (await adminGet(n2, '/api/admin/audit')) as { balanced: boolean; tablesMatch: boolean };
    expect(audit, JSON.stringify(audit)).toMatchObject({ balanced: true, tablesMatch: true });
  });
});

function readLog(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('pitboss autoscale instances', () => {
  it('stand by while one leads, and the standby takes over when the leader is killed', async () => {
    const redisServer = await startRedis();
    cleanups.push(() => redisServer.stop());
    const redis = connectRedis({ url: redisServer.url });
    cleanups.push(() => redis.quit().then(() => undefined));
    const state = new RedisAutoscaleState(redis, { ownsClient: false });
    // No node is running: below the minimum of one, each leader advises adding one at once.
    const launch = async (id: string) => {
      const metricsPort = await freePort();
      const {
        child,
        output,
        exited: exit,
      } = spawnCli([
        'autoscale',
        '--actuator',
        'none',
        '--redis',
        redisServer.url,
        '--min-nodes',
        '1',
        '--interval-seconds',
        '0.5',
        '--id',
        id,
        '--metrics-port',
        String(metricsPort),
      ]);
      cleanups.push(async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exit;
      });
      const url = `http://127.0.0.1:${metricsPort}`;
      const leads = async () => (await metricValue(url, 'pitboss_autoscaler_leader').catch(() => null)) === 1;
      return { child, exit, url, leads, output };
    };
    const a = await launch('ctl-a');
    await untilAsync(a.leads, 30_000, `ctl-a leading\n${a.output()}`);
    const b = await launch('ctl-b');
    await untilAsync(
      async () => (await metricValue(b.url, 'pitboss_autoscaler_leader').catch(() => null)) === 0,
      30_000,
      `ctl-b serving its metrics\n${b.output()}`,
    );
    // Several of the standby's intervals: it never leads or decides while the leader lives.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await b.leads()).toBe(false);
    expect(await state.leader()).toBe('ctl-a');
    const before = await state.recent(100);
    expect(before.some((d) => d.controller === 'ctl-a' && d.action === 'up')).toBe(true);
    expect(before.every((d) => d.controller === 'ctl-a')).toBe(true);

    // A crash: no clean stop, the lease is not released; the standby waits for it to run out.
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await a.exit;
    await untilAsync(b.leads, 30_000, `ctl-b taking over\n${b.output()}`);
    expect(await state.leader()).toBe('ctl-b');
    await untilAsync(
      async () => (await state.recent(100)).some((d) => d.controller === 'ctl-b' && d.action === 'up'),
      30_000,
      'a decision by the new leader',
    );
    const takeover = (await state.recent(100)).find((d) => d.controller === 'ctl-b');
    expect(takeover?.at).toBeGreaterThanOrEqual(killedAt);
    expect(takeover?.outcome).toMatch(/^advised only/);
    expect(takeover?.reason).toMatch(/fewer than the minimum of 1/);
  });
});

async function untilAsync(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
