// The gateway's limits and throttles, built from the node's configuration in one place.

import type { Config } from '../config.js';
import type { GatewayLimits } from './gateway-context.js';
import { IpBudget } from './ip-budget.js';
import { LoginThrottle } from './login-throttle.js';
import { KeyedTokenBuckets } from './token-bucket.js';

export interface GatewayGuards {
  readonly limits: GatewayLimits;
  readonly ipBudget: IpBudget;
  readonly loginThrottle: LoginThrottle;
  readonly signups: KeyedTokenBuckets;
}

export function gatewayGuards(config: Config): GatewayGuards {
  const l = config.limits;
  return {
    limits: {
      maxFrameBytes: l.maxFrameBytes,
      rate: {
        ratePerSecond: l.messagesPerSecond,
        burst: l.messageBurst,
        bytesPerSecond: l.bytesPerSecond,
        byteBurst: l.byteBurst,
        maxStrikes: l.maxStrikes,
      },
      authTimeoutMs: l.authTimeoutMs,
      slowConsumerBytes: l.slowConsumerBytes,
      maxWatchedTables: l.maxWatchedTables,
    },
    ipBudget: new IpBudget({
      messages: { ratePerSecond: l.ipMessagesPerSecond, burst: l.ipMessageBurst },
      bytes: { ratePerSecond: l.ipBytesPerSecond, burst: l.ipByteBurst },
    }),
    loginThrottle: new LoginThrottle({
      freeFailuresPerAccount: l.loginFreeFailuresPerAccount,
      freeFailuresPerIp: l.loginFreeFailuresPerIp,
      maxBackoffMs: l.loginMaxBackoffSeconds * 1000,
      forgetAfterMs: 3600_000,
    }),
    signups: new KeyedTokenBuckets({
      ratePerSecond: l.signupsPerIpPerMinute / 60,
      burst: l.signupsPerIpPerMinute,
    }),
  };
}
