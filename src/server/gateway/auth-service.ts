// What the gateway needs from accounts: sign-up and sign-in that end in a session token, and token
// verification. Implemented over src/accounts by AccountsAuth (accounts-auth.ts).

import type { Rejection } from '../../games/contract.js';
import type { Account } from '../../ports/store.js';

/** A typed `auth/…` rejection. */
export type AuthFailure = Rejection;

export type AuthSuccess = {
  readonly ok: true;
  readonly account: Account;
  readonly token: string;
  /** When the token expires, epoch ms. */
  readonly expiresAt: number;
  readonly balance: number;
};

export type VerifiedToken = { readonly ok: true; readonly account: Account; readonly expiresAt: number };

export interface AuthService {
  guest(nickname: string): Promise<AuthSuccess | AuthFailure>;
  register(username: string, password: string, nickname?: string): Promise<AuthSuccess | AuthFailure>;
  login(username: string, password: string): Promise<AuthSuccess | AuthFailure>;
  verify(token: string): Promise<VerifiedToken | AuthFailure>;
}
