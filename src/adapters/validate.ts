// Helpers shared by the adapters. A bad epoch or seq is a bug in the caller, not a storage
// condition, so the checks throw RangeError/TypeError rather than a PortError.

/**
 * Runs synchronous adapter work and reports the outcome as a promise, so that every failure —
 * argument errors included — reaches the caller as a rejection, never as a synchronous throw.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function checkEpoch(epoch: number): void {
  if (!Number.isSafeInteger(epoch) || epoch < 0)
    throw new RangeError(`epoch must be an integer ≥ 0, got ${epoch}`);
}

export function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`seq must be an integer ≥ 0, got ${seq}`);
}

export function checkAppendArgs(epoch: number, nextSeq: number, records: readonly string[]): void {
  checkEpoch(epoch);
  if (!Number.isSafeInteger(nextSeq) || nextSeq < 1) {
    throw new RangeError(`nextSeq must be an integer ≥ 1, got ${nextSeq}`);
  }
  for (const record of records) {
    if (typeof record !== 'string') throw new TypeError('log records must be strings');
  }
}

/** A lease holder is a non-empty name; its time to live a positive whole number of ms. */
export function checkLease(holder: string, ttlMs: number): void {
  if (typeof holder !== 'string' || holder.length === 0) throw new TypeError('a lease holder needs a name');
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be > 0, got ${ttlMs}`);
}

/** How many entries to keep or return: a whole number ≥ 1. */
export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
}

/** A recorded count at a moment: both whole numbers ≥ 0; the window to keep a whole number > 0 of ms. */
export function checkCountAt(at: number, count: number, keepMs: number): void {
  if (!Number.isSafeInteger(at) || at < 0) throw new RangeError(`at must be an integer ≥ 0, got ${at}`);
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`a count must be an integer ≥ 0, got ${count}`);
  if (!Number.isSafeInteger(keepMs) || keepMs <= 0) throw new RangeError(`keepMs must be > 0, got ${keepMs}`);
}
