// Session tokens: compact JWTs signed with HS256 (jose) under a server secret from config.
// Claims: sub = account id, kind = account kind, iss = aud = "pitboss", iat, exp (seconds).
// Nothing secret goes into a token — it is only signed, not encrypted — and verification never
// throws: it returns a typed result the gateway can turn into a protocol error.

import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { AccountKind } from '../ports/store.js';

const ISSUER = 'pitboss';
const AUDIENCE = 'pitboss';
/** Far longer than any real token; refuses to parse arbitrarily large input. */
const MAX_TOKEN_LENGTH = 4096;

export interface SessionTokenOptions {
  /** At least 32 bytes (256 bits), as HS256 wants. A string is used as its UTF-8 bytes. */
  readonly secret: string | Uint8Array;
  /** Token lifetime (default 24 hours). */
  readonly ttlSeconds?: number;
  /** Milliseconds since the epoch (default Date.now); injected so tests control expiry. */
  readonly now?: () => number;
}

export interface TokenClaims {
  readonly accountId: string;
  readonly kind: AccountKind;
  /** Seconds since the epoch. */
  readonly issuedAt: number;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type TokenVerification =
  | { readonly ok: true; readonly claims: TokenClaims }
  | {
      readonly ok: false;
      readonly code: 'auth/token_expired' | 'auth/token_invalid';
      readonly message: string;
    };

const claimsSchema = z.object({
  sub: z.string().min(1),
  kind: z.enum(['guest', 'registered', 'bot']),
  iat: z.number().int(),
  exp: z.number().int(),
});

export class SessionTokens {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: SessionTokenOptions) {
    this.key = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
    if (this.key.length < 32) throw new RangeError('the token secret must be at least 32 bytes');
    this.ttlSeconds = options.ttlSeconds ?? 24 * 60 * 60;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds <= 0)
      throw new RangeError('ttlSeconds must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  async issue(account: {
    readonly id: string;
    readonly kind: AccountKind;
  }): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ kind: account.kind })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: unknown): Promise<TokenVerification> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, code: 'auth/token_invalid', message: 'malformed token' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'iat', 'exp'],
        currentDate: new Date(this.now()),
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success)
        return { ok: false, code: 'auth/token_invalid', message: 'token claims are malformed' };
      const { sub, kind, iat, exp } = claims.data;
      return { ok: true, claims: { accountId: sub, kind, issuedAt: iat, expiresAt: exp } };
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        return { ok: false, code: 'auth/token_expired', message: 'token has expired' };
      return { ok: false, code: 'auth/token_invalid', message: 'token is not valid' };
    }
  }
}
