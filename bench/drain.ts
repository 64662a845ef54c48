// `npm run bench:drain`: how long a node takes to drain — hand every table it owns live to the
// other nodes and exit — and what the players saw meanwhile.
//
// A cluster of three nodes (redis-server, PostgreSQL) on loopback with --tables tables (default
// 1,000) spread over them by placement: most are bot tables (two bots each, playing at their own
// pace), and --human-tables of them (default 60) have two SDK players connected to the two nodes
// that stay, acting on every turn. Then node-1 gets SIGTERM. Measured: SIGTERM → exit; the
// longest any player waited for an action's acknowledgement while the drain ran (the pause), next
// to the same players' p99 before it; actions refused (target 0); and, afterwards, that every
// table runs on a surviving node and the chip audit balances. Bounded: every wait has a timeout.
// Results and the command: docs/benchmarks.md.

import { connectRedis } from '../src/adapters/redis/client.js';
import { RedisDirectory } from '../src/adapters/redis/directory.js';
import type { PitbossClient } from '../src/sdk/index.js';
import { TableClient } from '../src/sdk/index.js';
import { games } from '../src/games/index.js';
import { startLiveCluster } from './cluster/live-cluster.js';
import { keepActing, percentile, signIn, type Acting } from './cluster/players.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TABLES = arg('--tables', 1000);
const HUMAN_TABLES = Math.min(arg('--human-tables', 60), TABLES);
const CREATORS = 10;
const DRAIN_TIMEOUT_MS = 60_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const cluster = await startLiveCluster(3, {
    'log-level': 'info',
    // Bots at a human's pace: the point is many live tables, not a CPU benchmark.
    'timing.bot-min-ms': 3000,
    'timing.bot-max-ms': 6000,
    'timing.hand-delay-ms': 500,
  });
  const clients: PitbossClient[] = [];
  const directory = new RedisDirectory(connectRedis({ url: cluster.redis.url }));
  try {
    // The tables, spread by placement; creators connect to the nodes that stay.
    const createStarted = Date.now();
    const creators = await Promise.all(
      Array.from({ length: CREATORS }, (_, i) => signIn(cluster.wsUrl(1 + (i % 2)), `Creator${i}`)),
    );
    clients.push(...creators);
    const humanTables: string[] = [];
    await Promise.all(
      creators.map(async (creator, c) => {
        for (let i = c; i < TABLES; i += CREATORS) {
          const human = i < HUMAN_TABLES;
          const created = await creator.request('table.create', {
            game: 'holdem',
            name: `Drain ${i}`,
            config: { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 },
            options: { turnSeconds: 60, bots: human ? 0 : 2 },
          });
          if (human) humanTables.push(created.table.id);
        }
      }),
    );
    log(`${TABLES} tables created in ${((Date.now() - createStarted) / 1000).toFixed(1)} s`);

    // Two players at each human table, on node-2 and node-3 (the nodes that stay).
    const acting: Acting[] = [];
    for (const [i, table] of humanTables.entries()) {
      const pair = await Promise.all([
        signIn(cluster.wsUrl(1), `P${i}a`),
        signIn(cluster.wsUrl(2), `P${i}b`),
      ]);
      clients.push(...pair);
      for (const client of pair) {
        await new TableClient(client, table, games.holdem).join(1000);
        acting.push(keepActing(client, table));
      }
    }
    await sleep(4000);
    const onVictim = await directory.ownedBy('node-1');
    const humanOnVictim = humanTables.filter((t) => onVictim.some((o) => o.tableId === t)).length;
    log(`node-1 owns ${onVictim.length} tables (${humanOnVictim} with players acting from the other nodes)`);

    const sigterm = Date.now();
    const exited = cluster.nodes[0]!.stop();
    const code = await Promise.race([exited, sleep(DRAIN_TIMEOUT_MS).then(() => 'timeout' as const)]);
    const drainMs = Date.now() - sigterm;
    if (code === 'timeout') throw new Error(`node-1 did not exit within ${DRAIN_TIMEOUT_MS} ms`);
    await sleep(2000);
    for (const a of acting) a.stop();
    const end = Date.now();

    const drained = cluster.logLines(0, 'drained:')[0] ?? cluster.logLines(0, 'could not be handed off')[0];
    const left = await directory.ownedBy('node-1');
    const audit = (await cluster.admin(1, '/api/admin/audit')) as {
      balanced: boolean;
      tablesMatch: boolean;
      tables: unknown[];
    };
    const acks = acting.flatMap((a) => a.acks);
    const before = acks.filter((a) => a.sentAt < sigterm).map((a) => a.ms);
    const during = acks.filter((a) => a.sentAt >= sigterm && a.sentAt < sigterm + drainMs).map((a) => a.ms);
    const after = acks.filter((a) => a.sentAt >= sigterm + drainMs && a.sentAt < end);
    const refused = acting.flatMap((a) => a.refused.map((r) => r.code));
    log(`\nnode-1 log: ${drained?.slice(0, 300) ?? '(no drain line)'}`);
    log(
      `drain of ${onVictim.length} tables (of ${TABLES} over 3 nodes): SIGTERM → exit ${drainMs} ms, exit code ${String(code)} (target ≤ 5000 ms)`,
    );
    log(
      `player actions: before p50 ${percentile(before, 0.5)} / p99 ${percentile(before, 0.99)} ms; during the drain ${during.length} acked, longest wait ${Math.max(0, ...during)} ms, p99 ${percentile(during, 0.99)} ms; after ${after.length} acked`,
    );
    log(
      `refused actions: ${refused.length}${refused.length > 0 ? ` (${[...new Set(refused)].join(', ')})` : ''} (target 0)`,
    );
    log(
      `afterwards: tables still on node-1 ${left.length}; audit balanced ${audit.balanced}, tables match ${audit.tablesMatch}, ${audit.tables.length} tables counted`,
    );
  } finally {
    for (const c of clients) c.close();
    await directory.close();
    await cluster.stop();
  }
}

await main();
