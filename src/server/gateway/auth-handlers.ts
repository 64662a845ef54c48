// hello and auth.*: protocol agreement, sign-up, sign-in and token authentication.

import { reject } from '../../games/contract.js';
import { CloseCode, ErrorCode, PROTOCOL_VERSION } from '../../protocol/codes.js';
import type { AccountInfo } from '../../protocol/messages.js';
import type { AuthFailure, AuthSuccess } from './auth-service.js';
import type { HandlerMap } from './handlers.js';
import type { Session } from './session.js';

type AuthTypes = 'hello' | 'auth.guest' | 'auth.register' | 'auth.login' | 'auth.token';

export const authHandlers: HandlerMap<AuthTypes> = {
  async hello(session, req, ctx) {
    if (session.helloDone) return reject(ErrorCode.invalidMessage, 'hello was already received');
    if (!req.protocols.includes(PROTOCOL_VERSION)) {
      // Reply first, then close: the client learns why.
      setImmediate(() => session.close(CloseCode.protocolError, 'no common protocol version'));
      return reject(ErrorCode.unsupportedVersion, `this server speaks protocol ${PROTOCOL_VERSION}`);
    }
    session.completeHello();
    let account: AccountInfo | null = null;
    if (req.token !== undefined) {
      const verified = await ctx.auth.verify(req.token);
      if (!verified.ok) return verified;
      session.authenticate(verified.account, verified.expiresAt);
      account = session.accountInfo();
    }
    return { protocol: PROTOCOL_VERSION, node: ctx.nodeId, heartbeatSeconds: ctx.heartbeatSeconds, account };
  },

  async 'auth.guest'(session, req, ctx) {
    return signedIn(session, await ctx.auth.guest(req.nickname));
  },

  async 'auth.register'(session, req, ctx) {
    return signedIn(session, await ctx.auth.register(req.username, req.password, req.nickname));
  },

  async 'auth.login'(session, req, ctx) {
    return signedIn(session, await ctx.auth.login(req.username, req.password));
  },

  async 'auth.token'(session, req, ctx) {
    const verified = await ctx.auth.verify(req.token);
    if (!verified.ok) return verified;
    session.authenticate(verified.account, verified.expiresAt);
    const balance = await ctx.store.balance(verified.account.id);
    return { account: session.accountInfo() as AccountInfo, balance };
  },
};

function signedIn(session: Session, result: AuthSuccess | AuthFailure) {
  if (!result.ok) return result;
  session.authenticate(result.account, result.expiresAt);
  return { token: result.token, account: session.accountInfo() as AccountInfo, balance: result.balance };
}
