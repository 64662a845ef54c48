// A token bucket per connection: `ratePerSecond` messages a second on average, bursts up to
// `burst`. Messages over the limit are refused (the client gets `rate/limited`) and counted as
// strikes; strikes drain at the same rate as tokens refill, so only sustained abuse adds up to
// `maxStrikes` and gets the connection closed.

export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly maxStrikes: number;
}

export type RateVerdict = 'allow' | 'refuse' | 'close';

export class RateLimiter {
  readonly #limit: RateLimit;
  #tokens: number;
  #strikes = 0;
  #last: number;

  constructor(limit: RateLimit, now: number) {
    this.#limit = limit;
    this.#tokens = limit.burst;
    this.#last = now;
  }

  take(now: number): RateVerdict {
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#last = now;
    const refill = elapsed * this.#limit.ratePerSecond;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + refill);
    this.#strikes = Math.max(0, this.#strikes - refill);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 'allow';
    }
    return this.strike();
  }

  /** Counts a strike without a message (malformed frames count against the sender too). */
  strike(weight = 1): RateVerdict {
    this.#strikes += weight;
    return this.#strikes >= this.#limit.maxStrikes ? 'close' : 'refuse';
  }
}
