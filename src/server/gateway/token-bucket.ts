// Token buckets: `ratePerSecond` on average, bursts up to `burst`, each take costing what it says
// (one message, or a frame's bytes). KeyedTokenBuckets keeps one bucket per key (an IP) for limits
// shared by all of a key's connections; it forgets buckets that have refilled, and never holds more
// than `maxKeys`, so a flood of distinct keys cannot grow it without bound.

export interface BucketLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export class TokenBucket {
  readonly #limit: BucketLimit;
  #tokens: number;
  #last: number;

  constructor(limit: BucketLimit, now: number) {
    this.#limit = limit;
    this.#tokens = limit.burst;
    this.#last = now;
  }

  /** Takes `cost` tokens if there are that many; false (nothing taken) otherwise. */
  take(now: number, cost = 1): boolean {
    this.#refill(now);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` tokens are there (0 if they are now). */
  waitFor(now: number, cost = 1): number {
    this.#refill(now);
    const missing = cost - this.#tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.#limit.ratePerSecond) * 1000);
  }

  /** True when the bucket is full again: forgetting it changes nothing. */
  full(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.#limit.burst;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#last = Math.max(this.#last, now);
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + elapsed * this.#limit.ratePerSecond);
  }
}

export class KeyedTokenBuckets {
  readonly #limit: BucketLimit;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(limit: BucketLimit, maxKeys = 100_000) {
    this.#limit = limit;
    this.#maxKeys = maxKeys;
  }

  take(key: string, now: number, cost = 1): boolean {
    return this.#bucket(key, now).take(now, cost);
  }

  waitFor(key: string, now: number, cost = 1): number {
    return this.#buckets.get(key)?.waitFor(now, cost) ?? 0;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (bucket) return bucket;
    if (this.#buckets.size >= this.#maxKeys) this.#prune(now);
    bucket = new TokenBucket(this.#limit, now);
    this.#buckets.set(key, bucket);
    return bucket;
  }

  /** Drops refilled buckets; if all are busy, the oldest keys (a flood of distinct keys). */
  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.full(now)) this.#buckets.delete(key);
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
