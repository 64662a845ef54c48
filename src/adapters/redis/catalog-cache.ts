// The Redis CatalogCache: one string per table, `<prefix>:{t:<id>}:record` (the table's hash tag,
// so it lives in the same Cluster slot as the table's log), holding the record as JSON. What is
// read back is validated like any input: a corrupt or foreign value reads as "not kept".

import { z } from 'zod';
import type { CatalogCache } from '../../ports/catalog-cache.js';
import type { TableRecord } from '../../ports/store.js';
import { closeRedis, redisCall, RedisKeys, type RedisClient } from './client.js';

const RecordSchema = z.object({
  id: z.string().min(1).max(64),
  game: z.string().min(1).max(32),
  name: z.string().max(200),
  config: z.unknown(),
  seed: z.string().regex(/^[0-9a-f]{64}$/),
  createdBy: z.string().min(1).max(128).nullable(),
  createdAt: z.number(),
  closedAt: z.number().nullable(),
});

export class RedisCatalogCache implements CatalogCache {
  readonly #redis: RedisClient;
  readonly #keys: RedisKeys;
  readonly #ownsClient: boolean;

  constructor(redis: RedisClient, options: { keys?: RedisKeys; ownsClient?: boolean } = {}) {
    this.#redis = redis;
    this.#keys = options.keys ?? new RedisKeys();
    this.#ownsClient = options.ownsClient ?? true;
  }

  async remember(record: TableRecord): Promise<void> {
    await redisCall('remember', () => this.#redis.set(this.#key(record.id), JSON.stringify(record)));
  }

  async recall(tableId: string): Promise<TableRecord | null> {
    const raw = await redisCall('recall', () => this.#redis.get(this.#key(tableId)));
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return null;
    }
    const parsed = RecordSchema.safeParse(json);
    return parsed.success && parsed.data.id === tableId ? parsed.data : null;
  }

  async forget(tableId: string): Promise<void> {
    await redisCall('forget', () => this.#redis.del(this.#key(tableId)));
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await closeRedis(this.#redis);
  }

  #key(tableId: string): string {
    return this.#keys.table(tableId, 'record');
  }
}
