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

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { connectRedis } from '../src/adapters/redis/client.js';
import { RedisDirectory } from '../src/adapters/redis/directory.js';
import { games } from '../src/games/index.js';
import { freePort } from '../src/launcher/free-port.js';
import { startNodeChild, type NodeChild } from '../src/launcher/node-child.js';
import { ONE_ADDRESS_LIMITS } from '../src/launcher/one-address-limits.js';
import { startPostgres } from '../src/launcher/postgres-process.js';
import { startRedis } from '../src/launcher/redis-process.js';
import { PitbossClient, TableClient } from '../src/sdk/index.js';
import { stopOnSignal } from './cluster/cleanup.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TABLES = arg('--tables', 1000);
const HUMAN_TABLES = Math.min(arg('--human-tables', 60), TABLES);
const CREATORS = 10;
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const DRAIN_TIMEOUT_MS = 60_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Acting {
  /** [sentAt, latency ms] of every acknowledged action. */
  readonly acks: [number, number][];
  readonly refused: string[];
  stop(): void;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-bench-drain-'));
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const secret = randomBytes(32).toString('base64url');
  const tokenSecret = randomBytes(32).toString('base64url');
  const nodes: NodeChild[] = [];
  const clients: PitbossClient[] = [];
  const release = stopOnSignal(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  });
  const directory = new RedisDirectory(connectRedis({ url: redis.url }));
  try {
    for (let i = 1; i <= 3; i++) {
      nodes.push(
        await startNodeChild({
          nodeId: `node-${i}`,
          cli: CLI,
          logFile: join(dir, `node-${i}.log`),
          flags: {
            'node-id': `node-${i}`,
            port: await freePort(),
            'data-dir': join(dir, `node-${i}`),
            'log-level': 'info',
            'cluster.redis': redis.url,
            'cluster.postgres': postgres.url(),
            'cluster.secret': secret,
            'token-secret': tokenSecret,
            'admin-token': ADMIN_TOKEN,
            'demo-tables.holdem': 0,
            'demo-tables.hokm': 0,
            ...ONE_ADDRESS_LIMITS,
            'limits.messages-per-second': 10_000,
            'limits.message-burst': 10_000,
            'limits.tables-per-account': 10_000,
            // Bots at a human's pace: the point is many live tables, not a CPU benchmark.
            'timing.bot-min-ms': 3000,
            'timing.bot-max-ms': 6000,
            'timing.hand-delay-ms': 500,
          },
        }),
      );
    }
    await sleep(1000); // every node sees the others as ready
    const url = (i: number) => `ws://127.0.0.1:${nodes[i]!.port}/ws`;

    // The tables, spread by placement; creators connect to the nodes that stay.
    const createStarted = Date.now();
    const creators = await Promise.all(
      Array.from({ length: CREATORS }, (_, i) => signIn(url(1 + (i % 2)), `Creator${i}`)),
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
      const pair = await Promise.all([signIn(url(1), `P${i}a`), signIn(url(2), `P${i}b`)]);
      clients.push(...pair);
      for (const client of pair) {
        const t = new TableClient(client, table, games.holdem);
        await t.join(1000);
        acting.push(keepActing(t));
      }
    }
    await sleep(4000);
    const onVictim = await directory.ownedBy('node-1');
    const humanOnVictim = humanTables.filter((t) => onVictim.some((o) => o.tableId === t)).length;
    log(`node-1 owns ${onVictim.length} tables (${humanOnVictim} with players acting from the other nodes)`);

    const sigterm = Date.now();
    const exited = nodes[0]!.stop();
    const code = await Promise.race([exited, sleep(DRAIN_TIMEOUT_MS).then(() => 'timeout' as const)]);
    const drainMs = Date.now() - sigterm;
    if (code === 'timeout') throw new Error(`node-1 did not exit within ${DRAIN_TIMEOUT_MS} ms`);
    await sleep(2000);
    for (const a of acting) a.stop();
    const end = Date.now();

    const drained = readFileSync(join(dir, 'node-1.log'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"drained:') || l.includes('could not be handed off'));
    const left = await directory.ownedBy('node-1');
    const audit = (await (
      await fetch(`http://127.0.0.1:${nodes[1]!.port}/api/admin/audit`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { balanced: boolean; tablesMatch: boolean; tables: unknown[] };

    const before = acting.flatMap((a) => a.acks.filter(([at]) => at < sigterm).map(([, ms]) => ms));
    const during = acting.flatMap((a) => a.acks.filter(([at]) => at >= sigterm && at < sigterm + drainMs));
    const after = acting.flatMap((a) => a.acks.filter(([at]) => at >= sigterm + drainMs && at < end));
    const refused = acting.flatMap((a) => a.refused);
    log(`\nnode-1 log: ${drained?.slice(0, 300) ?? '(no drain line)'}`);
    log(
      `drain of ${onVictim.length} tables (of ${TABLES} over 3 nodes): SIGTERM → exit ${drainMs} ms, exit code ${String(code)} (target ≤ 5000 ms)`,
    );
    log(
      `player actions: before p50 ${pct(before, 0.5)} / p99 ${pct(before, 0.99)} ms; during the drain ${during.length} acked, longest wait ${Math.max(0, ...during.map(([, ms]) => ms))} ms, p99 ${pct(
        during.map(([, ms]) => ms),
        0.99,
      )} ms; after ${after.length} acked`,
    );
    log(
      `refused actions: ${refused.length}${refused.length > 0 ? ` (${[...new Set(refused)].join(', ')})` : ''} (target 0)`,
    );
    log(
      `afterwards: tables still on node-1 ${left.length}; audit balanced ${audit.balanced}, tables match ${audit.tablesMatch}, ${audit.tables.length} tables counted`,
    );
  } finally {
    release();
    for (const c of clients) c.close();
    await directory.close();
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

async function signIn(url: string, nickname: string): Promise<PitbossClient> {
  const client = new PitbossClient({
    url,
    WebSocket,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    requestTimeoutMs: 30_000,
  });
  await client.connect();
  await client.request('auth.guest', { nickname });
  return client;
}

/** Check/call 200 ms into every turn of this seat, timing each action from send to acknowledgement. */
function keepActing(table: TableClient<typeof games.holdem>): Acting {
  const result: Acting = { acks: [], refused: [], stop: () => undefined };
  let busy = false;
  let stopped = false;
  const consider = () => {
    const legal = table.state.legal;
    if (stopped || busy || legal === null) return;
    busy = true;
    setTimeout(() => {
      const sentAt = Date.now();
      table
        .act(legal.check ? { type: 'check' } : { type: 'call' })
        .then(
          () => result.acks.push([sentAt, Date.now() - sentAt]),
          (error: unknown) => {
            const code = (error as { code?: string }).code ?? String(error);
            // A turn the client still showed while it had already ended is not the drain's doing.
            if (!code.startsWith('action/')) result.refused.push(code);
          },
        )
        .finally(() => {
          busy = false;
          setTimeout(consider, 10);
        });
    }, 200);
  };
  const off = table.subscribe(consider);
  result.stop = () => {
    stopped = true;
    off();
  };
  return result;
}

await main();
