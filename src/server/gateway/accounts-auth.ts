// The gateway's AuthService over the accounts module: sessions become the gateway's shape, token
// times become milliseconds, and a sign-in also reports the wallet balance.

import type { AccountsService } from '../../accounts/accounts-service.js';
import type { AccountStore, Wallet } from '../../ports/store.js';
import type { AuthService, AuthSuccess } from './auth-service.js';

export function accountsAuth(
  accounts: AccountsService,
  store: Pick<Wallet, 'balance'> & Pick<AccountStore, 'getAccount'>,
): AuthService {
  const signedIn = async (
    result: Awaited<ReturnType<AccountsService['login']>>,
  ): Promise<AuthSuccess | Exclude<typeof result, { ok: true }>> => {
    if (!result.ok) return result;
    const balance = await store.balance(result.account.id);
    return {
      ok: true,
      account: result.account,
      token: result.token,
      expiresAt: result.expiresAt * 1000,
      balance,
    };
  };
  return {
    guest: async (nickname) => signedIn(await accounts.registerGuest(nickname)),
    register: async (username, password, nickname) =>
      signedIn(await accounts.register(username, password, nickname ?? username)),
    login: async (username, password) => signedIn(await accounts.login(username, password)),
    async verify(token) {
      const verified = await accounts.verifyToken(token);
      if (!verified.ok) return verified;
      const account = await store.getAccount(verified.claims.accountId);
      if (!account)
        return {
          ok: false,
          code: 'auth/token_invalid',
          message: 'the account for this token no longer exists',
        };
      return { ok: true, account, expiresAt: verified.claims.expiresAt * 1000 };
    },
  };
}
