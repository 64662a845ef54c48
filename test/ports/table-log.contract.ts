// The TableLog contract: every adapter (memory, SQLite, later Redis) runs this suite unchanged.
// It pins down the three properties the table actor and failover depend on: entries are durable
// and contiguous, a stale owner can never write once fenced, and snapshot + remaining log always
// cover the whole history.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FencedError, SequenceConflictError } from '../../src/ports/errors.js';
import type { TableLog } from '../../src/ports/table-log.js';
import { rejectionOf, type AdapterHarness, type MakeAdapter } from './harness.js';

export function describeTableLogContract(name: string, makeAdapter: MakeAdapter<TableLog>): void {
  describe(`TableLog contract: ${name}`, () => {
    let harness: AdapterHarness<TableLog>;
    let log: TableLog;

    beforeEach(async () => {
      harness = await makeAdapter();
      log = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    async function appendMany(tableId: string, epoch: number, count: number): Promise<number> {
      const start = (await log.lastSeq(tableId)) + 1;
      const records = Array.from({ length: count }, (_, i) => `r${start + i}`);
      return log.append(tableId, epoch, start, records);
    }

    describe('appending and reading', () => {
      it('reads back appended records in order with contiguous seqs from 1 and the writing epoch', async () => {
        expect(await log.append('t1', 1, 1, ['a', 'b'])).toBe(2);
        expect(await log.append('t1', 1, 3, ['c'])).toBe(3);
        expect(await log.read('t1', 1)).toEqual([
          { seq: 1, epoch: 1, data: 'a' },
          { seq: 2, epoch: 1, data: 'b' },
          { seq: 3, epoch: 1, data: 'c' },
        ]);
        expect(await log.lastSeq('t1')).toBe(3);
      });

      it('reads from an offset and honours the limit', async () => {
        await appendMany('t1', 1, 10);
        const page = await log.read('t1', 4, 3);
        expect(page.map((e) => e.seq)).toEqual([4, 5, 6]);
        expect(page.map((e) => e.data)).toEqual(['r4', 'r5', 'r6']);
        expect(await log.read('t1', 11)).toEqual([]);
        expect((await log.read('t1', 9, 100)).map((e) => e.seq)).toEqual([9, 10]);
        expect(await log.read('t1', 1, 0)).toEqual([]);
      });

      it('pages through a long log without gaps or duplicates', async () => {
        for (let i = 0; i < 20; i++) await appendMany('t1', 1, 50);
        const seen: number[] = [];
        let from = 1;
        for (;;) {
          const page = await log.read('t1', from, 128);
          if (page.length === 0) break;
          seen.push(...page.map((e) => e.seq));
          from = page[page.length - 1]!.seq + 1;
        }
        expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      });

      it('reports an empty log for a table it has never seen', async () => {
        expect(await log.lastSeq('nobody')).toBe(0);
        expect(await log.read('nobody', 1)).toEqual([]);
        expect(await log.readSnapshot('nobody')).toBeNull();
      });

      it('round-trips record data exactly, including empty, unicode and large records', async () => {
        const records = [
          '',
          '{"a":[1,2,{"b":null}]}',
          'ünïcødé ♠♥♦♣ 🂡',
          'x'.repeat(200_000),
          'line\nbreak\u0000nul',
        ];
        await log.append('t1', 1, 1, records);
        expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(records);
      });

      it('treats an empty batch as a no-op that resolves to the last seq', async () => {
        await log.append('t1', 1, 1, ['a']);
        expect(await log.append('t1', 1, 2, [])).toBe(1);
        expect(await log.lastSeq('t1')).toBe(1);
      });

      it('keeps tables independent of each other', async () => {
        await log.append('t1', 1, 1, ['a', 'b']);
        await log.append('t2', 7, 1, ['x']);
        expect(await log.read('t1', 1)).toHaveLength(2);
        expect(await log.read('t2', 1)).toEqual([{ seq: 1, epoch: 7, data: 'x' }]);
        await log.fence('t2', 9);
        await expect(log.append('t1', 1, 3, ['c'])).resolves.toBe(3);
      });
    });

    describe('sequence checks', () => {
      it('rejects an append that does not start at the next seq with SequenceConflictError and writes nothing', async () => {
        await log.append('t1', 1, 1, ['a', 'b']);
        for (const wrong of [1, 2, 4]) {
          const error = await rejectionOf(log.append('t1', 1, wrong, ['x', 'y']));
          expect(error).toBeInstanceOf(SequenceConflictError);
          expect(error).toMatchObject({ tableId: 't1', expected: wrong, actual: 3 });
        }
        expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(['a', 'b']);
        expect(await log.lastSeq('t1')).toBe(2);
      });

      it('rejects a first append that does not start at seq 1', async () => {
        await expect(log.append('t1', 1, 2, ['a'])).rejects.toBeInstanceOf(SequenceConflictError);
        expect(await log.lastSeq('t1')).toBe(0);
      });

      it('lets exactly one of two concurrent appends at the same seq win', async () => {
        await log.append('t1', 1, 1, ['a']);
        const results = await Promise.allSettled([
          log.append('t1', 1, 2, ['first']),
          log.append('t1', 1, 2, ['second']),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(SequenceConflictError);
        expect(await log.lastSeq('t1')).toBe(2);
        expect((await log.read('t1', 2))[0]!.data).toMatch(/^(first|second)$/);
      });
    });

    describe('fencing', () => {
      it('resolves fence() to the fence in force and accepts the same epoch again', async () => {
        expect(await log.fence('t1', 3)).toBe(3);
        expect(await log.fence('t1', 3)).toBe(3);
        expect(await log.fence('t1', 5)).toBe(5);
      });

      it('never lowers the fence: a lower fence() rejects with FencedError naming the fence in force', async () => {
        await log.fence('t1', 5);
        const error = await rejectionOf(log.fence('t1', 4));
        expect(error).toBeInstanceOf(FencedError);
        expect(error).toMatchObject({ tableId: 't1', epoch: 4, fence: 5 });
        await expect(log.append('t1', 4, 1, ['a'])).rejects.toBeInstanceOf(FencedError);
      });

      it('shuts a lower epoch out of append, snapshot and trim once fenced, and writes nothing for it', async () => {
        await log.append('t1', 1, 1, ['a', 'b']);
        await log.writeSnapshot('t1', 1, { seq: 1, data: 'snap1' });
        await log.fence('t1', 2);

        const append = await rejectionOf(log.append('t1', 1, 3, ['stale']));
        expect(append).toBeInstanceOf(FencedError);
        expect(append).toMatchObject({ tableId: 't1', epoch: 1, fence: 2 });
        await expect(log.writeSnapshot('t1', 1, { seq: 2, data: 'stale' })).rejects.toBeInstanceOf(
          FencedError,
        );
        await expect(log.trim('t1', 1, 1)).rejects.toBeInstanceOf(FencedError);

        expect(await log.lastSeq('t1')).toBe(2);
        expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(['a', 'b']);
        expect(await log.readSnapshot('t1')).toEqual({ seq: 1, epoch: 1, data: 'snap1' });
      });

      it('checks the fence before the seq, so a fenced owner learns it is fenced rather than behind', async () => {
        await log.append('t1', 1, 1, ['a']);
        await log.fence('t1', 2);
        await expect(log.append('t1', 1, 5, ['x'])).rejects.toBeInstanceOf(FencedError);
      });

      it('lets the new owner continue the log after a takeover', async () => {
        await log.append('t1', 1, 1, ['a', 'b']);
        await log.fence('t1', 2);
        const last = await log.lastSeq('t1');
        expect(await log.append('t1', 2, last + 1, ['c'])).toBe(3);
        expect((await log.read('t1', 1)).map((e) => [e.seq, e.epoch])).toEqual([
          [1, 1],
          [2, 1],
          [3, 2],
        ]);
      });

      it('raises the fence when a higher epoch writes, even without fence()', async () => {
        await log.append('t1', 1, 1, ['a']);
        await log.append('t1', 2, 2, ['b']);
        await expect(log.append('t1', 1, 3, ['stale'])).rejects.toBeInstanceOf(FencedError);
        await expect(log.fence('t1', 1)).rejects.toBeInstanceOf(FencedError);
      });

      it('does not raise the fence when a higher-epoch write fails', async () => {
        await log.append('t1', 1, 1, ['a']);
        await expect(log.append('t1', 3, 9, ['bad seq'])).rejects.toBeInstanceOf(SequenceConflictError);
        await expect(log.append('t1', 1, 2, ['b'])).resolves.toBe(2);
      });

      it('leaves no fence behind when the first write to a table fails', async () => {
        await expect(log.append('fresh', 5, 2, ['bad seq'])).rejects.toBeInstanceOf(SequenceConflictError);
        await expect(log.append('fresh', 1, 1, ['a'])).resolves.toBe(1);
      });

      it('lets no write of the old owner through when both owners append concurrently after the fence', async () => {
        await appendMany('t1', 1, 3);
        await log.fence('t1', 2);
        const next = (await log.lastSeq('t1')) + 1;
        const attempts = [];
        for (let i = 0; i < 5; i++) {
          attempts.push(log.append('t1', 1, next, [`old${i}`]).then(() => 'old' as const));
          attempts.push(log.append('t1', 2, next, [`new${i}`]).then(() => 'new' as const));
        }
        const results = await Promise.allSettled(attempts);
        const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(winners).toEqual(['new']);
        for (const r of results) {
          if (r.status === 'rejected') {
            expect(r.reason instanceof FencedError || r.reason instanceof SequenceConflictError).toBe(true);
          }
        }
        const entries = await log.read('t1', 1);
        expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect(entries[3]!.epoch).toBe(2);
        expect(entries[3]!.data).toMatch(/^new/);
      });

      it('follows the takeover protocol: fence, read snapshot and log, append with the new epoch', async () => {
        // Owner 1 writes, snapshots and trims.
        await appendMany('t1', 1, 5);
        await log.writeSnapshot('t1', 1, { seq: 4, data: 'state@4' });
        await log.trim('t1', 1, 4);
        // Owner 2 takes over.
        expect(await log.fence('t1', 2)).toBe(2);
        const snapshot = await log.readSnapshot('t1');
        expect(snapshot).toEqual({ seq: 4, epoch: 1, data: 'state@4' });
        const tail = await log.read('t1', snapshot!.seq + 1);
        expect(tail.map((e) => e.data)).toEqual(['r5']);
        expect(await log.append('t1', 2, tail[tail.length - 1]!.seq + 1, ['r6'])).toBe(6);
        // Owner 1 wakes up from its pause and can write nothing.
        await expect(log.append('t1', 1, 6, ['zombie'])).rejects.toBeInstanceOf(FencedError);
        await expect(log.writeSnapshot('t1', 1, { seq: 6, data: 'zombie' })).rejects.toBeInstanceOf(
          FencedError,
        );
        expect((await log.read('t1', 5)).map((e) => e.data)).toEqual(['r5', 'r6']);
      });
    });

    describe('snapshots and trimming', () => {
      it('keeps only the newest snapshot, with the epoch that wrote it', async () => {
        await appendMany('t1', 1, 6);
        await log.writeSnapshot('t1', 1, { seq: 2, data: 'at2' });
        await log.writeSnapshot('t1', 2, { seq: 5, data: 'at5' });
        expect(await log.readSnapshot('t1')).toEqual({ seq: 5, epoch: 2, data: 'at5' });
        await log.writeSnapshot('t1', 2, { seq: 5, data: 'at5 again' });
        expect(await log.readSnapshot('t1')).toEqual({ seq: 5, epoch: 2, data: 'at5 again' });
      });

      it('never lets an older snapshot replace a newer one', async () => {
        await appendMany('t1', 1, 6);
        await log.writeSnapshot('t1', 1, { seq: 5, data: 'at5' });
        await log.writeSnapshot('t1', 1, { seq: 3, data: 'at3' });
        expect(await log.readSnapshot('t1')).toEqual({ seq: 5, epoch: 1, data: 'at5' });
      });

      it('drops entries up to the given seq and keeps lastSeq and later appends contiguous', async () => {
        await appendMany('t1', 1, 10);
        await log.writeSnapshot('t1', 1, { seq: 7, data: 's' });
        await log.trim('t1', 1, 7);
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual([8, 9, 10]);
        expect((await log.read('t1', 9)).map((e) => e.seq)).toEqual([9, 10]);
        expect(await log.lastSeq('t1')).toBe(10);
        expect(await log.append('t1', 1, 11, ['r11'])).toBe(11);
        await expect(log.append('t1', 1, 8, ['x'])).rejects.toBeInstanceOf(SequenceConflictError);
      });

      it('reports lastSeq after trimming the whole log', async () => {
        await appendMany('t1', 1, 4);
        await log.writeSnapshot('t1', 1, { seq: 4, data: 's' });
        await log.trim('t1', 1, 4);
        expect(await log.read('t1', 1)).toEqual([]);
        expect(await log.lastSeq('t1')).toBe(4);
        expect(await log.append('t1', 1, 5, ['r5'])).toBe(5);
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual([5]);
      });

      it('never trims past the latest snapshot, so snapshot plus log always cover the history', async () => {
        await appendMany('t1', 1, 10);
        await log.trim('t1', 1, 5);
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        await log.writeSnapshot('t1', 1, { seq: 3, data: 's' });
        await log.trim('t1', 1, 8);
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9, 10]);
      });

      it('tolerates trimming the same range twice', async () => {
        await appendMany('t1', 1, 5);
        await log.writeSnapshot('t1', 1, { seq: 3, data: 's' });
        await log.trim('t1', 1, 3);
        await log.trim('t1', 1, 2);
        await log.trim('t1', 1, 3);
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual([4, 5]);
      });
    });

    describe('destroy', () => {
      it('forgets entries, snapshot and fence so the table id can start over', async () => {
        await appendMany('t1', 3, 5);
        await log.writeSnapshot('t1', 3, { seq: 5, data: 's' });
        await log.fence('t1', 4);
        await appendMany('t2', 1, 2);
        await log.destroy('t1');
        expect(await log.lastSeq('t1')).toBe(0);
        expect(await log.read('t1', 1)).toEqual([]);
        expect(await log.readSnapshot('t1')).toBeNull();
        expect(await log.append('t1', 1, 1, ['again'])).toBe(1);
        expect(await log.lastSeq('t2')).toBe(2);
      });

      it('accepts destroying a table that never existed', async () => {
        await expect(log.destroy('nobody')).resolves.toBeUndefined();
      });
    });

    describe('several clients of one backing store', () => {
      it('shows one client the appends and fence of another', async (ctx) => {
        if (!harness.peer) return ctx.skip();
        const other = await harness.peer();
        await log.append('t1', 1, 1, ['a']);
        expect(await other.read('t1', 1)).toEqual([{ seq: 1, epoch: 1, data: 'a' }]);
        await other.fence('t1', 2);
        await expect(log.append('t1', 1, 2, ['stale'])).rejects.toBeInstanceOf(FencedError);
        await expect(other.append('t1', 2, 2, ['b'])).resolves.toBe(2);
      });

      it('lets exactly one of two clients win a race for the same seq', async (ctx) => {
        if (!harness.peer) return ctx.skip();
        const other = await harness.peer();
        for (let seq = 1; seq <= 20; seq++) {
          const results = await Promise.allSettled([
            log.append('t1', 1, seq, [`a${seq}`]),
            other.append('t1', 1, seq, [`b${seq}`]),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        }
        expect((await log.read('t1', 1)).map((e) => e.seq)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
      });
    });

    describe('durability', () => {
      it('keeps entries, snapshot, trim point and fence across a restart', async (ctx) => {
        if (!harness.reopen) return ctx.skip();
        await appendMany('t1', 1, 6);
        await log.writeSnapshot('t1', 1, { seq: 4, data: 'at4' });
        await log.trim('t1', 1, 4);
        await log.fence('t1', 2);
        log = await harness.reopen();
        expect(await log.lastSeq('t1')).toBe(6);
        expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(['r5', 'r6']);
        expect(await log.readSnapshot('t1')).toEqual({ seq: 4, epoch: 1, data: 'at4' });
        await expect(log.append('t1', 1, 7, ['stale'])).rejects.toBeInstanceOf(FencedError);
        expect(await log.append('t1', 2, 7, ['r7'])).toBe(7);
      });
    });
  });
}
