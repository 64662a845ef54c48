// The accounts service: guest and registered sign-up, login, and session tokens, over the Store's
// AccountStore and Wallet ports. User mistakes come back as typed failures ({ ok: false, code,
// message }); only infrastructure failures (the store is down) reject. Passwords and hashes never
// leave this file except as the hash handed to the store.

import { randomBytes } from 'node:crypto';
import { ConflictError } from '../ports/errors.js';
import type { Account, AccountStore, Wallet } from '../ports/store.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './passwords.js';
import type { SessionTokens, TokenVerification } from './tokens.js';
import {
  authFailure,
  firstIssue,
  nicknameSchema,
  passwordSchema,
  usernameSchema,
  type AuthFailure,
} from './validation.js';

export interface Session {
  readonly ok: true;
  readonly account: Account;
  readonly token: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export interface AccountsServiceOptions {
  readonly store: AccountStore & Wallet;
  readonly tokens: SessionTokens;
  /** Chips granted to every new account, guest or registered (default 10,000; 0 for none). */
  readonly startingChips?: number;
  readonly scrypt?: ScryptParams;
}

export class AccountsService {
  private readonly store: AccountStore & Wallet;
  private readonly tokens: SessionTokens;
  private readonly startingChips: number;
  private readonly scrypt: ScryptParams;
  /** A real hash of a random password, verified against when a username is unknown so that
   * "no such user" and "wrong password" take the same time. Made on first use. */
  private decoyHash: Promise<string> | undefined;

  constructor(options: AccountsServiceOptions) {
    this.store = options.store;
    this.tokens = options.tokens;
    this.startingChips = options.startingChips ?? 10_000;
    if (!Number.isSafeInteger(this.startingChips) || this.startingChips < 0) {
      throw new RangeError('startingChips must be a non-negative integer');
    }
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  }

  async registerGuest(nickname: string): Promise<Session | AuthFailure> {
    const nick = nicknameSchema.safeParse(nickname);
    if (!nick.success) return authFailure('auth/invalid_nickname', firstIssue(nick.error));
    const account = await this.store.createAccount({ kind: 'guest', nickname: nick.data });
    await this.grantStartingChips(account);
    return this.session(account);
  }

  async register(username: string, password: string, nickname: string): Promise<Session | AuthFailure> {
    const user = usernameSchema.safeParse(username);
    if (!user.success) return authFailure('auth/invalid_username', firstIssue(user.error));
    const pass = passwordSchema.safeParse(password);
    if (!pass.success) return authFailure('auth/invalid_password', firstIssue(pass.error));
    const nick = nicknameSchema.safeParse(nickname);
    if (!nick.success) return authFailure('auth/invalid_nickname', firstIssue(nick.error));
    const passwordHash = await hashPassword(pass.data, this.scrypt);
    let account: Account;
    try {
      account = await this.store.createAccount({
        kind: 'registered',
        username: user.data,
        nickname: nick.data,
        passwordHash,
      });
    } catch (error) {
      if (error instanceof ConflictError) return authFailure('auth/username_taken', 'that username is taken');
      throw error;
    }
    await this.grantStartingChips(account);
    return this.session(account);
  }

  /** Unknown username and wrong password are the same failure, in content and in time. */
  async login(username: string, password: string): Promise<Session | AuthFailure> {
    const invalid = authFailure('auth/invalid_credentials', 'unknown username or wrong password');
    const pass = passwordSchema.safeParse(password);
    if (!usernameSchema.safeParse(username).success || !pass.success) return invalid;
    const found = await this.store.findCredentials(username);
    if (!found) {
      await verifyPassword(pass.data, await this.decoy());
      return invalid;
    }
    if (!(await verifyPassword(pass.data, found.passwordHash))) return invalid;
    // Finishes a sign-up that stopped between creating the account and granting its chips.
    await this.grantStartingChips(found.account);
    return this.session(found.account);
  }

  issueToken(account: Pick<Account, 'id' | 'kind'>): Promise<{ token: string; expiresAt: number }> {
    return this.tokens.issue(account);
  }

  /** Checks signature and expiry only; see authenticate() to also require the account to exist. */
  verifyToken(token: unknown): Promise<TokenVerification> {
    return this.tokens.verify(token);
  }

  /** The account a token speaks for, if the token is valid and the account still exists. */
  async authenticate(token: unknown): Promise<{ ok: true; account: Account } | AuthFailure> {
    const verified = await this.tokens.verify(token);
    if (!verified.ok) return authFailure(verified.code, verified.message);
    const account = await this.store.getAccount(verified.claims.accountId);
    if (!account) return authFailure('auth/token_invalid', 'the account for this token no longer exists');
    return { ok: true, account };
  }

  private async session(account: Account): Promise<Session> {
    const { token, expiresAt } = await this.tokens.issue(account);
    return { ok: true, account, token, expiresAt };
  }

  /** Idempotent by request id, so retrying or finishing an interrupted sign-up never pays twice. */
  private async grantStartingChips(account: Account): Promise<void> {
    if (this.startingChips === 0) return;
    try {
      await this.store.grant(`signup:${account.id}`, account.id, this.startingChips);
    } catch (error) {
      // The grant was made earlier under a different startingChips setting: already paid.
      if (error instanceof ConflictError) return;
      throw error;
    }
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomBytes(24).toString('base64'), this.scrypt);
    return this.decoyHash;
  }
}
