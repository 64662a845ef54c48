// Graceful drain = live migration (issue 11): a node told to stop (SIGTERM, or the operator's
// POST /api/admin/drain) hands every table it owns to the other nodes while hands are being played,
// and exits 0. Players on other nodes see a pause and nothing else — no error, no rejected action,
// no missed or doubled event —; a player connected to the drained node is closed with 1012 and
// resumes through another node; a spectator sees no hidden card; the chips balance.

import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/adapters/redis/client.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { games } from '../../src/games/index.js';
import type { HoldemView } from '../../src/games/holdem/index.js';
import { CloseCode } from '../../src/protocol/codes.js';
import { TableClient } from '../../src/sdk/index.js';
import { clusterPerTest, type TestCluster } from '../support/cluster.js';
import {
  adminGet,
  createTable,
  expectNoHiddenCardSeen,
  FAST_FLAGS,
  guest,
  historyRecord,
  playCheckCall,
  recordEvents,
  until,
  type AnyEvent,
  type Player,
} from './helpers.js';

const { cleanups, start: startCluster } = clusterPerTest();

function directoryOf(c: TestCluster): RedisDirectory {
  const directory = new RedisDirectory(connectRedis({ url: c.redis.url }));
  cleanups.push(() => directory.close());
  return directory;
}

describe('draining a node', () => {
  it('SIGTERM mid-hand: every table moves live, nobody gets an error, the node exits 0', async () => {
    const c = await startCluster(3, { ...FAST_FLAGS, 'timing.hand-delay-ms': 400 });
    const [n1, n2, n3] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0], (typeof c.nodes)[0]];
    const directory = directoryOf(c);
    const alice = await guest(n1, 'Alice');
    const bob = await guest(n2, 'Bob');
    // Carol is connected to the node that will drain; her reconnect goes to node 1 (as HAProxy would).
    const carol = await guest(n3, 'Carol', { then: [n1] });
    const dave = await guest(n1, 'Dave');
    const people: Player[] = [alice, bob, carol, dave];
    cleanups.push(() => people.forEach((p) => p.client.close()));

    // A table owned by node-3, and a bot table there too, so the drain moves more than one.
    let table = '';
    for (let i = 0; i < 8 && table === ''; i++) {
      const id = await createTable(carol, 'holdem', { bots: 0, turnSeconds: 60 });
      if ((await directory.lookup(id))?.nodeId === 'node-3') table = id;
    }
    expect(table).not.toBe('');
    const botTable = await createTable(dave, 'holdem', { bots: 3 });
    const onNode3 = (await directory.ownedBy('node-3')).map((t) => t.tableId);
    expect(onNode3).toContain(table);
    const epochBefore = (await directory.lookup(table))!.epoch;

    const seen: AnyEvent[] = [];
    dave.client.on('table.event', (m) => {
      if (m.table === table) seen.push(m.event as AnyEvent);
    });
    dave.client.on('table.view', (m) => {
      if (m.table === table) seen.push({ type: 'view', ...(m.view as object) });
    });
    await new TableClient(dave.client, table, games.holdem).watch();
    await new TableClient(dave.client, botTable, games.holdem).watch();
    const events = { alice: recordEvents(alice, table), bob: recordEvents(bob, table) };
    const tables = [alice, bob, carol].map((p) => new TableClient(p.client, table, games.holdem));
    for (const t of tables) await t.join(500);
    const players = tables.map((t) => playCheckCall(t));
    cleanups.push(() => players.forEach((p) => p.stop()));
    const handsEnded = () => events.alice.filter((e) => e.event.type === 'hand_ended').length;
    await until(
      () => handsEnded() >= 2 && tables[0]!.state.view?.inHand === true,
      60_000,
      'a hand in progress',
    );

    // Mid-hand: remember the hand and Alice's cards, then ask node-3 to stop.
    const view = tables[0]!.state.view as HoldemView;
    const hand = view.handNumber;
    const cards = view.holeCards;
    const ackedBefore = players.map((p) => [...p.acked]);
    const carolSocket = carol.sockets[0]!;
    const carolClosed = new Promise<number>((resolve) => carolSocket.once('close', (code) => resolve(code)));
    expect(await n3.stop()).toBe(0);

    // Every table node-3 owned runs elsewhere now, each under a newer epoch.
    expect(await directory.ownedBy('node-3')).toEqual([]);
    for (const id of onNode3) expect(['node-1', 'node-2']).toContain((await directory.lookup(id))?.nodeId);
    expect((await directory.lookup(table))!.epoch).toBeGreaterThan(epochBefore);
    expect(await carolClosed).toBe(CloseCode.serviceRestart);

    // Play goes on, Carol included (through node 1), and nobody was refused anything.
    const carolAcked = players[2]!.acked.length;
    await until(() => handsEnded() >= 4, 90_000, 'two more hands after the drain');
    await until(() => players[2]!.acked.length > carolAcked, 30_000, 'Carol acting again');
    expect(players.flatMap((p) => p.refused)).toEqual([]);

    // No event missed or doubled for the players on the other nodes, every acknowledged action is
    // there, and the hand that was moved finished once with Alice's cards as she held them.
    for (const recorded of [events.alice, events.bob]) {
      const seqs = recorded.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      for (const seq of ackedBefore.flat()) expect(seqs).toContain(seq);
    }
    const ended = events.alice.filter((e) => e.event.type === 'hand_ended' && e.event.hand === hand);
    expect(ended).toHaveLength(1);
    // Her cards from her hand history: the live hand_ended carries the public record.
    expect(JSON.stringify(await historyRecord(alice, table, hand))).toContain(JSON.stringify(cards));
    expect(expectNoHiddenCardSeen(seen, [...events.alice, ...events.bob])).toBeGreaterThanOrEqual(4);

    cleanups.splice(0).forEach((c) => void c());
    const audit = (await adminGet(n1, '/api/admin/audit')) as {
      balanced: boolean;
      tablesMatch: boolean;
      tables: { id: string }[];
    };
    expect(audit, JSON.stringify(audit)).toMatchObject({ balanced: true, tablesMatch: true });
    for (const id of onNode3) expect(audit.tables.map((t) => t.id)).toContain(id);
  });

  it('moves one table on request, refuses a drain with no other node, and drains on the operator’s word', async () => {
    const c = await startCluster(2, FAST_FLAGS);
    const [n1, n2] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
    const directory = directoryOf(c);
    const alice = await guest(n1, 'Alice');
    cleanups.push(() => alice.client.close());
    const table = await createTable(alice, 'holdem', { bots: 2 });
    const owner = (await directory.lookup(table))!;
    const other = owner.nodeId === 'node-1' ? n2 : n1;
    const from = owner.nodeId === 'node-1' ? n1 : n2;
    const events = recordEvents(alice, table);
    const tableClient = new TableClient(alice.client, table, games.holdem);
    await tableClient.join(500);
    const playing = playCheckCall(tableClient);
    cleanups.push(() => playing.stop());
    await until(() => events.some((e) => e.event.type === 'hand_ended'), 60_000, 'a hand');

    const post = (node: typeof n1, path: string, body?: unknown, token = node.adminToken) =>
      fetch(`${node.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    // The operator's move: no token, no move; with it, the table runs on the other node.
    expect((await post(from, `/api/admin/tables/${table}/move`, {}, 'wrong')).status).toBe(401);
    expect((await post(other, `/api/admin/tables/${table}/move`, {})).status).toBe(404);
    const moved = await post(from, `/api/admin/tables/${table}/move`, {});
    expect(moved.status, await moved.clone().text()).toBe(200);
    const otherId = owner.nodeId === 'node-1' ? 'node-2' : 'node-1';
    expect(await moved.json()).toEqual({ table, to: otherId });
    expect((await directory.lookup(table))?.nodeId).toBe(otherId);
    const handsAtMove = events.filter((e) => e.event.type === 'hand_ended').length;
    await until(
      () => events.filter((e) => e.event.type === 'hand_ended').length >= handsAtMove + 2,
      60_000,
      'two hands after the move',
    );

    // The operator drains the table's new owner: 202 at once, the table comes back here, and the
    // drained node exits 0 by itself. The last node left then refuses a drain: nowhere to go.
    const drainedNode = other;
    const accepted = await post(drainedNode, '/api/admin/drain');
    expect(accepted.status).toBe(202);
    expect(await drainedNode.exited).toBe(0);
    expect((await directory.lookup(table))?.nodeId).toBe(owner.nodeId);
    const handsAtDrain = events.filter((e) => e.event.type === 'hand_ended').length;
    await until(
      () => events.filter((e) => e.event.type === 'hand_ended').length >= handsAtDrain + 1,
      60_000,
      'a hand after the drain',
    );
    const refused = await post(from, '/api/admin/drain');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/no other node is ready/);
    expect((await fetch(`${from.url}/ready`)).status).toBe(200);
    expect(playing.refused).toEqual([]);
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    playing.stop();
    const audit = (await adminGet(from, '/api/admin/audit')) as { balanced: boolean; tablesMatch: boolean };
    expect(audit, JSON.stringify(audit)).toMatchObject({ balanced: true, tablesMatch: true });
  });
});
