// Password guessing, slowed down: failed logins are counted per username and per IP. After a few
// free failures each further one doubles the wait before the next attempt from that username (or
// IP) is even checked, up to a cap; a success clears the username's count. A throttled attempt is
// refused before any password work, the same way for a name that exists and one that does not, so
// the refusal says nothing about which names exist (unknown names are hashed against a decoy for
// the same reason).

export interface LoginThrottleLimits {
  /** Failures per username before waits begin. */
  readonly freeFailuresPerAccount: number;
  /** Failures per IP before waits begin (several people may share an address). */
  readonly freeFailuresPerIp: number;
  /** The longest wait, in ms. */
  readonly maxBackoffMs: number;
  /** A key with no failure for this long starts over. */
  readonly forgetAfterMs: number;
}

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

const BASE_BACKOFF_MS = 1000;
const MAX_KEYS = 100_000;

export class LoginThrottle {
  readonly #limits: LoginThrottleLimits;
  readonly #failures = new Map<string, Failures>();

  constructor(limits: LoginThrottleLimits) {
    this.#limits = limits;
  }

  /** Milliseconds before this username may try again from this IP (0: now). */
  waitMs(username: string, ip: string, now: number): number {
    return Math.max(this.#wait(accountKey(username), now), this.#wait(ipKey(ip), now));
  }

  failed(username: string, ip: string, now: number): void {
    this.#fail(accountKey(username), this.#limits.freeFailuresPerAccount, now);
    this.#fail(ipKey(ip), this.#limits.freeFailuresPerIp, now);
  }

  succeeded(username: string): void {
    this.#failures.delete(accountKey(username));
  }

  #wait(key: string, now: number): number {
    const entry = this.#current(key, now);
    return entry ? Math.max(0, entry.blockedUntil - now) : 0;
  }

  #fail(key: string, free: number, now: number): void {
    const entry = this.#current(key, now) ?? { count: 0, last: now, blockedUntil: 0 };
    entry.count += 1;
    entry.last = now;
    const over = entry.count - free;
    if (over > 0) {
      const backoff = Math.min(this.#limits.maxBackoffMs, BASE_BACKOFF_MS * 2 ** Math.min(over - 1, 30));
      entry.blockedUntil = now + backoff;
    }
    this.#failures.delete(key);
    this.#failures.set(key, entry);
    if (this.#failures.size > MAX_KEYS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  #current(key: string, now: number): Failures | undefined {
    const entry = this.#failures.get(key);
    if (entry && now - entry.last > this.#limits.forgetAfterMs && now >= entry.blockedUntil) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }
}

function accountKey(username: string): string {
  return `u:${username.toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
