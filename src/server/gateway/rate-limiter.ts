// The flood limits of one connection: messages per second and bytes per second, each a token
// bucket with a burst. A frame over either is refused (the client gets `rate/limited`) and counted
// as a strike; strikes drain at the message rate, so only sustained abuse adds up to `maxStrikes`
// and gets the connection closed. Limits on everything one IP sends across its connections sit
// beside this in IpBudget.

import { TokenBucket } from './token-bucket.js';

export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
  /** Frame bytes a second on average, and the burst (at least one frame of the largest size). */
  readonly bytesPerSecond: number;
  readonly byteBurst: number;
  readonly maxStrikes: number;
}

export type RateVerdict = 'allow' | 'refuse' | 'close';

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  #strikes = 0;
  #last: number;

  constructor(limit: RateLimit, now: number) {
    this.#limit = limit;
    this.#messages = new TokenBucket({ ratePerSecond: limit.ratePerSecond, burst: limit.burst }, now);
    this.#bytes = new TokenBucket({ ratePerSecond: limit.bytesPerSecond, burst: limit.byteBurst }, now);
    this.#last = now;
  }

  /** One frame of `bytes`: allowed only if both buckets have room (nothing is taken otherwise). */
  take(now: number, bytes = 0): RateVerdict {
    this.#drainStrikes(now);
    if (this.#messages.waitFor(now) === 0 && this.#bytes.waitFor(now, bytes) === 0) {
      this.#messages.take(now);
      this.#bytes.take(now, bytes);
      return 'allow';
    }
    return this.strike();
  }

  /** Counts a strike without a message (malformed frames, frames over a shared limit). */
  strike(weight = 1): RateVerdict {
    this.#strikes += weight;
    return this.#strikes >= this.#limit.maxStrikes ? 'close' : 'refuse';
  }

  #drainStrikes(now: number): void {
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#last = Math.max(this.#last, now);
    this.#strikes = Math.max(0, this.#strikes - elapsed * this.#limit.ratePerSecond);
  }
}
