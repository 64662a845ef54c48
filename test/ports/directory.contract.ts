// The Directory contract: who owns a table, with an epoch that only ever grows. The TableLog's
// fence turns these epochs into safety, so the suite insists on strict growth — across
// concurrent acquires, releases and restarts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../src/ports/directory.js';
import type { AdapterHarness, MakeAdapter } from './harness.js';

export function describeDirectoryContract(name: string, makeAdapter: MakeAdapter<Directory>): void {
  describe(`Directory contract: ${name}`, () => {
    let harness: AdapterHarness<Directory>;
    let dir: Directory;

    beforeEach(async () => {
      harness = await makeAdapter();
      dir = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('gives a never-owned table epoch 1 and reports the owner on lookup', async () => {
      expect(await dir.acquire('t1', 'node-a')).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 1 });
      expect(await dir.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 1 });
    });

    it('finds no owner for a table it has never seen', async () => {
      expect(await dir.lookup('nobody')).toBeNull();
      expect(await dir.ownedBy('node-a')).toEqual([]);
    });

    it('bumps the epoch on every acquire, whether by the same node or a new one', async () => {
      expect((await dir.acquire('t1', 'node-a'))?.epoch).toBe(1);
      expect((await dir.acquire('t1', 'node-a'))?.epoch).toBe(2);
      expect(await dir.acquire('t1', 'node-b')).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 3 });
      expect(await dir.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 3 });
    });

    it('reports the current epoch whether or not the table is owned, 0 for a new one', async () => {
      expect(await dir.epochOf('t1')).toBe(0);
      const own = await dir.acquire('t1', 'node-a');
      await dir.acquire('t1', 'node-b');
      expect(await dir.epochOf('t1')).toBe(2);
      await dir.release('t1', 'node-a', own!.epoch);
      await dir.release('t1', 'node-b', 2);
      expect(await dir.lookup('t1')).toBeNull();
      expect(await dir.epochOf('t1')).toBe(2);
      expect(await dir.acquire('t1', 'node-c', await dir.epochOf('t1'))).toEqual({
        tableId: 't1',
        nodeId: 'node-c',
        epoch: 3,
      });
    });

    it('keeps epochs per table', async () => {
      await dir.acquire('t1', 'node-a');
      await dir.acquire('t1', 'node-a');
      expect((await dir.acquire('t2', 'node-a'))?.epoch).toBe(1);
    });

    it('hands out distinct, strictly increasing epochs to concurrent acquires', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => dir.acquire('t1', `node-${i % 3}`)),
      );
      const epochs = results.map((r) => r!.epoch).sort((a, b) => a - b);
      expect(epochs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const final = await dir.lookup('t1');
      expect(final?.epoch).toBe(20);
      expect(results.find((r) => r!.epoch === 20)?.nodeId).toBe(final?.nodeId);
    });

    describe('compare-and-set with expectEpoch', () => {
      it('acquires a new table only when expecting epoch 0', async () => {
        expect(await dir.acquire('t1', 'node-a', 1)).toBeNull();
        expect(await dir.lookup('t1')).toBeNull();
        expect(await dir.acquire('t1', 'node-a', 0)).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 1 });
      });

      it('takes over only from the expected epoch and leaves the entry alone otherwise', async () => {
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t1', 'node-a');
        expect(await dir.acquire('t1', 'node-b', 1)).toBeNull();
        expect(await dir.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 2 });
        expect(await dir.acquire('t1', 'node-b', 2)).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 3 });
      });

      it('lets exactly one of several racing takeovers win', async () => {
        await dir.acquire('t1', 'node-a');
        const results = await Promise.all(['node-b', 'node-c', 'node-d'].map((n) => dir.acquire('t1', n, 1)));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]!.epoch).toBe(2);
        expect(await dir.lookup('t1')).toEqual(winners[0]);
      });
    });

    describe('ownedBy', () => {
      it('lists exactly the tables a node currently owns', async () => {
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t2', 'node-a');
        await dir.acquire('t3', 'node-b');
        await dir.acquire('t2', 'node-b');
        const byA = await dir.ownedBy('node-a');
        expect(byA).toEqual([{ tableId: 't1', nodeId: 'node-a', epoch: 1 }]);
        const byB = [...(await dir.ownedBy('node-b'))].sort((x, y) => x.tableId.localeCompare(y.tableId));
        expect(byB).toEqual([
          { tableId: 't2', nodeId: 'node-b', epoch: 2 },
          { tableId: 't3', nodeId: 'node-b', epoch: 1 },
        ]);
      });
    });

    describe('release', () => {
      it('drops the entry when it is still held by that node and epoch', async () => {
        const own = await dir.acquire('t1', 'node-a');
        expect(await dir.release('t1', 'node-a', own!.epoch)).toBe(true);
        expect(await dir.lookup('t1')).toBeNull();
        expect(await dir.ownedBy('node-a')).toEqual([]);
      });

      it('refuses to release for another node, a stale epoch or an unknown table', async () => {
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t1', 'node-b');
        expect(await dir.release('t1', 'node-a', 1)).toBe(false);
        expect(await dir.release('t1', 'node-a', 2)).toBe(false);
        expect(await dir.release('t1', 'node-b', 1)).toBe(false);
        expect(await dir.release('nobody', 'node-a', 1)).toBe(false);
        expect(await dir.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 2 });
      });

      it('keeps the epoch history so the next acquire continues from it', async () => {
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t1', 'node-a');
        await dir.release('t1', 'node-a', 2);
        expect(await dir.release('t1', 'node-a', 2)).toBe(false);
        expect(await dir.acquire('t1', 'node-b', 1)).toBeNull();
        expect(await dir.acquire('t1', 'node-b', 2)).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 3 });
      });
    });

    describe('several clients and restarts', () => {
      it('shows one client the acquisitions of another', async (ctx) => {
        if (!harness.peer) return ctx.skip();
        const other = await harness.peer();
        await dir.acquire('t1', 'node-a');
        expect(await other.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 1 });
        expect(await other.acquire('t1', 'node-b', 1)).toEqual({ tableId: 't1', nodeId: 'node-b', epoch: 2 });
        expect(await dir.acquire('t1', 'node-a', 1)).toBeNull();
      });

      it('keeps owners and epochs across a restart, so later epochs exceed every earlier one', async (ctx) => {
        if (!harness.reopen) return ctx.skip();
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t1', 'node-a');
        await dir.acquire('t2', 'node-a');
        await dir.release('t2', 'node-a', 1);
        dir = await harness.reopen();
        expect(await dir.lookup('t1')).toEqual({ tableId: 't1', nodeId: 'node-a', epoch: 2 });
        expect(await dir.ownedBy('node-a')).toEqual([{ tableId: 't1', nodeId: 'node-a', epoch: 2 }]);
        expect((await dir.acquire('t1', 'node-a'))?.epoch).toBe(3);
        expect((await dir.acquire('t2', 'node-a'))?.epoch).toBe(2);
      });
    });
  });
}
