// Hand histories are written in batches: every table ends a hand every ten or twenty seconds, and
// writing each one in its own transaction cost ~250 µs of the node's CPU on SQLite (kysely compiles
// and runs BEGIN, two inserts and COMMIT; the WAL takes a header and a page per dirty page), and a
// round trip per statement on PostgreSQL. Hands that end within one window share one transaction.
// A history is an outbox effect, not play: nobody waits on it but the table's next snapshot.

import type { HandHistory } from '../../ports/store.js';

interface Waiting {
  readonly hand: HandHistory;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** At most this many hands per transaction (well inside every driver's bound-parameter limit). */
const MAX_BATCH = 200;

export class HandBatch {
  readonly #write: (hands: readonly HandHistory[]) => Promise<void>;
  readonly #windowMs: number;
  #waiting: Waiting[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> = Promise.resolve();

  /** `windowMs`: how long the first hand of a batch waits for others (0: the next event-loop turn). */
  constructor(write: (hands: readonly HandHistory[]) => Promise<void>, windowMs: number) {
    this.#write = write;
    this.#windowMs = windowMs;
  }

  /** Resolves once the transaction holding `hand` has committed; rejects if that transaction failed. */
  save(hand: HandHistory): Promise<void> {
    if (!Number.isSafeInteger(hand.hand))
      return Promise.reject(new RangeError(`hand number must be an integer, got ${hand.hand}`));
    return new Promise((resolve, reject) => {
      this.#waiting.push({ hand, resolve, reject });
      if (this.#waiting.length >= MAX_BATCH) this.#flushNow();
      else this.#timer ??= setTimeout(() => this.#flushNow(), this.#windowMs);
    });
  }

  /** Writes whatever is waiting and resolves when every batch started so far has settled. */
  async flush(): Promise<void> {
    this.#flushNow();
    await this.#writing;
  }

  #flushNow(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length === 0) return;
    // One transaction at a time: the Store's SQLite connection holds one, and in order is simpler
    // to reason about on PostgreSQL too.
    this.#writing = this.#writing.then(async () => {
      try {
        await this.#write(batch.map((w) => w.hand));
        for (const w of batch) w.resolve();
      } catch (error) {
        // Every hand of a failed batch is refused; each table's effect queue retries its own.
        for (const w of batch) w.reject(error);
      }
    });
  }
}
