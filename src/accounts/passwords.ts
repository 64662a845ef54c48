// Password hashing with scrypt from Node's crypto (memory-hard, no native add-on). Hashes are
// PHC-style strings that carry their own parameters and salt:
//   $scrypt$ln=15,r=8,p=1$<salt, base64>$<key, base64>
// so the cost can be raised later and old hashes still verify (see needsRehash).

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly ln: number;
  /** Block size. Memory used is 128 · N · r bytes. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

/**
 * N = 2^15, r = 8, p = 1: 128 · 32768 · 8 = 32 MiB per hash, the OWASP-recommended floor for
 * scrypt, taking ~50–100 ms of one libuv thread on a modern core (docs/storage.md has the number
 * measured here). The memory, not the time, is what makes GPU/ASIC guessing expensive.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({
  ln: 15,
  r: 8,
  p: 1,
  saltBytes: 16,
  keyBytes: 32,
});

/** Verification refuses parameters beyond these, so a forged hash string cannot make us burn a GiB. */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [8, 64], keyBytes: [16, 64] } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyBytes: number,
  params: ScryptParams,
): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function withinLimits(params: ScryptParams): boolean {
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    const value = params[name as keyof ScryptParams];
    if (!Number.isInteger(value) || value < min || value > max) return false;
  }
  return 128 * 2 ** params.ln * params.r <= MAX_MEMORY_BYTES;
}

/**
 * Hashes a password with a fresh random salt. The password is NFKC-normalized first, so the same
 * password typed with composed or decomposed accents verifies either way.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  if (!withinLimits(params)) throw new RangeError('scrypt parameters out of the supported range');
  const salt = randomBytes(params.saltBytes);
  const key = await scryptAsync(password, salt, params.keyBytes, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const HASH_FORMAT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function parseHash(stored: string): ParsedHash | null {
  const match = HASH_FORMAT.exec(stored);
  if (!match) return null;
  const [, ln, r, p, salt64, key64] = match;
  const salt = Buffer.from(salt64 ?? '', 'base64');
  const key = Buffer.from(key64 ?? '', 'base64');
  const params = { ln: Number(ln), r: Number(r), p: Number(p), saltBytes: salt.length, keyBytes: key.length };
  return withinLimits(params) ? { params, salt, key } : null;
}

/**
 * True when `password` matches `stored`. Never throws: a malformed, truncated or out-of-range
 * hash, or any scrypt failure, is simply "no match". The comparison is constant-time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  try {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    const key = await scryptAsync(password, parsed.salt, parsed.key.length, parsed.params);
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

/** True when `stored` was made with weaker parameters than `params` (or cannot be read). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const p = parsed.params;
  return (
    p.ln < params.ln ||
    p.r < params.r ||
    p.p < params.p ||
    p.keyBytes < params.keyBytes ||
    p.saltBytes < params.saltBytes
  );
}
