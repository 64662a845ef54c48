// The gateway's throttles in isolation, on a clock the test moves: token buckets (per connection
// and per key) and the login backoff.

import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/server/gateway/login-throttle.js';
import { RateLimiter } from '../../src/server/gateway/rate-limiter.js';
import { KeyedTokenBuckets, TokenBucket } from '../../src/server/gateway/token-bucket.js';

describe('token buckets', () => {
  it('allow a burst, then the rate, and charge nothing for a refused take', () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.waitFor(0)).toBe(100);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100, 5)).toBe(false);
    expect(bucket.take(400, 3)).toBe(true);
  });

  it('keep one bucket per key, bounded in number', () => {
    const buckets = new KeyedTokenBuckets({ ratePerSecond: 1, burst: 1 }, 100);
    expect(buckets.take('a', 0)).toBe(true);
    expect(buckets.take('a', 0)).toBe(false);
    expect(buckets.take('b', 0)).toBe(true);
    for (let i = 0; i < 1000; i++) buckets.take(`k${i}`, 0);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});

describe('a connection’s rate limiter', () => {
  it('refuses a frame over the byte budget without spending its message token', () => {
    const limiter = new RateLimiter(
      { ratePerSecond: 10, burst: 2, bytesPerSecond: 1000, byteBurst: 1000, maxStrikes: 3 },
      0,
    );
    expect(limiter.take(0, 900)).toBe('allow');
    expect(limiter.take(0, 900)).toBe('refuse');
    expect(limiter.take(0, 50)).toBe('allow');
    expect(limiter.take(0, 10)).toBe('refuse');
    expect(limiter.take(0, 10)).toBe('close');
  });
});

describe('the login throttle', () => {
  const limits = {
    freeFailuresPerAccount: 2,
    freeFailuresPerIp: 5,
    maxBackoffMs: 8000,
    forgetAfterMs: 60_000,
  };

  it('doubles the wait per failure past the free ones, up to the cap, per username', () => {
    const t = new LoginThrottle(limits);
    t.failed('Ann', 'ip1', 0);
    t.failed('ann', 'ip1', 0);
    expect(t.waitMs('ANN', 'ip1', 0)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      t.failed('ann', `ip${i + 2}`, 0);
      waits.push(t.waitMs('ann', 'elsewhere', 0));
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(t.waitMs('bob', 'elsewhere', 0)).toBe(0);
    t.succeeded('ann');
    expect(t.waitMs('ann', 'elsewhere', 0)).toBe(0);
  });

  it('throttles an IP guessing many usernames', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 6; i++) t.failed(`user${i}`, 'ip1', 0);
    expect(t.waitMs('someone-new', 'ip1', 0)).toBe(1000);
    expect(t.waitMs('someone-new', 'ip2', 0)).toBe(0);
  });

  it('forgets a key once it has been quiet long enough', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('ann', 'ip1', 0);
    expect(t.waitMs('ann', 'ip9', 500)).toBe(500);
    t.failed('ann', 'ip1', 70_000);
    expect(t.waitMs('ann', 'ip9', 70_000)).toBe(0);
  });
});
