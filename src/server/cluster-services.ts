// The adapters of a cluster node: Redis (one server or a Redis Cluster) behind TableLog,
// Directory, Bus, Registry and AutoscaleState (read for /admin), and PostgreSQL behind the Store. A service that is not there yet
// is waited for — retried with backoff, and said on the log each time with what failed — so a
// node started before its Redis or database becomes ready once they appear.

import { closeRedis, connectRedis, RedisKeys, type RedisConnection } from '../adapters/redis/client.js';
import { RedisAutoscaleState } from '../adapters/redis/autoscale-state.js';
import { RedisBus } from '../adapters/redis/bus.js';
import { RedisCatalogCache } from '../adapters/redis/catalog-cache.js';
import { RedisDirectory } from '../adapters/redis/directory.js';
import { RedisRegistry } from '../adapters/redis/registry.js';
import { RedisTableLog } from '../adapters/redis/table-log.js';
import { createPostgresStore, redact } from '../adapters/sql/postgres-store.js';
import type { KyselyStore } from '../adapters/sql/kysely-store.js';
import type { Registry } from '../ports/registry.js';
import type { Config } from './config.js';
import { createAuth } from './accounts-auth-service.js';
import type { NodeSecrets, NodeServices } from './node.js';
import type { Logger } from './ops/logger.js';

export interface ClusterServices extends NodeServices {
  readonly registry: Registry;
}

/** Called while a service is awaited, so a wrapper (the /ready 503 server) can say what for. */
export type WaitingFor = (what: string | null) => void;

export async function createClusterServices(
  config: Config,
  secrets: NodeSecrets,
  logger: Logger,
  waitingFor: WaitingFor = () => undefined,
): Promise<ClusterServices> {
  const connection: RedisConnection = config.cluster.redisCluster
    ? { cluster: config.cluster.redisCluster.split(',') }
    : { url: config.cluster.redis ?? 'redis://127.0.0.1:6379' };
  const where = connection.cluster
    ? `Redis Cluster ${connection.cluster.join(',')}`
    : `Redis at ${connection.url ?? ''}`;
  const warnRedis = throttled((error: Error) => logger.warn({ err: error }, `${where}: connection problem`));
  const redis = connectRedis(connection, { onError: warnRedis });
  const subscriber = connectRedis(connection, { subscriber: true, onError: warnRedis });
  let store: KyselyStore;
  try {
    waitingFor(where);
    await retry(logger, where, () => redis.ping());
    const pgUrl = config.cluster.postgres ?? '';
    waitingFor(`PostgreSQL at ${redact(pgUrl)}`);
    store = await retry(logger, `PostgreSQL at ${redact(pgUrl)}`, () =>
      createPostgresStore(pgUrl, {
        poolSize: config.cluster.postgresPool,
        onError: (error) => logger.warn({ err: error }, 'PostgreSQL connection problem'),
      }),
    );
    waitingFor(null);
  } catch (error) {
    await Promise.allSettled([closeRedis(redis), closeRedis(subscriber)]);
    throw error;
  }
  const keys = new RedisKeys();
  const log = new RedisTableLog(redis, { keys, ownsClient: false });
  const directory = new RedisDirectory(redis, { keys, ownsClient: false });
  const catalogCache = new RedisCatalogCache(redis, { keys, ownsClient: false });
  const registry = new RedisRegistry(redis, {
    keys,
    ownsClient: false,
    onError: (error) => logger.warn({ err: error }, 'membership poll failed'),
  });
  const bus = new RedisBus(redis, subscriber, {
    keys,
    sharded: connection.cluster !== undefined,
    ownsPublisher: false,
    onHandlerError: (error, topic) => logger.warn({ err: error, topic }, 'bus handler failed'),
  });
  return {
    store,
    log,
    directory,
    bus,
    registry,
    catalogCache,
    autoscaleState: new RedisAutoscaleState(redis, { keys, ownsClient: false }),
    auth: createAuth(config, secrets.tokenSecret, store),
    async close() {
      await registry.close();
      await bus.close();
      await closeRedis(redis);
      await store.close();
    },
  };
}

/** Retries `attempt` with backoff (250 ms doubling to 5 s) until it succeeds, logging each failure. */
async function retry<T>(logger: Logger, what: string, attempt: () => Promise<T>): Promise<T> {
  let delay = 250;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      logger.warn({ err: error, attempt: n, retryInMs: delay }, `waiting for ${what}`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(5_000, delay * 2);
    }
  }
}

/** At most one call per 10 s: a dead Redis must not flood the log. */
function throttled(log: (error: Error) => void): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    log(error);
  };
}
