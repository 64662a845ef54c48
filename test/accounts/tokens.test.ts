import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SessionTokens } from '../../src/accounts/tokens.js';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!';
const T0 = Date.UTC(2030, 0, 1);

function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('session tokens', () => {
  it('issues a token that verifies to the account id, kind and lifetime', async () => {
    const time = clock();
    const tokens = new SessionTokens({ secret: SECRET, ttlSeconds: 3600, now: time.now });
    const { token, expiresAt } = await tokens.issue({ id: 'acct-1', kind: 'registered' });
    expect(expiresAt).toBe(T0 / 1000 + 3600);
    expect(await tokens.verify(token)).toEqual({
      ok: true,
      claims: { accountId: 'acct-1', kind: 'registered', issuedAt: T0 / 1000, expiresAt: T0 / 1000 + 3600 },
    });
  });

  it('reports an expired token as auth/token_expired', async () => {
    const time = clock();
    const tokens = new SessionTokens({ secret: SECRET, ttlSeconds: 60, now: time.now });
    const { token } = await tokens.issue({ id: 'acct-1', kind: 'guest' });
    time.advance(59_000);
    expect((await tokens.verify(token)).ok).toBe(true);
    time.advance(2_000);
    expect(await tokens.verify(token)).toMatchObject({ ok: false, code: 'auth/token_expired' });
  });

  it('rejects tokens signed with another secret or altered in transit', async () => {
    const tokens = new SessionTokens({ secret: SECRET });
    const other = new SessionTokens({ secret: 'another-secret-also-at-least-32-bytes!!' });
    const { token } = await other.issue({ id: 'acct-1', kind: 'guest' });
    expect(await tokens.verify(token)).toMatchObject({ ok: false, code: 'auth/token_invalid' });

    const mine = (await tokens.issue({ id: 'acct-1', kind: 'guest' })).token;
    const [header, payload, signature] = mine.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin' }),
    ).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toMatchObject({
      ok: false,
      code: 'auth/token_invalid',
    });
    expect(await tokens.verify(`${header}.${payload}.`)).toMatchObject({
      ok: false,
      code: 'auth/token_invalid',
    });
  });

  it('rejects an unsigned token (alg none)', async () => {
    const tokens = new SessionTokens({ secret: SECRET });
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'a', kind: 'guest', iss: 'pitboss', aud: 'pitboss', iat: now, exp: now + 60 })}.`;
    expect(await tokens.verify(unsigned)).toMatchObject({ ok: false, code: 'auth/token_invalid' });
  });

  it('rejects correctly signed tokens that are not Pitboss session tokens', async () => {
    const tokens = new SessionTokens({ secret: SECRET });
    const key = new TextEncoder().encode(SECRET);
    const base = () =>
      new SignJWT({ kind: 'guest' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h');
    const wrongIssuer = await base().setSubject('a').setIssuer('elsewhere').setAudience('pitboss').sign(key);
    const wrongAudience = await base()
      .setSubject('a')
      .setIssuer('pitboss')
      .setAudience('elsewhere')
      .sign(key);
    const noSubject = await base().setIssuer('pitboss').setAudience('pitboss').sign(key);
    const badKind = await new SignJWT({ kind: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer('pitboss')
      .setAudience('pitboss')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    for (const token of [wrongIssuer, wrongAudience, noSubject, badKind]) {
      expect(await tokens.verify(token)).toMatchObject({ ok: false, code: 'auth/token_invalid' });
    }
  });

  it('returns a typed failure, never throws, for input that is not a token at all', async () => {
    const tokens = new SessionTokens({ secret: SECRET });
    for (const input of ['', 'abc', 'a.b.c', 'x'.repeat(10_000), 42, null, undefined, { token: 'x' }]) {
      expect(await tokens.verify(input)).toMatchObject({ ok: false, code: 'auth/token_invalid' });
    }
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new SessionTokens({ secret: 'short' })).toThrow(RangeError);
    expect(() => new SessionTokens({ secret: SECRET, ttlSeconds: 0 })).toThrow(RangeError);
  });
});
