import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptParams,
} from '../../src/accounts/passwords.js';

// Cheap parameters (1 MiB) keep the suite fast; one test below uses the real defaults.
const FAST: ScryptParams = { ln: 10, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one, with the default 32 MiB parameters', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('salts every hash, so one password hashes differently each time and both verify', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies any password against its own hash and no other password', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (pw, other) => {
          fc.pre(pw.normalize('NFKC') !== other.normalize('NFKC'));
          const hash = await hashPassword(pw, FAST);
          expect(await verifyPassword(pw, hash)).toBe(true);
          expect(await verifyPassword(other, hash)).toBe(false);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait', FAST);
    expect(await verifyPassword('cafe\u0301 au lait', hash)).toBe(true);
  });

  it('returns false, never throws, for malformed, foreign or hostile hash strings', async () => {
    const good = await hashPassword('pw123456', FAST);
    const [, , params, salt, key] = good.split('$');
    const hostile = [
      '',
      'not a hash',
      '$scrypt$',
      `$scrypt$${params}$${salt}`,
      `$scrypt$${params}$${salt}$`,
      `$scrypt$ln=30,r=8,p=1$${salt}$${key}`, // 128 GiB of work: refused, not attempted
      `$scrypt$ln=15,r=99,p=1$${salt}$${key}`,
      `$scrypt$ln=15,r=8,p=1$!!!$${key}`,
      `$scrypt$ln=10,r=8,p=1$${salt}$${key!.slice(0, 8)}`,
      `$argon2id$v=19$m=65536,t=3,p=4$${salt}$${key}`,
      `${good}$extra`,
    ];
    for (const stored of hostile) expect(await verifyPassword('pw123456', stored)).toBe(false);
    expect(await verifyPassword('pw123456', undefined as unknown as string)).toBe(false);
    expect(await verifyPassword(undefined as unknown as string, good)).toBe(false);
  });

  it('rejects a hash whose key was tampered with', async () => {
    const hash = await hashPassword('pw123456', FAST);
    const parts = hash.split('$');
    const key = Buffer.from(parts[4]!, 'base64');
    key[0]! ^= 1;
    parts[4] = key.toString('base64');
    expect(await verifyPassword('pw123456', parts.join('$'))).toBe(false);
  });

  it('says a hash needs rehashing when its parameters are weaker than the current ones', async () => {
    const weak = await hashPassword('pw123456', FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('refuses to hash with parameters outside the supported range', async () => {
    await expect(hashPassword('pw', { ...DEFAULT_SCRYPT_PARAMS, ln: 25 })).rejects.toBeInstanceOf(RangeError);
    await expect(hashPassword('pw', { ...DEFAULT_SCRYPT_PARAMS, saltBytes: 4 })).rejects.toBeInstanceOf(
      RangeError,
    );
  });
});
