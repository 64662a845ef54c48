// Tables outlive their nodes (issue 11, first slice): the owner of a table is killed with SIGKILL
// mid-hand, its lease runs out, a surviving node takes the table over (compare-and-set on the
// epoch, fence, snapshot + replay) and the hand goes on with the same cards. Players connected to
// the surviving nodes resume with no missed and no doubled event, every action acknowledged before
// the kill is still there, and the chip audit balances across the cluster.

import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/adapters/redis/client.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { RedisTableLog } from '../../src/adapters/redis/table-log.js';
import { games } from '../../src/games/index.js';
import type { HoldemView } from '../../src/games/holdem/index.js';
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
  until,
  recordEvents,
  type AnyEvent,
  type Player,
} from './helpers.js';

const { cleanups, start: startCluster } = clusterPerTest();

/** A 3-node cluster with a table owned by node-3, Alice (node 1) and Bob (node 2) playing it. */
async function tableOnNode3(): Promise<{
  c: TestCluster;
  table: string;
  epoch: number;
  aliceTable: TableClient<typeof games.holdem>;
  alice: Player;
  events: { seq: number; event: AnyEvent }[];
  acked: { readonly all: number[] };
  handsEnded: () => number;
  /** What a spectator on node 1 received. */
  seen: AnyEvent[];
}> {
  const c = await startCluster(3, { ...FAST_FLAGS, 'timing.hand-delay-ms': 400 });
  const [n1, n2] = c.nodes;
  const alice = await guest(n1!, 'Alice');
  const bob = await guest(n2!, 'Bob');
  cleanups.push(
    () => alice.client.close(),
    () => bob.client.close(),
  );
  const directory = new RedisDirectory(connectRedis({ url: c.redis.url }));
  cleanups.push(() => directory.close());
  let table = '';
  for (let i = 0; i < 6 && table === ''; i++) {
    const id = await createTable(alice, 'holdem', { bots: 0, turnSeconds: 60 });
    if ((await directory.lookup(id))?.nodeId === 'node-3') table = id;
  }
  expect(table).not.toBe('');
  const epoch = (await directory.lookup(table))!.epoch;
  const aliceTable = new TableClient(alice.client, table, games.holdem);
  const bobTable = new TableClient(bob.client, table, games.holdem);
  const events = recordEvents(alice, table);
  const dave = await guest(n1!, 'Dave');
  cleanups.push(() => dave.client.close());
  const seen: AnyEvent[] = [];
  dave.client.on('table.event', (m) => {
    if (m.table === table) seen.push(m.event as AnyEvent);
  });
  await new TableClient(dave.client, table, games.holdem).watch();
  await aliceTable.join(500);
  await bobTable.join(500);
  const players = [playCheckCall(aliceTable), playCheckCall(bobTable)];
  cleanups.push(() => players.forEach((p) => p.stop()));
  const acked = {
    get all() {
      return players.flatMap((p) => p.acked);
    },
  };
  const handsEnded = () => events.filter((e) => e.event.type === 'hand_ended').length;
  return { c, table, epoch, aliceTable, alice, events, acked, handsEnded, seen };
}

async function ownerOf(c: TestCluster, table: string): Promise<{ nodeId: string; epoch: number } | null> {
  const directory = new RedisDirectory(connectRedis({ url: c.redis.url }));
  try {
    return await directory.lookup(table);
  } finally {
    await directory.close();
  }
}

describe('a table whose node is killed', () => {
  it('goes on at a surviving node with the same cards, losing no acknowledged action', async () => {
    // A table owned by node-3, the node that will die; the players are on nodes 1 and 2.
    const {
      c,
      table,
      epoch: epochBefore,
      aliceTable,
      alice,
      events,
      acked,
      handsEnded,
      seen,
    } = await tableOnNode3();
    await until(
      () => handsEnded() >= 2 && aliceTable.state.view?.inHand === true,
      60_000,
      'a hand in progress',
    );

    // Mid-hand: remember the hand and Alice's cards, then kill the owner.
    const view = aliceTable.state.view as HoldemView;
    const hand = view.handNumber;
    const cards = view.holeCards;
    expect(cards).not.toBeNull();
    const ackedAtKill = acked.all;
    await c.nodes[2]!.kill();

    // The table comes back on node 1 or 2, with a higher epoch, and play goes on.
    await until(() => handsEnded() >= 4, 90_000, 'two more hands after the kill');
    const after = await ownerOf(c, table);
    expect(['node-1', 'node-2']).toContain(after?.nodeId);
    expect(after!.epoch).toBeGreaterThan(epochBefore);

    // Every action acknowledged before the kill is in what the players saw, and nothing was
    // missed or doubled across the takeover.
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    for (const seq of ackedAtKill) expect(seqs).toContain(seq);
    // The interrupted hand finished once, and its history shows Alice's cards as she held them
    // (the live hand_ended carries the public record: her cards only if she showed them).
    const ended = events.filter((e) => e.event.type === 'hand_ended' && e.event.hand === hand);
    expect(ended).toHaveLength(1);
    expect(JSON.stringify(await historyRecord(alice, table, hand))).toContain(JSON.stringify(cards));
    expect(expectNoHiddenCardSeen(seen, events)).toBeGreaterThanOrEqual(2);

    cleanups.splice(0).forEach((c) => void c());
    const audit = (await adminGet(c.nodes[0]!, '/api/admin/audit')) as {
      balanced: boolean;
      tablesMatch: boolean;
      tables: { id: string }[];
    };
    expect(audit).toMatchObject({ balanced: true, tablesMatch: true });
    expect(audit.tables.map((t) => t.id)).toContain(table);
  });

  it('fences a frozen owner: frozen past its lease it loses the table, and woken up it never writes again', async () => {
    const { c, table, epoch: frozenEpoch, events, acked, handsEnded, seen } = await tableOnNode3();
    const n3 = c.nodes[2];
    const log = new RedisTableLog(connectRedis({ url: c.redis.url }));
    cleanups.push(() => log.close());
    await until(() => handsEnded() >= 1, 60_000, 'a hand');

    // Freeze node-3 (SIGSTOP) past its lease: the others take the table over and play goes on.
    n3!.child.kill('SIGSTOP');
    cleanups.push(() => void n3!.child.kill('SIGCONT'));
    await until(() => handsEnded() >= 3, 90_000, 'play at the new owner');
    const taken = await ownerOf(c, table);
    expect(taken?.nodeId).not.toBe('node-3');
    // Wake it: it finds its lease gone, and its stale epoch can write nothing.
    n3!.child.kill('SIGCONT');
    await until(
      () => n3!.output.some((l) => l.includes('membership lease had expired')),
      20_000,
      'the woken node to notice its lease had expired',
    );
    const handsAtWake = handsEnded();
    await until(() => handsEnded() >= handsAtWake + 2, 60_000, 'two more hands after the wake-up');

    // The log as the new owner left it: every write since the takeover carries a newer epoch, and
    // none of the frozen owner's epoch comes after one of them (trims may have dropped older ones).
    const entries = await log.read(table, 1);
    const epochs = entries.map((e) => e.epoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    const newest = entries.at(-1)?.epoch ?? (await log.readSnapshot(table))?.epoch ?? 0;
    expect(newest).toBeGreaterThan(frozenEpoch);
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect((await ownerOf(c, table))?.nodeId).toBe(taken?.nodeId);
    for (const seq of acked.all) expect(seqs).toContain(seq);
    expect(expectNoHiddenCardSeen(seen, events)).toBeGreaterThanOrEqual(2);

    cleanups.splice(0).forEach((c) => void c());
    const audit = (await adminGet(c.nodes[0]!, '/api/admin/audit')) as {
      balanced: boolean;
      tablesMatch: boolean;
    };
    expect(audit).toMatchObject({ balanced: true, tablesMatch: true });
  });
});
