// Store contract, part 3: the table catalog and hand histories. Run through
// describeStoreContract (store.contract.ts).

import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/ports/errors.js';
import type { HandHistory, Store } from '../../src/ports/store.js';
import type { AdapterHarness } from './harness.js';

const SEED = 'ab'.repeat(32);

function table(id: string) {
  return {
    id,
    game: 'holdem',
    name: `Table ${id}`,
    config: { seats: 6, blinds: [5, 10], options: { bots: true, timeBank: null } },
    seed: SEED,
    createdBy: null,
  };
}

function hand(tableId: string, no: number, endedAt: number, players: string[]): HandHistory {
  return {
    tableId,
    hand: no,
    game: 'holdem',
    players,
    record: { pot: no * 10, board: ['As', 'Kd'] },
    endedAt,
  };
}

export function describeStoreCatalog(harness: () => AdapterHarness<Store>): void {
  describe('table catalog', () => {
    it('creates a table and reads back its configuration and seed unchanged', async () => {
      const store = harness().adapter;
      const created = await store.createTable({ ...table('t1'), createdBy: 'acct-1' });
      expect(created).toMatchObject({ ...table('t1'), createdBy: 'acct-1', closedAt: null });
      expect(Number.isInteger(created.createdAt)).toBe(true);
      expect(await store.getTable('t1')).toEqual(created);
      expect(await store.getTable('nope')).toBeNull();
    });

    it('rejects a second table with the same id as ConflictError', async () => {
      const store = harness().adapter;
      await store.createTable(table('t1'));
      await expect(store.createTable({ ...table('t1'), name: 'other' })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await store.getTable('t1'))?.name).toBe('Table t1');
    });

    it('lists open tables oldest first and drops closed ones', async () => {
      const store = harness().adapter;
      for (const id of ['zeta', 'alpha', 'mid']) await store.createTable(table(id));
      expect((await store.openTables()).map((t) => t.id)).toEqual(['zeta', 'alpha', 'mid']);
      await store.closeTable('alpha');
      expect((await store.openTables()).map((t) => t.id)).toEqual(['zeta', 'mid']);
      const closed = await store.getTable('alpha');
      expect(closed?.closedAt).toEqual(expect.any(Number));
    });

    it('keeps the first closing time when a table is closed twice, and rejects unknown tables', async () => {
      const store = harness().adapter;
      await store.createTable(table('t1'));
      await store.closeTable('t1');
      const first = (await store.getTable('t1'))!.closedAt;
      await store.closeTable('t1');
      expect((await store.getTable('t1'))!.closedAt).toBe(first);
      await expect(store.closeTable('ghost')).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('hand histories', () => {
    it('stores a hand and reads it back by table and number', async () => {
      const store = harness().adapter;
      const h = hand('t1', 7, 1_000, ['p1', 'p2']);
      await store.saveHand(h);
      expect(await store.hand('t1', 7)).toEqual(h);
      expect(await store.hand('t1', 8)).toBeNull();
    });

    it('is idempotent on table and hand number: the first copy stays', async () => {
      const store = harness().adapter;
      await store.saveHand(hand('t1', 1, 1_000, ['p1', 'p2']));
      await store.saveHand({ ...hand('t1', 1, 2_000, ['p1', 'p3']), record: 'different' });
      expect(await store.hand('t1', 1)).toEqual(hand('t1', 1, 1_000, ['p1', 'p2']));
      expect(await store.handsOf('p1', { limit: 10 })).toHaveLength(1);
      expect(await store.handsOf('p3', { limit: 10 })).toEqual([]);
    });

    it('stores hands saved at the same moment, each readable once its save resolves; the first copy of a repeat stays', async () => {
      const store = harness().adapter;
      const saves = [
        hand('t1', 1, 100, ['p1', 'p2']),
        hand('t2', 1, 110, ['p1', 'p3']),
        { ...hand('t1', 1, 120, ['p4']), record: 'repeat' },
        hand('t3', 9, 130, ['p2', 'p2']),
      ].map((h) => store.saveHand(h).then(() => store.hand(h.tableId, h.hand)));
      const [t1, t2, repeat, t3] = await Promise.all(saves);
      expect(t1).toEqual(hand('t1', 1, 100, ['p1', 'p2']));
      expect(repeat).toEqual(hand('t1', 1, 100, ['p1', 'p2']));
      expect(t2).toEqual(hand('t2', 1, 110, ['p1', 'p3']));
      expect(t3).toEqual(hand('t3', 9, 130, ['p2', 'p2']));
      expect((await store.handsOf('p1', { limit: 10 })).map((h) => h.tableId)).toEqual(['t2', 't1']);
      expect(await store.handsOf('p4', { limit: 10 })).toEqual([]);
      expect(await store.handsOf('p2', { limit: 10 })).toHaveLength(2);
    });

    it('lists only the hands a player played, newest first', async () => {
      const store = harness().adapter;
      await store.saveHand(hand('t1', 1, 100, ['p1', 'p2']));
      await store.saveHand(hand('t1', 2, 200, ['p2', 'p3']));
      await store.saveHand(hand('t2', 1, 150, ['p1']));
      await store.saveHand(hand('t1', 3, 300, ['p1', 'p3']));
      const mine = await store.handsOf('p1', { limit: 10 });
      expect(mine.map((h) => [h.tableId, h.hand])).toEqual([
        ['t1', 3],
        ['t2', 1],
        ['t1', 1],
      ]);
      expect(mine[0]).toEqual(hand('t1', 3, 300, ['p1', 'p3']));
      expect(await store.handsOf('nobody', { limit: 10 })).toEqual([]);
    });

    it('lists only the hands of one table when asked, newest first and paged', async () => {
      const store = harness().adapter;
      await store.saveHand(hand('t1', 1, 100, ['p1', 'p2']));
      await store.saveHand(hand('t2', 1, 150, ['p1']));
      await store.saveHand(hand('t1', 2, 200, ['p1']));
      await store.saveHand(hand('t2', 2, 250, ['p1']));
      await store.saveHand(hand('t1', 3, 300, ['p2']));
      const atT1 = await store.handsOf('p1', { limit: 10, table: 't1' });
      expect(atT1.map((h) => [h.tableId, h.hand])).toEqual([
        ['t1', 2],
        ['t1', 1],
      ]);
      const first = await store.handsOf('p1', { limit: 1, table: 't2' });
      expect(first.map((h) => h.hand)).toEqual([2]);
      const last = first[0]!;
      const next = await store.handsOf('p1', {
        limit: 1,
        table: 't2',
        before: { endedAt: last.endedAt, tableId: last.tableId, hand: last.hand },
      });
      expect(next.map((h) => [h.tableId, h.hand])).toEqual([['t2', 1]]);
      expect(await store.handsOf('p1', { limit: 10, table: 't3' })).toEqual([]);
    });

    it('lists every hand of one table, whoever played it, newest first and paged by hand number', async () => {
      const store = harness().adapter;
      await store.saveHand(hand('t1', 1, 100, ['p1', 'p2']));
      await store.saveHand(hand('t2', 1, 150, ['p1']));
      await store.saveHand(hand('t1', 2, 200, ['p3']));
      await store.saveHand(hand('t1', 3, 300, ['p2']));
      const first = await store.handsAt('t1', { limit: 2 });
      expect(first.map((h) => h.hand)).toEqual([3, 2]);
      expect(first[0]).toEqual(hand('t1', 3, 300, ['p2']));
      expect((await store.handsAt('t1', { limit: 2, before: 2 })).map((h) => h.hand)).toEqual([1]);
      expect(await store.handsAt('t1', { limit: 2, before: 1 })).toEqual([]);
      expect(await store.handsAt('t9', { limit: 5 })).toEqual([]);
    });

    it('pages through a player’s hands with the cursor, without gaps or repeats, even when hands end at the same time', async () => {
      const store = harness().adapter;
      const expected: string[] = [];
      // Several hands share an endedAt across two tables, to exercise every part of the cursor.
      for (let i = 1; i <= 9; i++) {
        for (const t of ['ta', 'tb']) {
          await store.saveHand(hand(t, i, 1_000 + Math.floor(i / 3) * 10, ['me', `other-${t}`]));
          expected.push(`${t}#${i}`);
        }
      }
      const seen: string[] = [];
      let cursor: { endedAt: number; tableId: string; hand: number } | undefined;
      for (;;) {
        const page = await store.handsOf('me', { limit: 4, ...(cursor ? { before: cursor } : {}) });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(4);
        seen.push(...page.map((h) => `${h.tableId}#${h.hand}`));
        const last = page[page.length - 1]!;
        cursor = { endedAt: last.endedAt, tableId: last.tableId, hand: last.hand };
      }
      expect(seen).toHaveLength(18);
      expect(new Set(seen)).toEqual(new Set(expected));
      const all = await store.handsOf('me', { limit: 100 });
      expect(all.map((h) => `${h.tableId}#${h.hand}`)).toEqual(seen);
      for (let i = 1; i < all.length; i++)
        expect(all[i - 1]!.endedAt).toBeGreaterThanOrEqual(all[i]!.endedAt);
    });
  });
}
