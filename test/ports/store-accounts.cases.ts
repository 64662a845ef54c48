// Store contract, part 1: accounts. Run through describeStoreContract (store.contract.ts).

import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/ports/errors.js';
import type { Store } from '../../src/ports/store.js';
import { rejectionOf, type AdapterHarness } from './harness.js';

export function describeStoreAccounts(harness: () => AdapterHarness<Store>): void {
  describe('accounts', () => {
    it('creates a guest with an id, no username and a creation time, and reads it back', async () => {
      const store = harness().adapter;
      const guest = await store.createAccount({ kind: 'guest', nickname: 'Lucky Lou' });
      expect(guest).toMatchObject({ kind: 'guest', nickname: 'Lucky Lou', username: null });
      expect(typeof guest.id).toBe('string');
      expect(guest.id.length).toBeGreaterThan(0);
      expect(Number.isInteger(guest.createdAt)).toBe(true);
      expect(await store.getAccount(guest.id)).toEqual(guest);
    });

    it('gives every account a distinct id and an empty wallet', async () => {
      const store = harness().adapter;
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.createAccount({ kind: 'bot', nickname: `bot ${i}` })),
      );
      expect(new Set(created.map((a) => a.id)).size).toBe(10);
      for (const account of created) expect(await store.balance(account.id)).toBe(0);
    });

    it('finds a registered account’s credentials by username, whatever its case', async () => {
      const store = harness().adapter;
      const alice = await store.createAccount({
        kind: 'registered',
        nickname: 'Alice',
        username: 'Alice_99',
        passwordHash: '$scrypt$opaque',
      });
      expect(alice.username).toBe('Alice_99');
      for (const spelling of ['Alice_99', 'alice_99', 'ALICE_99']) {
        expect(await store.findCredentials(spelling)).toEqual({
          account: alice,
          passwordHash: '$scrypt$opaque',
        });
      }
    });

    it('rejects a username taken in any case with ConflictError and creates nothing', async () => {
      const store = harness().adapter;
      await store.createAccount({ kind: 'registered', nickname: 'A', username: 'bob', passwordHash: 'h1' });
      const error = await rejectionOf(
        store.createAccount({ kind: 'registered', nickname: 'B', username: 'BOB', passwordHash: 'h2' }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect((await store.findCredentials('bob'))?.passwordHash).toBe('h1');
    });

    it('lets exactly one of several concurrent registrations of one username succeed', async () => {
      const store = harness().adapter;
      const results = await Promise.allSettled(
        ['carol', 'Carol', 'CAROL', 'carol'].map((username, i) =>
          store.createAccount({ kind: 'registered', nickname: `c${i}`, username, passwordHash: `h${i}` }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    });

    it('returns null for unknown ids and usernames, and no credentials for guests', async () => {
      const store = harness().adapter;
      await store.createAccount({ kind: 'guest', nickname: 'dave' });
      expect(await store.getAccount('no-such-id')).toBeNull();
      expect(await store.findCredentials('dave')).toBeNull();
      expect(await store.findCredentials('nobody')).toBeNull();
    });

    it('allows any number of guests with the same nickname', async () => {
      const store = harness().adapter;
      const a = await store.createAccount({ kind: 'guest', nickname: 'same' });
      const b = await store.createAccount({ kind: 'guest', nickname: 'same' });
      expect(a.id).not.toBe(b.id);
    });

    it('keeps accounts across a restart', async (ctx) => {
      const h = harness();
      if (!h.reopen) return ctx.skip();
      const erin = await h.adapter.createAccount({
        kind: 'registered',
        nickname: 'E',
        username: 'erin',
        passwordHash: 'h',
      });
      await h.adapter.grant('g-erin', erin.id, 500);
      const store = await h.reopen();
      expect(await store.getAccount(erin.id)).toEqual(erin);
      expect(await store.balance(erin.id)).toBe(500);
      expect((await store.grant('g-erin', erin.id, 500)).replayed).toBe(true);
      expect((await store.audit()).balanced).toBe(true);
    });
  });
}
