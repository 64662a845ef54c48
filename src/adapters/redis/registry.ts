// Registry on Redis. All of it lives under one hash tag (`{nodes}`: one Cluster slot; membership
// traffic is a few commands a second): a sorted set of node ids scored by lease expiry and a hash
// of each node's info as JSON. Leases are computed from the server's clock (TIME) inside Lua, so
// the nodes' own clocks never decide who is alive. Listing live members is one ZRANGEBYSCORE and
// one HMGET — no KEYS or SCAN.

import { z } from 'zod';
import type { Subscription } from '../../ports/bus.js';
import type { Member, MembershipChange, NodeInfo, Registry } from '../../ports/registry.js';
import { watchMembers } from '../membership-watch.js';
import { closeRedis, redisCall, RedisKeys, safeJson, type RedisClient } from './client.js';
import { LuaScript } from './lua-script.js';

/** How long a dead node's entry is kept before a heartbeat of another node prunes it. */
const PRUNE_AFTER_MS = 3600_000;

/** KEYS: leases, info. ARGV: nodeId, leaseMs, info JSON, pruneAfterMs. Reply: {status, expiresAt}. */
const HEARTBEAT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local previous = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0')
local status = 'renewed'
if previous <= now then status = 'joined' end
local expires = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], expires, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
for _, id in ipairs(dead) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
return {status, expires}
`);

/** KEYS: leases, info. Reply: {ids, expiries, infos} of the live members. */
const MEMBERS = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES')
local ids, expiries = {}, {}
for i = 1, #live, 2 do
  ids[#ids + 1] = live[i]
  expiries[#expiries + 1] = live[i + 1]
end
if #ids == 0 then return {{}, {}, {}} end
return {ids, expiries, redis.call('HMGET', KEYS[2], unpack(ids))}
`);

const NodeInfoSchema = z.object({
  nodeId: z.string(),
  address: z.string(),
  state: z.enum(['starting', 'ready', 'draining']),
  load: z.object({
    tables: z.number(),
    players: z.number(),
    cpu: z.number(),
    loopLagMs: z.number(),
    // Absent in entries of nodes from before the autoscaler read them: a rolling upgrade keeps them.
    memory: z.number().default(0),
    errorRate: z.number().default(0),
    tablesCreatedPerMinute: z.number().default(0),
    seatQueue: z.number().default(0),
  }),
  startedAt: z.number(),
});

export interface RedisRegistryOptions {
  readonly keys?: RedisKeys;
  readonly ownsClient?: boolean;
  /** Called when a watch poll fails (the watch keeps polling). */
  readonly onError?: (error: unknown) => void;
}

export class RedisRegistry implements Registry {
  readonly #redis: RedisClient;
  readonly #keys: RedisKeys;
  readonly #ownsClient: boolean;
  readonly #onError: (error: unknown) => void;
  readonly #watches = new Set<Subscription>();

  constructor(redis: RedisClient, options: RedisRegistryOptions = {}) {
    this.#redis = redis;
    this.#keys = options.keys ?? new RedisKeys();
    this.#ownsClient = options.ownsClient ?? true;
    this.#onError = options.onError ?? (() => undefined);
  }

  async heartbeat(info: NodeInfo, leaseMs: number): Promise<'joined' | 'renewed'> {
    if (!Number.isSafeInteger(leaseMs) || leaseMs <= 0)
      throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
    const reply = (await redisCall('heartbeat', () =>
      HEARTBEAT.run(this.#redis, this.#registryKeys(), [
        info.nodeId,
        leaseMs,
        JSON.stringify(info),
        PRUNE_AFTER_MS,
      ]),
    )) as [string, number];
    return reply[0] === 'joined' ? 'joined' : 'renewed';
  }

  async leave(nodeId: string): Promise<void> {
    const [leases, info] = this.#registryKeys();
    await redisCall('leave', async () => {
      await this.#redis.zrem(leases, nodeId);
      await this.#redis.hdel(info, nodeId);
    });
  }

  async members(): Promise<Member[]> {
    const [ids, expiries, infos] = (await redisCall('members', () =>
      MEMBERS.run(this.#redis, this.#registryKeys(), []),
    )) as [string[], string[], (string | null)[]];
    const members: Member[] = [];
    ids.forEach((nodeId, i) => {
      const parsed = NodeInfoSchema.safeParse(safeJson(infos[i]));
      // An entry written by an incompatible version is not a member this node can talk to.
      if (parsed.success && parsed.data.nodeId === nodeId)
        members.push({ ...parsed.data, leaseExpiresAt: Number(expiries[i]) });
    });
    return members.sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  async watch(listener: (change: MembershipChange) => void, pollMs = 250): Promise<Subscription> {
    const subscription = await watchMembers(() => this.members(), listener, pollMs, this.#onError);
    this.#watches.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#watches].map((w) => w.unsubscribe()));
    this.#watches.clear();
    if (this.#ownsClient) await closeRedis(this.#redis);
  }

  #registryKeys(): [string, string] {
    return [this.#keys.nodes('leases'), this.#keys.nodes('info')];
  }
}
