// Which tables this client watches and the seq of the last event it delivered for each, so that
// consumers see every table's events exactly once and in order: duplicates are dropped, a gap
// asks for a re-watch from the last delivered seq, and a reconnect resumes from there.

/** What to do with a received `table.event`. */
export type EventVerdict =
  /** The next event: deliver it. */
  | 'deliver'
  /** Already delivered (a replay after a resume or a fresh view): drop it. */
  | 'duplicate'
  /** Events are missing before it: drop it and re-watch from the last delivered seq. */
  | 'gap'
  /** Not a table this client watches (any more): drop it. */
  | 'unwatched';

interface Watch {
  /** Seq of the last view or event delivered; null until the first view arrives. */
  lastSeq: number | null;
  /** A re-watch is in flight: further gaps need no second one. */
  resyncing: boolean;
}

export class WatchBook {
  readonly #watches = new Map<string, Watch>();

  has(table: string): boolean {
    return this.#watches.has(table);
  }

  /** Starts tracking `table` (no-op if tracked). Returns true if it was not tracked before. */
  add(table: string): boolean {
    if (this.#watches.has(table)) return false;
    this.#watches.set(table, { lastSeq: null, resyncing: false });
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
    if (watch) watch.lastSeq = seq;
  }

  onEvent(table: string, seq: number): EventVerdict {
    const watch = this.#watches.get(table);
    if (!watch) return 'unwatched';
    if (watch.lastSeq === null) return 'gap';
    if (seq <= watch.lastSeq) return 'duplicate';
    if (seq > watch.lastSeq + 1) return 'gap';
    watch.lastSeq = seq;
    return 'deliver';
  }

  /**
   * Marks a re-watch of `table` as started and returns the `since` to send (undefined: ask for a
   * fresh view), or null when the table is not tracked or a re-watch is already in flight.
   */
  beginResync(table: string, fresh = false): { since: number | undefined } | null {
    const watch = this.#watches.get(table);
    if (!watch || watch.resyncing) return null;
    watch.resyncing = true;
    if (fresh) watch.lastSeq = null;
    return { since: watch.lastSeq ?? undefined };
  }

  endResync(table: string): void {
    const watch = this.#watches.get(table);
    if (watch) watch.resyncing = false;
  }

  /** After a reconnect: nothing is in flight on the new connection. */
  resetResyncs(): void {
    for (const watch of this.#watches.values()) watch.resyncing = false;
  }

  tables(): string[] {
    return [...this.#watches.keys()];
  }
}
