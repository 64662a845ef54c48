// Tables survive their stores' outages (issue 11). Redis killed with SIGKILL during play and
// restarted (AOF, appendfsync always): the tables pause — actions get `table/unavailable`, turn
// timers and bots wait, /ready answers 503 — and resume by themselves once Redis is back, with
// every acknowledged action still there, no stuck table, no hidden card to the wrong viewer and
// the chips conserved. PostgreSQL stopped during play: the games go on (a table even moves to
// another node meanwhile), sign-ups and buy-ins are refused as retryable, and the cash-outs and
// hand histories that waited in the table logs are written exactly once when it is back.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { games } from '../../src/games/index.js';
import { TableClient } from '../../src/sdk/index.js';
import { clusterPerTest, type TestCluster } from '../support/cluster.js';
import {
  adminGet,
  createTable,
  expectNoHiddenCardSeen,
  FAST_FLAGS,
  guest,
  metricValue,
  playCheckCall,
  RawSocket,
  recordEvents,
  until,
  untilMetric,
  type AnyEvent,
  type Player,
} from './helpers.js';

const { cleanups, start: startCluster } = clusterPerTest();

const readyStatus = (url: string) =>
  fetch(`${url}/ready`).then(
    (r) => r.status,
    () => 0,
  );

describe('a Redis outage', () => {
  it('pauses the tables while Redis is down and resumes them by themselves when it is back', async () => {
    const c = await startCluster(2, { ...FAST_FLAGS, 'timing.hand-delay-ms': 400 });
    const [n1, n2] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
    const alice = await guest(n1, 'Alice');
    const bob = await guest(n2, 'Bob');
    const dave = await guest(n2, 'Dave');
    const people: Player[] = [alice, bob, dave];
    cleanups.push(() => people.forEach((p) => p.client.close()));

    const table = await createTable(alice, 'holdem', { bots: 0, turnSeconds: 3 });
    const botTable = await createTable(dave, 'holdem', { bots: 3 });
    const seen: AnyEvent[] = [];
    dave.client.on('table.event', (m) => {
      if (m.table === table) seen.push(m.event as AnyEvent);
    });
    await new TableClient(dave.client, table, games.holdem).watch();
    const botEvents = recordEvents(dave, botTable);
    await new TableClient(dave.client, botTable, games.holdem).watch();
    const events = { alice: recordEvents(alice, table), bob: recordEvents(bob, table) };
    const tables = [alice, bob].map((p) => new TableClient(p.client, table, games.holdem));
    for (const t of tables) await t.join(500);
    const players = tables.map((t) => playCheckCall(t));
    cleanups.push(() => players.forEach((p) => p.stop()));
    const hands = (list: { event: AnyEvent }[]) => list.filter((e) => e.event.type === 'hand_ended').length;
    await until(() => hands(events.alice) >= 2 && hands(botEvents) >= 1, 60_000, 'hands before the outage');

    // Redis dies. Both nodes say they are not ready; actions are refused as retryable.
    await c.redis.kill();
    const ackedBefore = players.flatMap((p) => [...p.acked]);
    for (const node of [n1, n2]) {
      let status = 0;
      for (let i = 0; i < 100 && status !== 503; i++) {
        status = await readyStatus(node.url);
        if (status !== 503) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(503);
    }
    // A buy-in now is refused as retryable, before any chip moves.
    const daveAtTable = new TableClient(dave.client, table, games.holdem);
    const joined = await daveAtTable.join(300).then(
      () => 'joined',
      (error: unknown) => (error as { code?: string }).code,
    );
    expect(joined).toBe('table/unavailable');
    // What an operator's alerts read: the registry is out of reach and tables wait for their log.
    await untilMetric(n1.url, 'pitboss_registry_reachable', (v) => v === 0);
    let paused = 0;
    for (let i = 0; i < 150 && paused === 0; i++) {
      const counts = await Promise.all([n1, n2].map((n) => metricValue(n.url, 'pitboss_tables_paused')));
      paused = counts.reduce<number>((sum, v) => sum + (v ?? 0), 0);
      if (paused === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(paused).toBeGreaterThan(0);
    const handsDuring = hands(events.alice);
    await new Promise((r) => setTimeout(r, 4000)); // longer than a turn and than the lease
    expect(hands(events.alice)).toBe(handsDuring);
    const refusedDuring = players.flatMap((p) => p.refused);
    expect(refusedDuring.filter((code) => code !== 'table/unavailable')).toEqual([]);

    // Redis is back (its AOF replayed): the tables resume by themselves and play goes on.
    await c.redis.restart();
    const handsAtRestart = { table: hands(events.alice), bots: hands(botEvents) };
    for (const node of [n1, n2]) await waitReady(node.url);
    for (const node of [n1, n2]) {
      await untilMetric(node.url, 'pitboss_registry_reachable', (v) => v === 1);
      await untilMetric(node.url, 'pitboss_tables_paused', (v) => v === 0);
    }
    await until(
      () => hands(events.alice) >= handsAtRestart.table + 2,
      90_000,
      'two hands after Redis returned',
    );
    await until(() => hands(botEvents) >= handsAtRestart.bots + 1, 90_000, 'the bot table playing again');
    const refusedAfter = players.flatMap((p) => p.refused).slice(refusedDuring.length);
    expect(refusedAfter.every((code) => code === 'table/unavailable')).toBe(true);

    // Nothing acknowledged was lost, nothing missed or doubled, nobody timed out by our outage.
    for (const recorded of [events.alice, events.bob]) {
      const seqs = recorded.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      for (const seq of ackedBefore) expect(seqs).toContain(seq);
    }
    expect(events.alice.filter((e) => e.event.forced === 'timeout')).toEqual([]);
    expect(expectNoHiddenCardSeen(seen, [...events.alice, ...events.bob])).toBeGreaterThanOrEqual(4);

    cleanups.splice(0).forEach((fn) => void fn());
    const audit = (await adminGet(n1, '/api/admin/audit')) as { balanced: boolean; tablesMatch: boolean };
    expect(audit, JSON.stringify(audit)).toMatchObject({ balanced: true, tablesMatch: true });
  });
});

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await readyStatus(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready again`);
}

describe('a PostgreSQL outage', () => {
  it('lets the games go on — across a move and a failover — refuses sign-ups and buy-ins as retryable, and writes what waited exactly once', async () => {
    const c = await startCluster(3, { ...FAST_FLAGS, 'timing.hand-delay-ms': 300 });
    const [n1, n2] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
    const alice = await guest(n1, 'Alice');
    const bob = await guest(n2, 'Bob');
    const carol = await guest(n2, 'Carol');
    const dave = await guest(n1, 'Dave');
    const people: Player[] = [alice, bob, carol, dave];
    cleanups.push(() => people.forEach((p) => p.client.close()));
    // Short turns: the test stops its players to wait for a pause between hands, and each turn
    // left in that hand then runs to its timeout (30 s turns could outlast the wait).
    const table = await createTable(alice, 'holdem', { bots: 0, turnSeconds: 5 });
    const events = recordEvents(alice, table);
    const seen: AnyEvent[] = [];
    dave.client.on('table.event', (m) => {
      if (m.table === table) seen.push(m.event as AnyEvent);
    });
    await new TableClient(dave.client, table, games.holdem).watch();
    const seats = [alice, bob, carol].map((p) => new TableClient(p.client, table, games.holdem));
    for (const t of seats) await t.join(500);
    const players = seats.map((t) => playCheckCall(t));
    cleanups.push(() => players.forEach((p) => p.stop()));
    const ended = () => events.filter((e) => e.event.type === 'hand_ended').map((e) => Number(e.event.hand));
    await until(() => ended().length >= 1, 60_000, 'a hand before the outage');

    await c.postgres.halt();
    const handsAtHalt = ended().length;
    // Sign-ups and buy-ins are refused as retryable; nothing moves.
    // By hand, so the answer itself is checked (the SDK would retry its connection by policy).
    const newcomer = await RawSocket.open(n1);
    cleanups.push(() => newcomer.close());
    expect(await newcomer.request({ id: 'h', type: 'hello', protocols: [1] })).toMatchObject({ type: 'ack' });
    expect(await newcomer.request({ id: 'g', type: 'auth.guest', nickname: 'Newcomer' })).toMatchObject({
      type: 'error',
      code: 'server/unavailable',
    });
    const daveJoin = await new TableClient(dave.client, table, games.holdem).join(300).then(
      () => 'joined',
      (error: unknown) => (error as { code?: string }).code,
    );
    expect(daveJoin).toBe('table/unavailable');
    await untilMetric(n1.url, 'pitboss_store_reachable', (v) => v === 0);
    // The games go on; Bob leaves (his cash-out waits), and the table moves to the other node.
    await until(() => ended().length >= handsAtHalt + 2, 60_000, 'two hands during the outage');
    players[1]!.stop();
    await until(() => seats[1]!.state.view?.inHand !== true, 60_000, 'a pause between hands for Bob');
    const left = await seats[1]!.leave();
    expect(left.balance).toBeNull();
    // A live move to node 3 (through node 1 if it is there already), then node 3 dies (kill -9):
    // a survivor takes the table over with the record kept beside its log.
    if ((await ownerNode(c, table)).nodeId === 'node-3') await move(c, table, 'node-1');
    await move(c, table, 'node-3');
    const atMove = ended().length;
    await until(() => ended().length >= atMove + 1, 60_000, 'a hand after the move');
    await c.nodes[2]!.kill();
    const atKill = ended().length;
    await until(() => ended().length >= atKill + 2, 60_000, 'two hands after the failover');
    expect(['node-1', 'node-2']).toContain((await ownerNode(c, table)).nodeId);

    // PostgreSQL is back: what waited is written — once.
    await c.postgres.restart();
    await untilMetric(n1.url, 'pitboss_store_reachable', (v) => v === 1);
    players.forEach((p) => p.stop());
    await until(() => seats[0]!.state.view?.inHand !== true, 60_000, 'the hand in progress to end');
    const handsPlayed = ended();
    const db = new pg.Client({ connectionString: c.postgres.url() });
    await db.connect();
    cleanups.push(() => db.end());
    let saved: { hand: number; n: number }[] = [];
    for (let i = 0; i < 100; i++) {
      saved = (
        await db.query<{ hand: string; n: string }>(
          'SELECT hand, count(*) AS n FROM hands WHERE table_id = $1 GROUP BY hand ORDER BY hand',
          [table],
        )
      ).rows.map((r) => ({ hand: Number(r.hand), n: Number(r.n) }));
      if (handsPlayed.every((h) => saved.some((s) => s.hand === h))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(saved.map((s) => s.hand)).toEqual(expect.arrayContaining(handsPlayed));
    expect(saved.filter((s) => s.n !== 1)).toEqual([]);
    // Bob's cash-out: one ledger row, for the chips he stood up with, and his wallet shows them.
    const vacated = events.find((e) => e.event.type === 'seat_vacated' && e.event.player === bob.accountId);
    expect(vacated).toBeDefined();
    const bobRows = (
      await db.query<{ kind: string; amount: string; n: string }>(
        'SELECT kind, amount, count(*) OVER (PARTITION BY request_id) AS n FROM ledger WHERE account_id = $1 ORDER BY id',
        [bob.accountId],
      )
    ).rows;
    expect(bobRows.filter((r) => r.kind === 'cash_out').map((r) => Number(r.amount))).toEqual([
      Number(vacated!.event.chips),
    ]);
    expect(bobRows.every((r) => r.n === '1')).toBe(true);
    const duplicated = await db.query(
      'SELECT request_id FROM ledger GROUP BY request_id HAVING count(*) > 1',
    );
    expect(duplicated.rows).toEqual([]);
    // Every acknowledged action reached Alice, in order; Dave, watching, saw no hidden card.
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    for (const seq of players.flatMap((p) => p.acked)) expect(seqs).toContain(seq);
    expect(expectNoHiddenCardSeen(seen, events)).toBeGreaterThanOrEqual(4);

    cleanups.splice(0).forEach((fn) => void fn());
    const audit = (await adminGet(n1, '/api/admin/audit')) as { balanced: boolean; tablesMatch: boolean };
    expect(audit, JSON.stringify(audit)).toMatchObject({ balanced: true, tablesMatch: true });
  }, 180_000);
});

/** Moves `table` to `to` through its owner's operator API. */
async function move(c: TestCluster, table: string, to: string): Promise<void> {
  const owner = await ownerNode(c, table);
  const moved = await fetch(`${owner.url}/api/admin/tables/${table}/move`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  expect(moved.status, await moved.clone().text()).toBe(200);
}

async function ownerNode(
  c: TestCluster,
  table: string,
): Promise<{ nodeId: string; url: string; adminToken: string }> {
  const { connectRedis } = await import('../../src/adapters/redis/client.js');
  const { RedisDirectory } = await import('../../src/adapters/redis/directory.js');
  const directory = new RedisDirectory(connectRedis({ url: c.redis.url }));
  try {
    const owner = await directory.lookup(table);
    const node = c.nodes.find((_, i) => `node-${i + 1}` === owner?.nodeId);
    if (!node || !owner) throw new Error(`no owner for ${table}`);
    return { nodeId: owner.nodeId, url: node.url, adminToken: node.adminToken };
  } finally {
    await directory.close();
  }
}
