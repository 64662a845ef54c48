// TableLog on Redis: every per-table key carries the `{t:<tableId>}` hash tag, and every write is
// one Lua script that checks the fence (and, for appends, the next seq) and writes in the same
// atomic step (table-log-scripts.ts). Durability is the server's: with `appendonly yes` and
// `appendfsync always`, an append acknowledged here survives kill -9 of redis-server
// (docs/storage.md, and a test that does exactly that).

import { FencedError, SequenceConflictError } from '../../ports/errors.js';
import type { LogEntry, Snapshot, TableLog } from '../../ports/table-log.js';
import { checkAppendArgs, checkEpoch, checkSeq } from '../validate.js';
import { closeRedis, redisCall, RedisKeys, type RedisClient } from './client.js';
import { APPEND, FENCE, READ, TRIM, WRITE_SNAPSHOT } from './table-log-scripts.js';

/** Entries fetched per round trip when reading a long log. */
const READ_PAGE = 1000;

export interface RedisTableLogOptions {
  readonly keys?: RedisKeys;
  /** Close the client with the log (default true: the log owns it). */
  readonly ownsClient?: boolean;
}

type ScriptReply = [string, number];

export class RedisTableLog implements TableLog {
  readonly #redis: RedisClient;
  readonly #keys: RedisKeys;
  readonly #ownsClient: boolean;

  constructor(redis: RedisClient, options: RedisTableLogOptions = {}) {
    this.#redis = redis;
    this.#keys = options.keys ?? new RedisKeys();
    this.#ownsClient = options.ownsClient ?? true;
  }

  async fence(tableId: string, epoch: number): Promise<number> {
    checkEpoch(epoch);
    const reply = await this.#write('fence', tableId, epoch, FENCE, [this.#meta(tableId)], [epoch]);
    return reply[1];
  }

  async append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]): Promise<number> {
    checkAppendArgs(epoch, nextSeq, records);
    const keys = [this.#meta(tableId), this.#log(tableId)];
    const [status, value] = await this.#write('append', tableId, epoch, APPEND, keys, [
      epoch,
      nextSeq,
      ...records,
    ]);
    if (status === 'seq') throw new SequenceConflictError(tableId, nextSeq, value + 1);
    return value;
  }

  async read(tableId: string, fromSeq: number, limit = Number.POSITIVE_INFINITY): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    let from = Math.max(1, Math.trunc(fromSeq));
    while (entries.length < limit) {
      const count = Math.min(READ_PAGE, limit - entries.length);
      const reply = (await redisCall('read', () =>
        READ.run(this.#redis, [this.#meta(tableId), this.#log(tableId)], [from, count]),
      )) as [number, string[]];
      const [firstSeq, items] = reply;
      items.forEach((item, i) => entries.push(decodeEntry(firstSeq + i, item)));
      if (items.length < count) break;
      from = firstSeq + items.length;
    }
    return entries;
  }

  async lastSeq(tableId: string): Promise<number> {
    const last = await redisCall('lastSeq', () => this.#redis.hget(this.#meta(tableId), 'last'));
    return Number(last ?? 0);
  }

  async writeSnapshot(
    tableId: string,
    epoch: number,
    snapshot: { seq: number; data: string },
  ): Promise<void> {
    checkEpoch(epoch);
    checkSeq(snapshot.seq);
    const keys = [this.#meta(tableId), this.#snap(tableId)];
    await this.#write('writeSnapshot', tableId, epoch, WRITE_SNAPSHOT, keys, [
      epoch,
      snapshot.seq,
      snapshot.data,
    ]);
  }

  async readSnapshot(tableId: string): Promise<Snapshot | null> {
    const [seq, epoch, data] = await redisCall('readSnapshot', () =>
      this.#redis.hmget(this.#snap(tableId), 'seq', 'epoch', 'data'),
    );
    if (seq === null || seq === undefined || epoch === null || epoch === undefined) return null;
    return { seq: Number(seq), epoch: Number(epoch), data: data ?? '' };
  }

  async trim(tableId: string, epoch: number, uptoSeq: number): Promise<void> {
    checkEpoch(epoch);
    const keys = [this.#meta(tableId), this.#log(tableId), this.#snap(tableId)];
    await this.#write('trim', tableId, epoch, TRIM, keys, [epoch, Math.trunc(uptoSeq)]);
  }

  async destroy(tableId: string): Promise<void> {
    await redisCall('destroy', () =>
      this.#redis.del(this.#meta(tableId), this.#log(tableId), this.#snap(tableId)),
    );
  }

  async close(): Promise<void> {
    if (this.#ownsClient) await closeRedis(this.#redis);
  }

  /** Runs a fenced write script; a 'fenced' reply becomes FencedError. */
  async #write(
    what: string,
    tableId: string,
    epoch: number,
    script: typeof APPEND,
    keys: string[],
    args: (string | number)[],
  ): Promise<ScriptReply> {
    const reply = (await redisCall(what, () => script.run(this.#redis, keys, args))) as ScriptReply;
    if (reply[0] === 'fenced') throw new FencedError(tableId, epoch, reply[1]);
    return reply;
  }

  #meta(tableId: string): string {
    return this.#keys.table(tableId, 'meta');
  }

  #log(tableId: string): string {
    return this.#keys.table(tableId, 'log');
  }

  #snap(tableId: string): string {
    return this.#keys.table(tableId, 'snap');
  }
}

function decodeEntry(seq: number, item: string): LogEntry {
  const bar = item.indexOf('|');
  return { seq, epoch: Number(item.slice(0, bar)), data: item.slice(bar + 1) };
}
