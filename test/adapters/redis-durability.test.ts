// The durability statement for Redis (docs/storage.md), tested: with `appendonly yes` and
// `appendfsync always`, every append the TableLog acknowledged survives kill -9 of redis-server
// in the middle of a stream of appends, and a restart on the same directory reads it all back —
// same seqs, same epochs, same bytes, no gaps. Appends that were in flight at the kill may or may
// not be there; the ones after them never are.

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, RedisKeys } from '../../src/adapters/redis/client.js';
import { RedisTableLog } from '../../src/adapters/redis/table-log.js';
import { startRedis, type RedisServer } from '../../src/launcher/redis-process.js';

let server: RedisServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('Redis TableLog durability', () => {
  it('keeps every acknowledged append, snapshot and fence across kill -9 and a restart', async () => {
    server = await startRedis();
    const keys = new RedisKeys(`durable-${randomUUID().slice(0, 8)}`);
    const log = new RedisTableLog(connectRedis({ url: server.url, commandTimeoutMs: 1000 }), { keys });
    const tables = ['t-a', 't-b', 't-c', 't-d'];
    const acked = new Map<string, { seq: number; data: string }[]>(tables.map((t) => [t, []]));
    await log.fence('t-a', 3);
    await log.append('t-a', 3, 1, ['before-snapshot']);
    acked.get('t-a')!.push({ seq: 1, data: 'before-snapshot' });
    await log.writeSnapshot('t-a', 3, { seq: 1, data: 'snap@1' });

    let ackCount = 0;
    const writers = tables.map(async (table) => {
      const epoch = table === 't-a' ? 3 : 1;
      let next = (await log.lastSeq(table)) + 1;
      for (;;) {
        const data = `${table}:${next}:${'x'.repeat(next % 7 === 0 ? 5000 : 20)}`;
        try {
          await log.append(table, epoch, next, [data]);
        } catch {
          return; // the server is gone: this append and everything after it is unacknowledged
        }
        acked.get(table)!.push({ seq: next, data });
        ackCount++;
        next++;
      }
    });
    // Kill mid-stream, once plenty has been acknowledged.
    while (ackCount < 400) await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    await Promise.all(writers);
    await log.close();

    await server.restart();
    const reopened = new RedisTableLog(connectRedis({ url: server.url }), { keys });
    try {
      for (const table of tables) {
        const entries = await reopened.read(table, 1);
        const mine = acked.get(table)!;
        expect(mine.length).toBeGreaterThan(0);
        // Every acknowledged entry is there, exactly, in order, from seq 1 without a gap.
        expect(entries.slice(0, mine.length).map((e) => ({ seq: e.seq, data: e.data }))).toEqual(mine);
        expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
        // At most the one append that was in flight at the kill landed unacknowledged.
        expect(entries.length - mine.length).toBeLessThanOrEqual(1);
      }
      expect(await reopened.readSnapshot('t-a')).toEqual({ seq: 1, epoch: 3, data: 'snap@1' });
      await expect(reopened.append('t-a', 2, (await reopened.lastSeq('t-a')) + 1, ['stale'])).rejects.toThrow(
        /fenced/,
      );
    } finally {
      await reopened.close();
    }
  });

  it('reports a dead server as UnavailableError, and works again once it is back', async () => {
    server = await startRedis();
    const client = connectRedis({ url: server.url, commandTimeoutMs: 500 });
    const log = new RedisTableLog(client, { keys: new RedisKeys(`down-${randomUUID().slice(0, 8)}`) });
    await log.append('t', 1, 1, ['a']);
    await server.kill();
    await expect(log.append('t', 1, 2, ['b'])).rejects.toMatchObject({ name: 'UnavailableError' });
    await server.restart();
    let appended = false;
    for (let i = 0; i < 100 && !appended; i++) {
      appended = await log.append('t', 1, 2, ['b']).then(
        () => true,
        () => new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
      );
    }
    expect(appended).toBe(true);
    expect((await log.read('t', 1)).map((e) => e.data)).toEqual(['a', 'b']);
    await closeRedis(client);
  });
});
