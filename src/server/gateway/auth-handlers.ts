// hello and auth.*: protocol agreement, sign-up, sign-in and token authentication.

import { reject, type Rejection } from '../../games/contract.js';
import { CloseCode, ErrorCode, PROTOCOL_VERSION } from '../../protocol/codes.js';
import type { AccountInfo } from '../../protocol/messages.js';
import type { AuthFailure, AuthSuccess } from './auth-service.js';
import type { GatewayContext } from './gateway-context.js';
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
    return {
      protocol: PROTOCOL_VERSION,
      node: ctx.nodeId,
      heartbeatSeconds: ctx.heartbeatSeconds,
      bustedSeatSeconds: ctx.bustedSeatSeconds,
      account,
    };
  },

  async 'auth.guest'(session, req, ctx) {
    const limited = signupLimit(session, ctx);
    if (limited) return limited;
    return signedIn(session, await ctx.auth.guest(req.nickname));
  },

  async 'auth.register'(session, req, ctx) {
    const limited = signupLimit(session, ctx);
    if (limited) return limited;
    return signedIn(session, await ctx.auth.register(req.username, req.password, req.nickname));
  },

  async 'auth.login'(session, req, ctx) {
    const wait = ctx.loginThrottle.waitMs(req.username, session.ip, ctx.clock.now());
    if (wait > 0) {
      return reject(
        ErrorCode.loginThrottled,
        `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`,
      );
    }
    const result = await ctx.auth.login(req.username, req.password);
    if (result.ok) ctx.loginThrottle.succeeded(req.username);
    else if (result.code === ErrorCode.invalidCredentials)
      ctx.loginThrottle.failed(req.username, session.ip, ctx.clock.now());
    return signedIn(session, result);
  },

  async 'auth.token'(session, req, ctx) {
    const verified = await ctx.auth.verify(req.token);
    if (!verified.ok) return verified;
    session.authenticate(verified.account, verified.expiresAt);
    const balance = await ctx.store.balance(verified.account.id);
    return { account: session.accountInfo() as AccountInfo, balance };
  },
};

/** Every new account is granted chips: sign-ups per IP are limited before one is made. */
function signupLimit(session: Session, ctx: GatewayContext): Rejection | null {
  const now = ctx.clock.now();
  if (ctx.signups.take(session.ip, now)) return null;
  const wait = Math.ceil(ctx.signups.waitFor(session.ip, now) / 1000);
  return reject(ErrorCode.signupLimited, `too many new accounts from this address: try again in ${wait} s`);
}

function signedIn(session: Session, result: AuthSuccess | AuthFailure) {
  if (!result.ok) return result;
  session.authenticate(result.account, result.expiresAt);
  return { token: result.token, account: session.accountInfo() as AccountInfo, balance: result.balance };
}
