// A real cluster for end-to-end tests: redis-server, PostgreSQL and N `pitboss serve` processes on
// loopback, each node with its own data directory, all sharing the cluster secret and token
// secret. Stopped (nodes first, then the services) by `stop()`.

import { randomBytes } from 'node:crypto';
import { startPostgres, type PostgresServer } from '../../src/launcher/postgres-process.js';
import { startRedis, type RedisServer } from '../../src/launcher/redis-process.js';
import { removeDataDir, startNode, type NodeProcess } from './node-process.js';

export interface TestCluster {
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
): Promise<TestCluster> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const secret = randomBytes(32).toString('base64url');
  const tokenSecret = randomBytes(32).toString('base64url');
  const flags = (nodeId: string) => ({
    ...extraFlags,
    'node-id': nodeId,
    'cluster.redis': redis.url,
    'cluster.postgres': postgres.url(),
    'cluster.secret': secret,
    'token-secret': tokenSecret,
  });
  const started: NodeProcess[] = [];
  try {
    for (let i = 1; i <= nodes; i++) started.push(await startNode({ flags: flags(`node-${i}`) }));
  } catch (error) {
    await Promise.allSettled(started.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
    throw error;
  }
  return {
    redis,
    postgres,
    nodes: started,
    flags,
    async stop() {
      await Promise.allSettled(started.map((n) => n.stop()));
      for (const n of started) removeDataDir(n.dataDir);
      await Promise.allSettled([redis.stop(), postgres.stop()]);
    },
  };
}
