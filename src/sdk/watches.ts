// Which tables this client watches and the seq of the last event it delivered for each, so that
// consumers see every table's events exactly once and in order: duplicates are dropped, a gap
// asks for a re-watch from the last delivered seq, and a reconnect resumes from there.

/** What to do with a received `table.event`. */
export type EventVerdict =
  /** The next event: deliver it, after `skipped` seqs the server vouched it would not send. */
  | { readonly kind: 'deliver'; readonly skipped: number }
  /** Already delivered (a replay after a resume or a fresh view): drop it. */
  | { readonly kind: 'duplicate' }
  /** Events are missing before it: drop it and re-watch from the last delivered seq. */
  | { readonly kind: 'gap' }
  /** Not a table this client watches (any more): drop it. */
  | { readonly kind: 'unwatched' };

const DUPLICATE: EventVerdict = { kind: 'duplicate' };
const GAP: EventVerdict = { kind: 'gap' };
const UNWATCHED: EventVerdict = { kind: 'unwatched' };

interface Watch {
  /** Seq of the last view or event delivered; null until the first view arrives. */
  lastSeq: number | null;
  /** A re-watch is in flight: further gaps need no second one. */
  resyncing: boolean;
  /** A fresh view was asked for while a re-watch was in flight: ask again when it ends. */
  freshQueued: boolean;
  /**
   * The server just acked a resume from `lastSeq`, vouching that it sends every event after it
   * that this viewer may see. The next jump in seqs is then events not for us, not a loss. Used
   * once, so a server that really loses events still gets re-watched, and a re-watch loop ends.
   * Only good on the connection whose ack gave it: it ends when that connection does.
   */
  vouched: boolean;
}

export class WatchBook {
  readonly #watches = new Map<string, Watch>();

  has(table: string): boolean {
    return this.#watches.has(table);
  }

  /** Starts tracking `table` (no-op if tracked). Returns true if it was not tracked before. */
  add(table: string): boolean {
    if (this.#watches.has(table)) return false;
    this.#watches.set(table, { lastSeq: null, resyncing: false, freshQueued: false, vouched: false });
    return true;
  }

  delete(table: string): void {
    this.#watches.delete(table);
  }

  clear(): void {
    this.#watches.clear();
  }

  lastSeq(table: string): number | null {
    return this.#watches.get(table)?.lastSeq ?? null;
  }

  /** A full view as of `seq` replaces whatever was delivered before. */
  onView(table: string, seq: number): void {
    this.add(table);
    const watch = this.#watches.get(table);
    if (!watch) return;
    watch.lastSeq = seq;
    watch.vouched = false;
  }

  /** The server acked a resume of `table` from its last seq (see `Watch.vouched`). */
  vouch(table: string): void {
    const watch = this.#watches.get(table);
    if (watch) watch.vouched = true;
  }

  /** The connection that acked the resumes is gone: nothing sent on another one is vouched for. */
  forgetVouches(): void {
    for (const watch of this.#watches.values()) watch.vouched = false;
  }

  onEvent(table: string, seq: number): EventVerdict {
    const watch = this.#watches.get(table);
    if (!watch) return UNWATCHED;
    if (watch.lastSeq === null) return GAP;
    if (seq <= watch.lastSeq) return DUPLICATE;
    const skipped = seq - watch.lastSeq - 1;
    if (skipped > 0 && !watch.vouched) return GAP;
    watch.lastSeq = seq;
    watch.vouched = false;
    return { kind: 'deliver', skipped };
  }

  /**
   * Marks a re-watch of `table` as started and returns the `since` to send (undefined: ask for a
   * fresh view), or null when the table is not tracked or a re-watch is already in flight.
   */
  beginResync(table: string, fresh = false): { since: number | undefined } | null {
    const watch = this.#watches.get(table);
    if (!watch) return null;
    if (watch.resyncing) {
      // The re-watch in flight may resume from a seq the consumer can no longer build on.
      if (fresh) watch.freshQueued = true;
      return null;
    }
    watch.resyncing = true;
    watch.freshQueued = false;
    if (fresh) watch.lastSeq = null;
    return { since: watch.lastSeq ?? undefined };
  }

  /** The re-watch was answered. True when a fresh view was asked for meanwhile (re-watch again). */
  endResync(table: string): boolean {
    const watch = this.#watches.get(table);
    if (!watch) return false;
    watch.resyncing = false;
    const again = watch.freshQueued;
    watch.freshQueued = false;
    return again;
  }

  /** After a reconnect nothing is in flight; a queued fresh request is served by the restore. */
  resetResyncs(): void {
    for (const watch of this.#watches.values()) {
      watch.resyncing = false;
      if (watch.freshQueued) watch.lastSeq = null;
      watch.freshQueued = false;
    }
  }

  tables(): string[] {
    return [...this.#watches.keys()];
  }
}
