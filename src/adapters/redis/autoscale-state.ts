// AutoscaleState on Redis: the controller lease is one key holding the holder's name with a
// millisecond expiry (Redis's clock decides, so the controllers' clocks may disagree), taken and
// renewed by one Lua script so "free or mine → mine" is atomic; the journal is a capped list of
// JSON records, newest first; the recorded players are a sorted set scored by time, its members
// `at:players`. All keys share the `{autoscale}` tag (one Cluster slot). What is read back is
// validated: the keys are shared with other versions and other processes.

import { z } from 'zod';
import type { AutoscaleState, DecisionRecord, PlayersAt } from '../../ports/autoscale-state.js';
import { checkCountAt, checkLease, checkLimit } from '../validate.js';
import { closeRedis, redisCall, RedisKeys, safeJson, type RedisClient } from './client.js';
import { LuaScript } from './lua-script.js';

/** KEYS: lease. ARGV: holder, ttlMs. Reply: 1 when holder holds the lease afterwards. */
const CLAIM = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`);

/** KEYS: lease. ARGV: holder. Deletes the lease only if holder holds it. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`);

/** KEYS: players. ARGV: at, players, oldest at kept. One point per moment; older ones trimmed. */
const RECORD_PLAYERS = new LuaScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. ':' .. ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
return 0
`);

const PLAYERS_MEMBER = /^(\d{1,16}):(\d{1,16})$/;

const InputsSchema = z.object({
  readyNodes: z.number(),
  startingNodes: z.number(),
  drainingNodes: z.number(),
  players: z.number(),
  tables: z.number(),
  cpu: z.number(),
  memory: z.number(),
  errorRate: z.number(),
  tablesCreatedPerMinute: z.number(),
  seatQueue: z.number(),
  forecastPlayers: z.number().optional(),
});

const RecordSchema = z.object({
  at: z.number(),
  controller: z.string(),
  action: z.enum(['up', 'down', 'hold']),
  count: z.number().int().optional(),
  nodes: z.array(z.string()).optional(),
  urgent: z.boolean().optional(),
  reason: z.string(),
  inputs: InputsSchema,
  outcome: z.string(),
});

export class RedisAutoscaleState implements AutoscaleState {
  readonly #redis: RedisClient;
  readonly #lease: string;
  readonly #journal: string;
  readonly #players: string;
  readonly #ownsClient: boolean;

  constructor(redis: RedisClient, options: { keys?: RedisKeys; ownsClient?: boolean } = {}) {
    const keys = options.keys ?? new RedisKeys();
    this.#redis = redis;
    this.#lease = keys.autoscale('lease');
    this.#journal = keys.autoscale('decisions');
    this.#players = keys.autoscale('players');
    this.#ownsClient = options.ownsClient ?? true;
  }

  async claim(holder: string, ttlMs: number): Promise<boolean> {
    checkLease(holder, ttlMs);
    const reply = await redisCall('autoscale claim', () =>
      CLAIM.run(this.#redis, [this.#lease], [holder, ttlMs]),
    );
    return reply === 1;
  }

  async release(holder: string): Promise<void> {
    await redisCall('autoscale release', () => RELEASE.run(this.#redis, [this.#lease], [holder]));
  }

  async leader(): Promise<string | null> {
    return redisCall('autoscale leader', () => this.#redis.get(this.#lease));
  }

  async record(decision: DecisionRecord, keep: number): Promise<void> {
    checkLimit(keep);
    await redisCall('autoscale record', async () => {
      await this.#redis.lpush(this.#journal, JSON.stringify(decision));
      await this.#redis.ltrim(this.#journal, 0, keep - 1);
    });
  }

  async recent(limit: number): Promise<DecisionRecord[]> {
    checkLimit(limit);
    const raw = await redisCall('autoscale recent', () => this.#redis.lrange(this.#journal, 0, limit - 1));
    return raw.flatMap((text) => {
      const parsed = RecordSchema.safeParse(safeJson(text));
      // A record this version cannot read is skipped, not fatal: the journal is informative.
      return parsed.success ? [parsed.data] : [];
    });
  }

  async recordPlayers(point: PlayersAt, keepMs: number): Promise<void> {
    checkCountAt(point.at, point.players, keepMs);
    await redisCall('autoscale record players', () =>
      RECORD_PLAYERS.run(this.#redis, [this.#players], [point.at, point.players, point.at - keepMs]),
    );
  }

  async playersSince(since: number): Promise<PlayersAt[]> {
    const raw = await redisCall('autoscale players', () =>
      this.#redis.zrangebyscore(this.#players, Math.max(0, Math.floor(since)), '+inf'),
    );
    return raw.flatMap((member) => {
      const match = PLAYERS_MEMBER.exec(member);
      // A member this version cannot read is skipped: the forecast only loses one point.
      return match ? [{ at: Number(match[1]), players: Number(match[2]) }] : [];
    });
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await closeRedis(this.#redis);
  }
}
