// The gateway's AuthService over the accounts module, built the same way whatever the adapters:
// session tokens signed with the node's (in a cluster: the cluster's) token secret.

import { AccountsService } from '../accounts/accounts-service.js';
import { SessionTokens } from '../accounts/tokens.js';
import type { Store } from '../ports/store.js';
import type { Config } from './config.js';
import type { AuthService } from './gateway/auth-service.js';
import { accountsAuth } from './gateway/accounts-auth.js';

export function createAuth(config: Config, tokenSecret: string, store: Store): AuthService {
  const tokens = new SessionTokens({ secret: tokenSecret, ttlSeconds: config.tokenTtlSeconds });
  const accounts = new AccountsService({ store, tokens, startingChips: config.startingChips });
  return accountsAuth(accounts, store);
}
