// Three real nodes over a real redis-server and a real PostgreSQL, on loopback: any node serves any
// table. Players connected to different nodes play at tables owned by each node; a spectator on a
// third node never receives a hidden card; a player cut off reconnects to another node and resumes
// with no gap; the chip audit balances across the cluster. Then the edges: a peer with a wrong
// secret is refused, and a node started before its Redis waits (/ready 503) and becomes ready.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectRedis } from '../../src/adapters/redis/client.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { linkHeaders } from '../../src/cluster/link-auth.js';
import { games } from '../../src/games/index.js';
import { freePort } from '../../src/launcher/free-port.js';
import { startPostgres, type PostgresServer } from '../../src/launcher/postgres-process.js';
import { startRedis, type RedisServer } from '../../src/launcher/redis-process.js';
import { TableClient } from '../../src/sdk/index.js';
import { clusterPerTest, type TestCluster } from '../support/cluster.js';
import { ensureBuilt, removeDataDir } from '../support/node-process.js';
import {
  adminGet,
  autoPlay,
  createTable,
  expectNoHiddenCardSeen,
  FAST_FLAGS,
  guest,
  until,
  type Player,
  recordEvents,
  type AnyEvent,
  playCheckCall,
} from './helpers.js';

const scope = clusterPerTest();
const cleanups = scope.cleanups;
let cluster: TestCluster;

function closeAfter(...players: Player[]): void {
  for (const p of players) cleanups.push(() => p.client.close());
}

const handsEnded = (events: { event: AnyEvent }[]) =>
  events.filter((e) => e.event.type === 'hand_ended').length;

async function ownerOf(c: TestCluster, table: string): Promise<string | undefined> {
  const directory = new RedisDirectory(connectRedis({ url: c.redis.url }));
  try {
    return (await directory.lookup(table))?.nodeId;
  } finally {
    await directory.close();
  }
}

/** The cluster-wide chip audit, asked of one node: the ledger balances and every table matches. */
async function expectClusterChipsConserved(c: TestCluster, tables: readonly string[]): Promise<void> {
  const audit = (await adminGet(c.nodes[0]!, '/api/admin/audit')) as {
    balanced: boolean;
    tablesMatch: boolean;
    tables: { id: string }[];
  };
  expect(audit.balanced, JSON.stringify(audit)).toBe(true);
  expect(audit.tablesMatch, JSON.stringify(audit)).toBe(true);
  for (const t of tables) expect(audit.tables.map((x) => x.id)).toContain(t);
}

/**
 * Two nodes; Alice and Bob, connected to node 1, play (check/call) with a bot at a table that runs
 * on node 2, until one hand has ended.
 */
async function handPlayedOnNode2() {
  cluster = await scope.start(2, FAST_FLAGS);
  const [n1, n2] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
  const alice = await guest(n1, 'Alice');
  const bob = await guest(n1, 'Bob');
  closeAfter(alice, bob);
  let table = '';
  for (let i = 0; i < 10 && table === ''; i++) {
    const id = await createTable(alice, 'holdem', { bots: 1 });
    if ((await ownerOf(cluster, id)) === 'node-2') table = id;
  }
  expect(table, 'a table placed on node 2').not.toBe('');
  const seated = [alice, bob].map((p) => new TableClient(p.client, table, games.holdem));
  for (const t of seated) await t.join(400);
  const plays = seated.map((t) => playCheckCall(t));
  cleanups.push(() => plays.forEach((p) => p.stop()));
  const events = recordEvents(alice, table);
  await until(() => handsEnded(events) >= 1, 60_000, 'a hand');
  return { n1, n2, alice, bob, table, seated, plays, events };
}

describe('a cluster of three nodes', () => {
  it('lets players on different nodes play at tables of every node; a spectator elsewhere sees nothing hidden', async () => {
    cluster = await scope.start(3, FAST_FLAGS);
    const [n1, n2, n3] = cluster.nodes as [
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
    ];
    const alice = await guest(n1, 'Alice');
    const bob = await guest(n2, 'Bob');
    const carol = await guest(n3, 'Carol');
    closeAfter(alice, bob, carol);

    // Three tables, placed by least load: one on each node.
    const tables: string[] = [];
    for (let i = 0; i < 3; i++) tables.push(await createTable(alice, 'holdem', { bots: 1 }));
    const owners = await Promise.all(tables.map((t) => ownerOf(cluster, t)));
    expect(new Set(owners)).toEqual(new Set(['node-1', 'node-2', 'node-3']));

    // A create retried with the same request key — here from two connections on two nodes at
    // once — makes one table, and both get it.
    const aliceOnTwo = await guest(n2, 'Alice', { token: alice.token });
    closeAfter(aliceOnTwo);
    const again = {
      game: 'holdem' as const,
      name: 'Retried',
      config: { seats: 2, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 },
      requestKey: 'create-once-1',
    };
    const [first, second] = await Promise.all([
      alice.client.request('table.create', again),
      aliceOnTwo.client.request('table.create', again),
    ]);
    expect(second.table.id).toBe(first.table.id);
    expect((await alice.client.request('table.create', again)).table.id).toBe(first.table.id);

    // Every node's lobby lists every table (each node publishes its own on the bus).
    for (const p of [alice, bob, carol]) {
      let listed: string[] = [];
      for (let i = 0; i < 50 && !tables.every((t) => listed.includes(t)); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        listed = (await p.client.request('lobby.list', {})).tables.map((t) => t.id);
      }
      expect(listed).toEqual(expect.arrayContaining(tables));
    }

    const spectatorFrames = new Map<string, AnyEvent[]>();
    carol.client.on('table.event', (m) => {
      spectatorFrames.set(m.table, [...(spectatorFrames.get(m.table) ?? []), m.event as AnyEvent]);
    });
    const play: {
      table: string;
      alice: { seq: number; event: AnyEvent }[];
      bob: { seq: number; event: AnyEvent }[];
    }[] = [];
    for (const [i, table] of tables.entries()) {
      await new TableClient(carol.client, table, games.holdem).watch();
      const a = new TableClient(alice.client, table, games.holdem);
      const b = new TableClient(bob.client, table, games.holdem);
      const record = { table, alice: recordEvents(alice, table), bob: recordEvents(bob, table) };
      play.push(record);
      expect(await a.join(500)).toMatchObject({ balance: 10_000 - 500 * (i + 1) });
      await b.join(500);
      cleanups.push(autoPlay(a, games.holdem, 10 + i), autoPlay(b, games.holdem, 20 + i));
    }
    for (const p of play) await until(() => handsEnded(p.alice) >= 3, 90_000, `three hands at ${p.table}`);
    const lobby = (await carol.client.request('lobby.list', {})).tables;
    expect(lobby.filter((t) => t.name === 'Retried')).toHaveLength(1);

    // Hole cards dealt to Alice and Bob never reach Carol unless shown.
    let checked = 0;
    for (const p of play)
      checked += expectNoHiddenCardSeen(spectatorFrames.get(p.table) ?? [], [...p.alice, ...p.bob]);
    expect(checked).toBeGreaterThanOrEqual(6);

    cleanups.splice(0).forEach((c) => void c());
    await expectClusterChipsConserved(cluster, tables);
  });

  it('resumes a player whose connection is cut on another node, with no missed and no doubled event', async () => {
    cluster = await scope.start(3, FAST_FLAGS);
    const [n1, n2, n3] = cluster.nodes as [
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
    ];
    const owner = await guest(n3, 'Owner');
    closeAfter(owner);
    const table = await createTable(owner, 'holdem', { bots: 2 });
    const tableOwner = await ownerOf(cluster, table);
    // Alice reaches the table from a node that does not own it, and reconnects through yet another.
    const [first, second] = [n1, n2, n3].filter((_, i) => `node-${i + 1}` !== tableOwner);
    const alice = await guest(first!, 'Alice', { then: [second!] });
    closeAfter(alice);
    const aliceTable = new TableClient(alice.client, table, games.holdem);
    const events = recordEvents(alice, table);
    await aliceTable.join(500);
    cleanups.push(autoPlay(aliceTable, games.holdem, 5));
    await until(
      () => handsEnded(events) >= 1 && aliceTable.state.view?.inHand === true,
      60_000,
      'a hand in progress',
    );

    const restored = new Promise((resolve) => alice.client.once('restored', resolve));
    alice.sockets.at(-1)?.terminate();
    await restored;
    expect(alice.sockets.at(-1)?.url).toBe(second!.wsUrl);
    const seenAtCut = events.length;
    await until(
      () => events.length > seenAtCut + 20 && handsEnded(events) >= 3,
      60_000,
      'play after the reconnect',
    );
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    cleanups.splice(0).forEach((c) => void c());
    await expectClusterChipsConserved(cluster, [table]);
  });

  it("closes a table on the operator's word from any node: its players are stood up and paid, then it is gone", async () => {
    const { n1, n2, alice, table, plays } = await handPlayedOnNode2();
    const closedFor: string[] = [];
    alice.client.on('table.closed', (m) => m.table === table && closedFor.push(m.reason));

    // Asked of node 1; the table runs on node 2.
    const res = await fetch(`${n1.url}/api/admin/tables/${table}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${n1.adminToken}` },
    });
    expect(res.status).toBe(202);
    await until(() => closedFor.includes('closed'), 60_000, 'the table closed');
    plays.forEach((p) => p.stop());
    // No chip stays at the closed table: the ledger holds none there, every seat was paid out.
    const audit = (await adminGet(n2, '/api/admin/audit')) as { tables: { id: string; ledger: number }[] };
    expect(audit.tables.find((t) => t.id === table)?.ledger ?? 0).toBe(0);
    expect(await ownerOf(cluster, table)).toBeUndefined();
    for (const n of [n1, n2]) {
      const lobby = (await alice.client.request('lobby.list', {})).tables.map((t) => t.id);
      expect(lobby, n.url).not.toContain(table);
    }
    const gone = await fetch(`${n2.url}/api/admin/tables/${table}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${n2.adminToken}` },
    });
    expect(gone.status).toBe(404);
    await expectClusterChipsConserved(cluster, []);
  });

  it("pauses a table on the operator's word from any node; the pause holds when the table moves, and play resumes", async () => {
    const { n1, n2, alice, table, seated, plays: first, events } = await handPlayedOnNode2();
    first.forEach((p) => p.stop());

    const admin = (node: typeof n1, verb: string) =>
      fetch(`${node.url}/api/admin/tables/${table}/${verb}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${node.adminToken}` },
      });
    // Asked of node 1; the table runs on node 2.
    const paused = await admin(n1, 'pause');
    expect(paused.status).toBe(200);
    expect(await paused.json()).toEqual({ table, paused: true });
    await until(() => seated.every((t) => t.state.paused), 10_000, 'both players told of the pause');
    // Node 1's lobby hears it from node 2 over the Bus.
    const pausedInLobby = async () =>
      (await alice.client.request('lobby.list', {})).tables.find((t) => t.id === table)?.paused === true;
    await until(pausedInLobby, 10_000, 'the lobby marking the table paused');

    // The table moves while paused: its new owner keeps it paused, and says so in the fresh view.
    const moved = await fetch(`${n2.url}/api/admin/tables/${table}/move`, {
      method: 'POST',
      headers: { authorization: `Bearer ${n2.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(moved.status).toBe(200);
    await until(async () => (await ownerOf(cluster, table)) === 'node-1', 10_000, 'the move');
    const before = events.length;
    for (const t of seated) {
      await expect(t.sitOut()).rejects.toMatchObject({ code: 'table/paused' });
      expect(t.state.paused).toBe(true);
    }
    // The bot does not move and no clock runs out while paused.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(events.length).toBe(before);

    const resumed = await admin(n2, 'resume');
    expect(resumed.status).toBe(200);
    await until(() => seated.every((t) => !t.state.paused), 10_000, 'both players told it resumed');
    const plays = seated.map((t) => playCheckCall(t));
    cleanups.push(() => plays.forEach((p) => p.stop()));
    const hands = handsEnded(events);
    await until(() => handsEnded(events) > hands, 60_000, 'a hand after the resume');
    plays.forEach((p) => p.stop());
    expect((await admin(n1, 'pause')).status).toBe(200);
    expect((await admin(n1, 'pause')).status, 'pausing twice is no error').toBe(200);
    const closed = await admin(n1, 'close');
    expect(closed.status, 'a paused table can still be closed').toBe(202);
    await until(async () => (await ownerOf(cluster, table)) === undefined, 60_000, 'the table closed');
    await expectClusterChipsConserved(cluster, []);
  });

  it('refuses a node link with a wrong cluster secret, and logs it', async () => {
    cluster = await scope.start(1);
    const node = cluster.nodes[0]!;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${node.port}/cluster`, {
        headers: linkHeaders('not-the-cluster-secret-at-all-0123456789', 'intruder', Date.now()),
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(401);
    await until(
      () => node.output.some((l) => l.includes('refused a node link')),
      5000,
      'the refusal in the log',
    );
  });
});

describe('a cluster on a Redis Cluster of three masters', () => {
  it('serves a table of one node to a player on another, with sharded pub/sub for the lobby and wallets', async () => {
    cluster = await scope.start(2, FAST_FLAGS, { redisCluster: true });
    const [n1, n2] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const alice = await guest(n1, 'Alice');
    const bob = await guest(n2, 'Bob');
    closeAfter(alice, bob);
    const tables = [
      await createTable(alice, 'holdem', { bots: 1 }),
      await createTable(alice, 'holdem', { bots: 1 }),
    ];
    const wallet: number[] = [];
    bob.client.on('wallet', (m) => wallet.push(m.balance));
    for (const [i, table] of tables.entries()) {
      const b = new TableClient(bob.client, table, games.holdem);
      const events = recordEvents(bob, table);
      await b.join(500);
      cleanups.push(autoPlay(b, games.holdem, 40 + i));
      await until(() => handsEnded(events) >= 2, 60_000, `two hands at ${table}`);
    }
    // Both nodes host one of the tables, and Bob's wallet pushes reached him whichever node moved chips.
    const owners = new Set<string>();
    for (const t of tables) {
      const lobby = (await bob.client.request('lobby.list', {})).tables.map((x) => x.id);
      expect(lobby).toContain(t);
    }
    for (const n of cluster.nodes) {
      const overview = (await adminGet(n, '/api/admin/overview')) as {
        node: string;
        tables: { id: string }[];
      };
      if (overview.tables.some((t) => tables.includes(t.id))) owners.add(overview.node);
    }
    expect(owners.size).toBe(2);
    expect(wallet.length).toBeGreaterThanOrEqual(2);

    // The operator's message, sent on one node, reaches players connected to every node.
    const heard = [alice, bob].map((p) => {
      const got: string[] = [];
      p.client.on('notice', (m) => got.push(m.message));
      return got;
    });
    const sent = await fetch(`${n1.url}/api/admin/broadcast`, {
      method: 'POST',
      headers: { authorization: `Bearer ${n1.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Back in five minutes.' }),
    });
    expect(sent.status).toBe(202);
    await until(
      () => heard.every((h) => h.includes('Back in five minutes.')),
      10_000,
      'the notice on both nodes',
    );
    cleanups.splice(0).forEach((c) => void c());
    await expectClusterChipsConserved(cluster, tables);
  });
});

describe('a cluster node whose Redis or PostgreSQL is not there yet', () => {
  let redis: RedisServer | null = null;
  let postgres: PostgresServer | null = null;
  afterEach(async () => {
    await redis?.stop();
    await postgres?.stop();
    redis = null;
    postgres = null;
  });

  /** Starts a cluster node whose `service` URL points at a port where nothing listens yet. */
  async function startWaitingNode(flags: Record<string, string | number>): Promise<number> {
    ensureBuilt();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'pitboss-wait-'));
    const all = { ...flags, port, 'data-dir': dataDir, 'demo-tables.holdem': 0, 'demo-tables.hokm': 0 };
    const args = Object.entries(all).flatMap(([k, v]) => [`--${k}`, String(v)]);
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js'), 'serve', ...args],
      {
        stdio: 'ignore',
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    cleanups.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      removeDataDir(dataDir);
    });
    return port;
  }

  /** What the node's /ready 503 says it waits for, once that names `service` (or the last answer). */
  async function waitingFor(port: number, service: string): Promise<string | undefined> {
    let said: string | undefined;
    for (let i = 0; i < 100 && !(said ?? '').includes(service); i++) {
      const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
      if (res?.status === 503) said = ((await res.json()) as { waitingFor?: string }).waitingFor;
      await new Promise((r) => setTimeout(r, 100));
    }
    return said;
  }

  async function becomesReady(port: number): Promise<number> {
    let ready = 0;
    for (let i = 0; i < 300 && ready !== 200; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    return ready;
  }

  it('answers /ready 503 saying what it waits for, then becomes ready once Redis appears', async () => {
    cluster = await scope.start(0);
    const redisPort = await freePort();
    const port = await startWaitingNode({
      ...cluster.flags('node-late'),
      'cluster.redis': `redis://127.0.0.1:${redisPort}`,
    });
    expect(await waitingFor(port, 'Redis')).toContain('Redis');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    redis = await startRedis({ port: redisPort });
    expect(await becomesReady(port)).toBe(200);
  });

  it('does the same while PostgreSQL is not there yet', async () => {
    cluster = await scope.start(0);
    const pgPort = await freePort();
    const port = await startWaitingNode({
      ...cluster.flags('node-late'),
      'cluster.postgres': `postgres://pitboss@127.0.0.1:${pgPort}/postgres`,
    });
    expect(await waitingFor(port, 'PostgreSQL')).toContain('PostgreSQL');
    postgres = await startPostgres({ port: pgPort });
    expect(await becomesReady(port)).toBe(200);
  });
});
