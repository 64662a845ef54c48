// What one IP may send across all of its connections: messages and bytes a second. A client under
// every per-connection limit could still open many connections and multiply its share of the
// node's CPU (issue 9: 40 connections of ~50 KB frames pushed /health past 8 s); this caps the
// total. Behind a proxy every client shares the proxy's address: raise these there.

import { KeyedTokenBuckets, type BucketLimit } from './token-bucket.js';

export interface IpBudgetLimits {
  readonly messages: BucketLimit;
  readonly bytes: BucketLimit;
}

export class IpBudget {
  readonly #messages: KeyedTokenBuckets;
  readonly #bytes: KeyedTokenBuckets;

  constructor(limits: IpBudgetLimits) {
    this.#messages = new KeyedTokenBuckets(limits.messages);
    this.#bytes = new KeyedTokenBuckets(limits.bytes);
  }

  /** One frame of `bytes` from `ip`: true if its address still has room for it (then it is charged). */
  take(ip: string, now: number, bytes: number): boolean {
    if (this.#messages.waitFor(ip, now) > 0 || this.#bytes.waitFor(ip, now, bytes) > 0) return false;
    return this.#messages.take(ip, now) && this.#bytes.take(ip, now, bytes);
  }
}
