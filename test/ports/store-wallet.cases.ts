// Store contract, part 2: the wallet ledger — transfers, idempotency, concurrency and the
// conservation audit. Run through describeStoreContract (store.contract.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError, InsufficientFundsError, NotFoundError } from '../../src/ports/errors.js';
import type { Store } from '../../src/ports/store.js';
import { rejectionOf, type AdapterHarness } from './harness.js';

async function newPlayer(store: Store, chips = 0): Promise<string> {
  const account = await store.createAccount({ kind: 'guest', nickname: 'p' });
  if (chips > 0) await store.grant(`grant-${account.id}`, account.id, chips);
  return account.id;
}

export function describeStoreWallet(harness: () => AdapterHarness<Store>): void {
  describe('wallet transfers', () => {
    it('grants chips into a wallet and records the entry', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store);
      const result = await store.grant('g1', id, 1000);
      expect(result.replayed).toBe(false);
      expect(result.balance).toBe(1000);
      expect(result.entry).toMatchObject({
        requestId: 'g1',
        accountId: id,
        kind: 'grant',
        amount: 1000,
        tableId: null,
      });
      expect(await store.balance(id)).toBe(1000);
    });

    it('moves chips to a table on buy-in and back on cash-out', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 1000);
      const buy = await store.buyIn('b1', id, 'table-1', 400);
      expect(buy.balance).toBe(600);
      expect(buy.entry).toMatchObject({ kind: 'buy_in', amount: 400, tableId: 'table-1' });
      expect((await store.audit()).atTables.get('table-1')).toBe(400);
      const cash = await store.cashOut('c1', id, 'table-1', 250);
      expect(cash.balance).toBe(850);
      expect(await store.balance(id)).toBe(850);
      const audit = await store.audit();
      expect(audit).toMatchObject({ granted: 1000, inWallets: 850, balanced: true });
      expect(audit.atTables.get('table-1')).toBe(150);
    });

    it('lets a player cash out more than they bought in when others’ chips are at the table', async () => {
      const store = harness().adapter;
      const winner = await newPlayer(store, 100);
      const loser = await newPlayer(store, 100);
      await store.buyIn('bw', winner, 't', 100);
      await store.buyIn('bl', loser, 't', 100);
      await store.cashOut('cw', winner, 't', 200);
      expect(await store.balance(winner)).toBe(200);
      const audit = await store.audit();
      expect(audit.balanced).toBe(true);
      expect(audit.atTables.has('t')).toBe(false);
    });

    it('refuses a cash-out larger than the chips at the table, moving nothing', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 100);
      await store.buyIn('b', id, 't', 60);
      await expect(store.cashOut('c', id, 't', 61)).rejects.toBeInstanceOf(ConflictError);
      await expect(store.cashOut('c2', id, 'never-bought-into', 1)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.balance(id)).toBe(40);
      expect((await store.audit()).balanced).toBe(true);
    });

    it('rejects a buy-in beyond the balance with InsufficientFundsError and changes nothing', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 300);
      const error = await rejectionOf(store.buyIn('too-much', id, 'table-1', 301));
      expect(error).toBeInstanceOf(InsufficientFundsError);
      expect(error).toMatchObject({ accountId: id, needed: 301, available: 300 });
      expect(await store.balance(id)).toBe(300);
      expect((await store.entries(id, 10)).map((e) => e.requestId)).toEqual([`grant-${id}`]);
      const audit = await store.audit();
      expect(audit.atTables.size).toBe(0);
      expect(audit.balanced).toBe(true);
    });

    it('does not burn the request id of a refused buy-in, so it can be retried once funds arrive', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 50);
      await expect(store.buyIn('retry-me', id, 't', 80)).rejects.toBeInstanceOf(InsufficientFundsError);
      await store.grant('top-up', id, 50);
      const result = await store.buyIn('retry-me', id, 't', 80);
      expect(result).toMatchObject({ replayed: false, balance: 20 });
    });

    it('allows spending the wallet down to exactly zero', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 100);
      expect((await store.buyIn('all-in', id, 't', 100)).balance).toBe(0);
      await expect(store.buyIn('one-more', id, 't', 1)).rejects.toBeInstanceOf(InsufficientFundsError);
    });

    it('rejects zero, negative and fractional amounts and moves nothing', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 100);
      for (const amount of [0, -5, 1.5, Number.NaN]) {
        await expect(store.grant(`g${amount}`, id, amount)).rejects.toThrow();
        await expect(store.buyIn(`b${amount}`, id, 't', amount)).rejects.toThrow();
        await expect(store.cashOut(`c${amount}`, id, 't', amount)).rejects.toThrow();
      }
      expect(await store.balance(id)).toBe(100);
      expect(await store.entries(id, 10)).toHaveLength(1);
    });

    it('reports an unknown account with NotFoundError', async () => {
      const store = harness().adapter;
      await expect(store.grant('g', 'ghost', 10)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.buyIn('b', 'ghost', 't', 10)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.balance('ghost')).rejects.toBeInstanceOf(NotFoundError);
      expect((await store.audit()).balanced).toBe(true);
    });
  });

  describe('idempotency by request id', () => {
    it('returns the original result with replayed: true and moves chips only once', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 1000);
      const first = await store.buyIn('join-1', id, 't', 300);
      await store.grant('later', id, 5);
      const again = await store.buyIn('join-1', id, 't', 300);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.balance(id)).toBe(705);
      const grantAgain = await store.grant(`grant-${id}`, id, 1000);
      expect(grantAgain).toMatchObject({ replayed: true, balance: 1000 });
      expect(await store.balance(id)).toBe(705);
    });

    it('replays a cash-out without paying twice', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 100);
      await store.buyIn('b', id, 't', 100);
      const first = await store.cashOut('leave', id, 't', 100);
      expect(await store.cashOut('leave', id, 't', 100)).toEqual({ ...first, replayed: true });
      expect(await store.balance(id)).toBe(100);
    });

    it('rejects a reused request id with different parameters as ConflictError', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 1000);
      const other = await newPlayer(store, 1000);
      await store.buyIn('req', id, 't', 100);
      const variants = [
        () => store.buyIn('req', id, 't', 101),
        () => store.buyIn('req', id, 'other-table', 100),
        () => store.buyIn('req', other, 't', 100),
        () => store.cashOut('req', id, 't', 100),
        () => store.grant('req', id, 100),
      ];
      for (const attempt of variants) await expect(attempt()).rejects.toBeInstanceOf(ConflictError);
      expect(await store.balance(id)).toBe(900);
      expect(await store.balance(other)).toBe(1000);
    });

    it('applies one request id once even when it arrives several times at once', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 1000);
      const results = await Promise.all(Array.from({ length: 8 }, () => store.buyIn('dup', id, 't', 250)));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
      expect(results.every((r) => r.balance === 750)).toBe(true);
      expect(await store.balance(id)).toBe(750);
    });
  });

  describe('concurrency', () => {
    it('never overdraws a wallet when buy-ins race each other', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 100);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.buyIn(`race-${i}`, id, `t${i % 3}`, 30)),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      expect(ok).toHaveLength(3);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InsufficientFundsError);
      expect(await store.balance(id)).toBe(10);
      const audit = await store.audit();
      expect(audit.balanced).toBe(true);
      expect([...audit.atTables.values()].reduce((a, b) => a + b, 0)).toBe(90);
    });
  });

  describe('several clients', () => {
    it('never overdraws or double-applies when two clients race on one wallet', async (ctx) => {
      const h = harness();
      if (!h.peer) return ctx.skip();
      const other = await h.peer();
      const id = await newPlayer(h.adapter, 100);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? h.adapter : other).buyIn(`race-${i % 6}`, id, 't', 20),
        ),
      );
      // Six distinct request ids of 20 chips against 100: exactly five can apply.
      const applied = new Set(
        results.flatMap((r) =>
          r.status === 'fulfilled' && !r.value.replayed ? [r.value.entry.requestId] : [],
        ),
      );
      expect(applied.size).toBe(5);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InsufficientFundsError);
      expect(await other.balance(id)).toBe(0);
      expect((await other.audit()).balanced).toBe(true);
    });
  });

  describe('ledger entries', () => {
    it('lists an account’s entries newest first and pages with beforeId', async () => {
      const store = harness().adapter;
      const id = await newPlayer(store, 1000);
      const other = await newPlayer(store, 1000);
      for (let i = 1; i <= 5; i++) {
        await store.buyIn(`b${i}`, id, 't', i);
        await store.buyIn(`o${i}`, other, 't', i);
      }
      const page1 = await store.entries(id, 3);
      expect(page1.map((e) => e.requestId)).toEqual(['b5', 'b4', 'b3']);
      const page2 = await store.entries(id, 3, page1[2]!.id);
      expect(page2.map((e) => e.requestId)).toEqual(['b2', 'b1', `grant-${id}`]);
      expect(await store.entries(id, 3, page2[2]!.id)).toEqual([]);
      expect(page1.every((e) => e.accountId === id && e.amount > 0)).toBe(true);
      expect(page1[0]!.id).toBeGreaterThan(page1[1]!.id);
    });
  });

  describe('conservation audit', () => {
    it('balances on an empty ledger', async () => {
      const audit = await harness().adapter.audit();
      expect(audit).toMatchObject({ granted: 0, inWallets: 0, balanced: true });
      expect(audit.atTables.size).toBe(0);
    });

    it('stays balanced and matches a model after any sequence of transfers', async () => {
      const store = harness().adapter;
      let run = 0;
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('grant' as const),
          who: fc.nat(2),
          amount: fc.integer({ min: 1, max: 500 }),
        }),
        fc.record({
          kind: fc.constantFrom('buy_in' as const, 'cash_out' as const),
          who: fc.nat(2),
          table: fc.nat(1),
          amount: fc.integer({ min: 1, max: 400 }),
        }),
        fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
          run++;
          const before = await store.audit();
          const players = [await newPlayer(store), await newPlayer(store), await newPlayer(store)];
          const tables = [`run${run}-a`, `run${run}-b`];
          const wallets = [0, 0, 0];
          const atTable = [0, 0];
          let granted = 0;
          const done: { call: () => Promise<unknown>; balance: number }[] = [];
          for (const [i, o] of ops.entries()) {
            if (o.kind === 'replay') {
              const previous = done[o.pick % Math.max(1, done.length)];
              if (previous)
                expect(await previous.call()).toMatchObject({ replayed: true, balance: previous.balance });
              continue;
            }
            const who = players[o.who]!;
            const requestId = `run${run}-op${i}`;
            if (o.kind === 'grant') {
              const call = () => store.grant(requestId, who, o.amount);
              wallets[o.who]! += o.amount;
              granted += o.amount;
              expect((await call()).balance).toBe(wallets[o.who]);
              done.push({ call, balance: wallets[o.who]! });
            } else if (o.kind === 'buy_in') {
              const call = () => store.buyIn(requestId, who, tables[o.table]!, o.amount);
              if (wallets[o.who]! < o.amount) {
                await expect(call()).rejects.toBeInstanceOf(InsufficientFundsError);
                continue;
              }
              wallets[o.who]! -= o.amount;
              atTable[o.table]! += o.amount;
              expect((await call()).balance).toBe(wallets[o.who]);
              done.push({ call, balance: wallets[o.who]! });
            } else {
              const call = () => store.cashOut(requestId, who, tables[o.table]!, o.amount);
              if (atTable[o.table]! < o.amount) {
                await expect(call()).rejects.toBeInstanceOf(ConflictError);
                continue;
              }
              atTable[o.table]! -= o.amount;
              wallets[o.who]! += o.amount;
              expect((await call()).balance).toBe(wallets[o.who]);
              done.push({ call, balance: wallets[o.who]! });
            }
          }
          const after = await store.audit();
          expect(after.balanced).toBe(true);
          expect(after.granted - before.granted).toBe(granted);
          expect(after.inWallets - before.inWallets).toBe(wallets.reduce((a, b) => a + b, 0));
          for (const [t, table] of tables.entries()) expect(after.atTables.get(table) ?? 0).toBe(atTable[t]);
          for (const [p, id] of players.entries()) expect(await store.balance(id)).toBe(wallets[p]);
        }),
        { numRuns: 40 },
      );
    });
  });
}
