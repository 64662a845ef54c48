// A cluster for benchmarks that need real processes: redis-server, PostgreSQL and N `pitboss serve`
// nodes on loopback (built dist/), each logging to a file in a temp directory; stopped — with
// everything else the benchmark started — however the run ends (see cleanup.ts).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/launcher/free-port.js';
import { startNodeChild, type NodeChild } from '../../src/launcher/node-child.js';
import { ONE_ADDRESS_LIMITS } from '../../src/launcher/one-address-limits.js';
import { startPostgres, type PostgresServer } from '../../src/launcher/postgres-process.js';
import { startRedis, type RedisServer } from '../../src/launcher/redis-process.js';
import { stopOnSignal } from './cleanup.js';

const CLI = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'src', 'cli.js');
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

export interface LiveCluster {
  readonly dir: string;
  readonly redis: RedisServer;
  readonly postgres: PostgresServer;
  readonly nodes: NodeChild[];
  wsUrl(index: number): string;
  httpUrl(index: number): string;
  /** GET an operator endpoint of node `index`. */
  admin(index: number, path: string): Promise<unknown>;
  /** The node's log lines that contain `text`. */
  logLines(index: number, text: string): string[];
  stop(): Promise<void>;
}

export async function startLiveCluster(
  count: number,
  flags: Record<string, string | number | boolean>,
): Promise<LiveCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-bench-'));
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const nodes: NodeChild[] = [];
  const stopAll = async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  };
  const release = stopOnSignal(stopAll);
  const secret = randomBytes(32).toString('base64url');
  const tokenSecret = randomBytes(32).toString('base64url');
  try {
    for (let i = 1; i <= count; i++) {
      nodes.push(
        await startNodeChild({
          nodeId: `node-${i}`,
          cli: CLI,
          logFile: join(dir, `node-${i}.log`),
          flags: {
            'node-id': `node-${i}`,
            port: await freePort(),
            'data-dir': join(dir, `node-${i}`),
            'cluster.redis': redis.url,
            'cluster.postgres': postgres.url(),
            'cluster.secret': secret,
            'token-secret': tokenSecret,
            'admin-token': BENCH_ADMIN_TOKEN,
            'demo-tables.holdem': 0,
            'demo-tables.hokm': 0,
            ...ONE_ADDRESS_LIMITS,
            'limits.messages-per-second': 10_000,
            'limits.message-burst': 10_000,
            'limits.tables-per-account': 10_000,
            ...flags,
          },
        }),
      );
    }
  } catch (error) {
    release();
    await stopAll();
    throw error;
  }
  await new Promise((r) => setTimeout(r, 1000)); // every node sees the others as ready
  const httpUrl = (i: number) => `http://127.0.0.1:${nodes[i]!.port}`;
  return {
    dir,
    redis,
    postgres,
    nodes,
    wsUrl: (i) => `ws://127.0.0.1:${nodes[i]!.port}/ws`,
    httpUrl,
    async admin(i, path) {
      const res = await fetch(`${httpUrl(i)}${path}`, {
        headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
      });
      return res.json();
    },
    logLines: (i, text) =>
      readFileSync(join(dir, `node-${i + 1}.log`), 'utf8')
        .split('\n')
        .filter((l) => l.includes(text)),
    async stop() {
      release();
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
