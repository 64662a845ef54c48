// Reconnect delays: exponential growth, capped, with jitter so that thousands of clients dropped
// by one node restart do not all come back in the same millisecond.

export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly initialDelayMs: number;
  /** Upper bound of any delay, in ms. */
  readonly maxDelayMs: number;
  /** Growth per attempt (≥ 1). */
  readonly factor: number;
  /** Fraction (0–1) of each delay that is randomized: the delay lies in [base·(1−jitter), base]. */
  readonly jitter: number;
}

/** The delay before retry number `attempt` (0-based). `random` returns values in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const grown = options.initialDelayMs * Math.max(1, options.factor) ** Math.max(0, attempt);
  // Past ~1,000 attempts `grown` overflows to Infinity (or NaN when the initial delay is 0).
  const base = options.initialDelayMs <= 0 ? 0 : Math.min(options.maxDelayMs, grown);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.max(0, Math.round(base * (1 - jitter * random())));
}
