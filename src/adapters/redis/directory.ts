// Directory on Redis. A table's owner and epoch live in one hash under the table's hash tag
// (`{t:<tableId>}:owner`); acquire and release are Lua compare-and-sets on it, so two nodes racing
// for a table get distinct epochs and at most one CAS takeover wins. The epoch field is never
// deleted, so epochs never go back, even after a release.
//
// `ownedBy` needs an index per node (`{n:<nodeId>}:tables`, a set), which cannot be updated in the
// same atomic step as the owner hash on a Redis Cluster (different slots). So the index is an
// over-approximation: a table is added *before* the acquire (a crash in between leaves a stale
// member, never a missing one), every member is checked against its owner hash when read, and
// only the owner's own release removes one. Pruning stale members on read would race with an
// acquire between its two steps and could lose a member; so failover always finds a dead node's
// tables, at the cost of an index that keeps the tables that moved away from a node (read and
// filtered only at failover; a node's index can be dropped once the node is gone for good).

import type { Directory, Ownership } from '../../ports/directory.js';
import { checkEpoch } from '../validate.js';
import { closeRedis, redisCall, RedisKeys, type RedisClient } from './client.js';
import { LuaScript } from './lua-script.js';

/** KEYS: owner hash. ARGV: nodeId, expected epoch ('' for none). Reply: new epoch, or -1 (CAS failed). */
const ACQUIRE = new LuaScript(`
local current = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= current then return -1 end
redis.call('HSET', KEYS[1], 'node', ARGV[1], 'epoch', current + 1)
return current + 1
`);

/** KEYS: owner hash. ARGV: nodeId, epoch. Reply: 1 released, 0 not held by (nodeId, epoch). */
const RELEASE = new LuaScript(`
local owner = redis.call('HMGET', KEYS[1], 'node', 'epoch')
if owner[1] == ARGV[1] and tonumber(owner[2]) == tonumber(ARGV[2]) then
  redis.call('HDEL', KEYS[1], 'node')
  return 1
end
return 0
`);

export interface RedisDirectoryOptions {
  readonly keys?: RedisKeys;
  readonly ownsClient?: boolean;
}

export class RedisDirectory implements Directory {
  readonly #redis: RedisClient;
  readonly #keys: RedisKeys;
  readonly #ownsClient: boolean;

  constructor(redis: RedisClient, options: RedisDirectoryOptions = {}) {
    this.#redis = redis;
    this.#keys = options.keys ?? new RedisKeys();
    this.#ownsClient = options.ownsClient ?? true;
  }

  async acquire(tableId: string, nodeId: string, expectEpoch?: number): Promise<Ownership | null> {
    if (expectEpoch !== undefined) checkEpoch(expectEpoch);
    await redisCall('directory index', () => this.#redis.sadd(this.#index(nodeId), tableId));
    const epoch = Number(
      await redisCall('acquire', () =>
        ACQUIRE.run(this.#redis, [this.#owner(tableId)], [nodeId, expectEpoch ?? '']),
      ),
    );
    return epoch < 0 ? null : { tableId, nodeId, epoch };
  }

  async lookup(tableId: string): Promise<Ownership | null> {
    const [nodeId, epoch] = await redisCall('lookup', () =>
      this.#redis.hmget(this.#owner(tableId), 'node', 'epoch'),
    );
    return nodeId ? { tableId, nodeId, epoch: Number(epoch) } : null;
  }

  async epochOf(tableId: string): Promise<number> {
    const epoch = await redisCall('epochOf', () => this.#redis.hget(this.#owner(tableId), 'epoch'));
    return Number(epoch ?? 0);
  }

  async ownedBy(nodeId: string): Promise<Ownership[]> {
    const index = this.#index(nodeId);
    const members = await redisCall('ownedBy', () => this.#redis.smembers(index));
    const owners = await Promise.all(members.map((tableId) => this.lookup(tableId)));
    return owners
      .filter((owner): owner is Ownership => owner?.nodeId === nodeId)
      .sort((a, b) => a.tableId.localeCompare(b.tableId));
  }

  async release(tableId: string, nodeId: string, epoch: number): Promise<boolean> {
    const released =
      Number(
        await redisCall('release', () => RELEASE.run(this.#redis, [this.#owner(tableId)], [nodeId, epoch])),
      ) === 1;
    if (released) await redisCall('directory index', () => this.#redis.srem(this.#index(nodeId), tableId));
    return released;
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await closeRedis(this.#redis);
  }

  #owner(tableId: string): string {
    return this.#keys.table(tableId, 'owner');
  }

  #index(nodeId: string): string {
    return this.#keys.node(nodeId, 'tables');
  }
}
