// The Redis adapters (TableLog, Directory, Registry, Bus, CatalogCache, AutoscaleState) against the same contract
// suites as the memory and SQLite ones, on a real redis-server and on a real Redis Cluster of
// three masters (both started here, on loopback, and stopped afterwards). Each test gets its own
// key namespace.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { connectRedis, RedisKeys, type RedisConnection } from '../../src/adapters/redis/client.js';
import { RedisAutoscaleState } from '../../src/adapters/redis/autoscale-state.js';
import { RedisBus } from '../../src/adapters/redis/bus.js';
import { RedisCatalogCache } from '../../src/adapters/redis/catalog-cache.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { RedisRegistry } from '../../src/adapters/redis/registry.js';
import { RedisTableLog } from '../../src/adapters/redis/table-log.js';
import type { AutoscaleState } from '../../src/ports/autoscale-state.js';
import type { Bus } from '../../src/ports/bus.js';
import type { CatalogCache } from '../../src/ports/catalog-cache.js';
import type { Directory } from '../../src/ports/directory.js';
import type { Registry } from '../../src/ports/registry.js';
import type { TableLog } from '../../src/ports/table-log.js';
import { describeAutoscaleStateContract } from '../ports/autoscale-state.contract.js';
import { describeBusContract } from '../ports/bus.contract.js';
import { describeCatalogCacheContract } from '../ports/catalog-cache.contract.js';
import { describeDirectoryContract } from '../ports/directory.contract.js';
import type { AdapterHarness } from '../ports/harness.js';
import { describeRegistryContract } from '../ports/registry.contract.js';
import { describeTableLogContract } from '../ports/table-log.contract.js';
import {
  startRedis,
  startRedisCluster,
  type RedisCluster,
  type RedisServer,
} from '../../src/launcher/redis-process.js';

let server: RedisServer;
let cluster: RedisCluster;

beforeAll(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([server.stop(), cluster.stop()]);
});

const targets: { name: string; connection: () => RedisConnection; sharded: boolean }[] = [
  { name: 'one redis-server', connection: () => ({ url: server.url }), sharded: false },
  { name: 'a Redis Cluster of 3 masters', connection: () => ({ cluster: cluster.seeds }), sharded: true },
];

/** A harness whose adapters are all clients of one namespace on the target. */
function harness<T extends { close(): Promise<void> }>(
  open: (keys: RedisKeys) => T,
): Promise<AdapterHarness<T>> {
  const keys = new RedisKeys(`test-${randomUUID().slice(0, 8)}`);
  const opened: T[] = [open(keys)];
  const first = opened[0]!;
  return Promise.resolve({
    adapter: first,
    peer: () => {
      const peer = open(keys);
      opened.push(peer);
      return Promise.resolve(peer);
    },
    reopen: async () => {
      await first.close();
      const again = open(keys);
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      await Promise.allSettled(opened.map((a) => a.close()));
    },
  });
}

for (const target of targets) {
  describeTableLogContract(`RedisTableLog on ${target.name}`, () =>
    harness<TableLog>((keys) => new RedisTableLog(connectRedis(target.connection()), { keys })),
  );
  describeDirectoryContract(`RedisDirectory on ${target.name}`, () =>
    harness<Directory>((keys) => new RedisDirectory(connectRedis(target.connection()), { keys })),
  );
  describeCatalogCacheContract(`RedisCatalogCache on ${target.name}`, () =>
    harness<CatalogCache>((keys) => new RedisCatalogCache(connectRedis(target.connection()), { keys })),
  );
  describeAutoscaleStateContract(`RedisAutoscaleState on ${target.name}`, () =>
    harness<AutoscaleState>((keys) => new RedisAutoscaleState(connectRedis(target.connection()), { keys })),
  );
  describeRegistryContract(`RedisRegistry on ${target.name}`, () =>
    harness<Registry>((keys) => new RedisRegistry(connectRedis(target.connection()), { keys })),
  );
  describeBusContract(`RedisBus on ${target.name}`, () =>
    harness<Bus>(
      (keys) =>
        new RedisBus(
          connectRedis(target.connection()),
          connectRedis(target.connection(), { subscriber: true }),
          {
            keys,
            sharded: target.sharded,
          },
        ),
    ),
  );
}
