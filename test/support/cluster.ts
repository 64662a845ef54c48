// A real cluster for end-to-end tests: redis-server, PostgreSQL and N `pitboss serve` processes on
// loopback, each node with its own data directory, all sharing the cluster secret and token
// secret. Stopped (nodes first, then the services) by `stop()`.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/launcher/free-port.js';
import { renderHaproxyConfig } from '../../src/launcher/haproxy-config.js';
import { startPostgres, type PostgresServer } from '../../src/launcher/postgres-process.js';
import {
  startRedis,
  startRedisCluster,
  type RedisCluster,
  type RedisServer,
} from '../../src/launcher/redis-process.js';
import { afterEach } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from './node-process.js';

export interface TestCluster {
  /** The Redis Cluster the nodes use instead of `redis`, when asked for. */
  readonly redisCluster: RedisCluster | null;
  /** HAProxy in front of the nodes (when asked for): http://127.0.0.1:<port>. */
  readonly url: string | null;
  readonly redis: RedisServer;
  readonly postgres: PostgresServer;
  readonly nodes: NodeProcess[];
  /** Flags that make another node of this cluster. */
  readonly flags: (nodeId: string) => Record<string, string | number | boolean>;
  stop(): Promise<void>;
}

export async function startCluster(
  nodes: number,
  extraFlags: Record<string, string | number | boolean> = {},
  options: { haproxy?: boolean; redisCluster?: boolean } = {},
): Promise<TestCluster> {
  // All three start at once; if one fails, the others that did start are stopped again — a
  // PostgreSQL left running by a failed start outlives the test run.
  const [redisStart, postgresStart, clusterStart] = await Promise.allSettled([
    startRedis(),
    startPostgres(),
    options.redisCluster ? startRedisCluster() : Promise.resolve(null),
  ]);
  if (
    redisStart.status === 'rejected' ||
    postgresStart.status === 'rejected' ||
    clusterStart.status === 'rejected'
  ) {
    await Promise.allSettled([
      redisStart.status === 'fulfilled' ? redisStart.value.stop() : undefined,
      postgresStart.status === 'fulfilled' ? postgresStart.value.stop() : undefined,
      clusterStart.status === 'fulfilled' ? clusterStart.value?.stop() : undefined,
    ]);
    const reason: unknown =
      redisStart.status === 'rejected'
        ? redisStart.reason
        : postgresStart.status === 'rejected'
          ? postgresStart.reason
          : clusterStart.status === 'rejected'
            ? clusterStart.reason
            : null;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
  const [redis, postgres, redisCluster] = [redisStart.value, postgresStart.value, clusterStart.value];
  const secret = randomBytes(32).toString('base64url');
  const tokenSecret = randomBytes(32).toString('base64url');
  const flags = (nodeId: string) => ({
    ...extraFlags,
    'node-id': nodeId,
    ...(redisCluster
      ? { 'cluster.redis-cluster': redisCluster.seeds.join(',') }
      : { 'cluster.redis': redis.url }),
    'cluster.postgres': postgres.url(),
    'cluster.secret': secret,
    'token-secret': tokenSecret,
  });
  const started: NodeProcess[] = [];
  try {
    for (let i = 1; i <= nodes; i++) started.push(await startNode({ flags: flags(`node-${i}`) }));
  } catch (error) {
    await Promise.allSettled(started.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop(), redisCluster?.stop()]);
    throw error;
  }
  // Every node sees every other as ready before the cluster is handed to a test (membership is
  // polled; a node that joined a moment ago is not yet a placement candidate elsewhere).
  for (const node of started) {
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${node.url}/api/admin/overview`, {
        headers: { authorization: `Bearer ${node.adminToken}` },
      });
      const overview = (await res.json()) as { cluster: { state: string }[] | null };
      if ((overview.cluster ?? []).filter((m) => m.state === 'ready').length === started.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  let haproxy: { url: string; stop(): Promise<void> } | null = null;
  if (options.haproxy) haproxy = await startHaproxy(started);
  return {
    url: haproxy?.url ?? null,
    redisCluster,
    redis,
    postgres,
    nodes: started,
    flags,
    async stop() {
      await haproxy?.stop();
      await Promise.allSettled(started.map((n) => n.stop()));
      for (const n of started) removeDataDir(n.dataDir);
      await Promise.allSettled([redis.stop(), postgres.stop(), redisCluster?.stop()]);
    },
  };
}

/** HAProxy with the project's configuration, rendered for these nodes; resolves once it routes. */
async function startHaproxy(nodes: readonly NodeProcess[]): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-haproxy-'));
  const port = await freePort();
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(
    file,
    renderHaproxyConfig({
      bind: `127.0.0.1:${port}`,
      statsBind: `127.0.0.1:${await freePort()}`,
      nodes: nodes.map((n, i) => ({ name: `node-${i + 1}`, address: `127.0.0.1:${n.port}` })),
    }),
  );
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}`);
    if (
      (await fetch(`${url}/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        await new Promise((r) => {
          child.once('exit', r);
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The cluster and the cleanups of the tests of one file: after each test the cleanups run, newest
 * first (clients, subscriptions), then the cluster that test started stops.
 */
export function clusterPerTest(): {
  readonly cleanups: (() => void | Promise<void>)[];
  readonly start: (...args: Parameters<typeof startCluster>) => Promise<TestCluster>;
} {
  const cleanups: (() => void | Promise<void>)[] = [];
  let current: TestCluster | null = null;
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await current?.stop();
    current = null;
  });
  return {
    cleanups,
    start: async (...args) => {
      current = await startCluster(...args);
      return current;
    },
  };
}
