import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../../src/accounts/accounts-service.js';
import { hashPassword, type ScryptParams } from '../../src/accounts/passwords.js';
import { SessionTokens } from '../../src/accounts/tokens.js';
import { createSqliteStore } from '../../src/adapters/sql/sqlite-store.js';
import type { Store } from '../../src/ports/store.js';

const FAST: ScryptParams = { ln: 10, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };
const SECRET = 'accounts-service-test-secret-32-bytes+';

describe('AccountsService', () => {
  let store: Store;
  let now: number;
  let service: AccountsService;
  let tokens: SessionTokens;

  beforeEach(async () => {
    store = await createSqliteStore(':memory:');
    now = Date.UTC(2030, 0, 1);
    tokens = new SessionTokens({ secret: SECRET, ttlSeconds: 3600, now: () => now });
    service = new AccountsService({ store, tokens, startingChips: 5_000, scrypt: FAST });
  });
  afterEach(async () => {
    await store.close();
  });

  describe('guests', () => {
    it('registers a guest with a normalized nickname, starting chips and a working token', async () => {
      const result = await service.registerGuest('  Lucky   Lou ');
      if (!result.ok) throw new Error(result.message);
      expect(result.account).toMatchObject({ kind: 'guest', nickname: 'Lucky Lou', username: null });
      expect(await store.balance(result.account.id)).toBe(5_000);
      expect(await service.authenticate(result.token)).toEqual({ ok: true, account: result.account });
    });

    it('accepts nicknames in any script', async () => {
      for (const nickname of ['Zoë', 'محمد', '李雷', 'José-María', "O'Brien", 'player_1']) {
        expect((await service.registerGuest(nickname)).ok).toBe(true);
      }
    });

    it('rejects nicknames that are empty, too long or carry control, invisible or markup characters', async () => {
      const before = await store.audit();
      const bad = [
        '',
        '   ',
        'x'.repeat(25),
        'nul\u0000',
        'zero\u200bwidth',
        'rtl\u202eevil',
        '<script>',
        '-dash',
        '😀',
      ];
      for (const nickname of bad) {
        expect(await service.registerGuest(nickname)).toMatchObject({
          ok: false,
          code: 'auth/invalid_nickname',
        });
      }
      expect((await store.audit()).granted).toBe(before.granted);
    });
  });

  describe('registration and login', () => {
    it('registers an account that can then log in with its password', async () => {
      const registered = await service.register('alice', 'open sesame', 'Alice');
      if (!registered.ok) throw new Error(registered.message);
      expect(registered.account).toMatchObject({ kind: 'registered', username: 'alice', nickname: 'Alice' });
      const login = await service.login('ALICE', 'open sesame');
      if (!login.ok) throw new Error(login.message);
      expect(login.account).toEqual(registered.account);
      expect((await service.verifyToken(login.token)).ok).toBe(true);
    });

    it('gives the same failure for an unknown username and for a wrong password', async () => {
      await service.register('bob', 'right password', 'Bob');
      const wrong = await service.login('bob', 'wrong password');
      const unknown = await service.login('nobody', 'right password');
      expect(wrong).toMatchObject({ ok: false, code: 'auth/invalid_credentials' });
      expect(unknown).toEqual(wrong);
      expect(await service.login('bob', '')).toEqual(wrong);
      expect(await service.login('', 'right password')).toEqual(wrong);
    });

    it('refuses a username already taken in any case', async () => {
      await service.register('Carol', 'password-1', 'Carol');
      expect(await service.register('carol', 'password-2', 'Imposter')).toMatchObject({
        ok: false,
        code: 'auth/username_taken',
      });
      expect((await service.login('carol', 'password-1')).ok).toBe(true);
    });

    it('validates username, password and nickname with their own codes', async () => {
      const cases: [string, string, string, string][] = [
        ['ab', 'long enough', 'Nick', 'auth/invalid_username'],
        ['has space', 'long enough', 'Nick', 'auth/invalid_username'],
        ['x'.repeat(25), 'long enough', 'Nick', 'auth/invalid_username'],
        ['.dot', 'long enough', 'Nick', 'auth/invalid_username'],
        ['dave', 'short', 'Nick', 'auth/invalid_password'],
        ['dave', 'p'.repeat(129), 'Nick', 'auth/invalid_password'],
        ['dave', 'tab\there-ok?', 'Nick', 'auth/invalid_password'],
        ['dave', 'long enough', '', 'auth/invalid_nickname'],
      ];
      for (const [username, password, nickname, code] of cases) {
        expect(await service.register(username, password, nickname)).toMatchObject({ ok: false, code });
      }
      expect(await store.findCredentials('dave')).toBeNull();
    });

    it('never returns or echoes a password or its hash', async () => {
      const password = 'super secret words';
      const results = [
        await service.register('erin', password, 'Erin'),
        await service.login('erin', password),
        await service.login('erin', `${password}!`),
        await service.register('erin', password, 'Erin'),
        await service.register('frank', 'short', 'Frank'),
      ];
      const text = JSON.stringify(results);
      expect(text).not.toContain(password);
      expect(text).not.toContain('short');
      expect(text).not.toContain('$scrypt$');
    });

    it('grants the starting chips once, however often the account logs in', async () => {
      const registered = await service.register('gina', 'password-1', 'Gina');
      if (!registered.ok) throw new Error(registered.message);
      await service.login('gina', 'password-1');
      await service.login('gina', 'password-1');
      expect(await store.balance(registered.account.id)).toBe(5_000);
      expect(await store.entries(registered.account.id, 10)).toHaveLength(1);
    });

    it('finishes an interrupted sign-up at login by granting the missing starting chips', async () => {
      // As if the process died between creating the account and granting its chips.
      const account = await store.createAccount({
        kind: 'registered',
        username: 'hank',
        nickname: 'Hank',
        passwordHash: await hashPassword('password-1', FAST),
      });
      expect(await store.balance(account.id)).toBe(0);
      expect((await service.login('hank', 'password-1')).ok).toBe(true);
      expect(await store.balance(account.id)).toBe(5_000);
    });

    it('does not grant again after the starting amount is reconfigured', async () => {
      const registered = await service.register('ivy', 'password-1', 'Ivy');
      if (!registered.ok) throw new Error(registered.message);
      const richer = new AccountsService({ store, tokens, startingChips: 9_000, scrypt: FAST });
      expect((await richer.login('ivy', 'password-1')).ok).toBe(true);
      expect(await store.balance(registered.account.id)).toBe(5_000);
    });
  });

  describe('tokens', () => {
    it('reports expired tokens and tokens for accounts that do not exist', async () => {
      const guest = await service.registerGuest('Jo');
      if (!guest.ok) throw new Error(guest.message);
      now += 3601_000;
      expect(await service.authenticate(guest.token)).toMatchObject({
        ok: false,
        code: 'auth/token_expired',
      });
      const ghost = await service.issueToken({ id: 'no-such-account', kind: 'guest' });
      expect(await service.authenticate(ghost.token)).toMatchObject({
        ok: false,
        code: 'auth/token_invalid',
      });
      expect(await service.authenticate('garbage')).toMatchObject({ ok: false, code: 'auth/token_invalid' });
    });

    it('can run without starting chips', async () => {
      const frugal = new AccountsService({ store, tokens, startingChips: 0, scrypt: FAST });
      const guest = await frugal.registerGuest('Kim');
      if (!guest.ok) throw new Error(guest.message);
      expect(await store.entries(guest.account.id, 10)).toEqual([]);
    });
  });
});
