// The last N raw events of a table, so a client that reconnects can be sent exactly what it
// missed. Raw (unprojected) events are kept; they are projected for the resuming viewer on demand.

export class EventRing<E> {
  readonly #items: (E | undefined)[];
  #lastSeq = 0;

  constructor(readonly capacity: number) {
    this.#items = new Array<E | undefined>(capacity);
  }

  /** Seq of the newest event pushed (0 if none). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Restarts numbering after recovery: the next push gets `lastSeq + 1`. */
  reset(lastSeq: number): void {
    this.#lastSeq = lastSeq;
    this.#items.fill(undefined);
  }

  push(event: E): number {
    this.#lastSeq += 1;
    this.#items[this.#lastSeq % this.capacity] = event;
    return this.#lastSeq;
  }

  /**
   * Events with seq > `since`, oldest first, or null when some of them are no longer held (the
   * caller then sends a fresh view instead).
   */
  since(since: number): { seq: number; event: E }[] | null {
    if (since > this.#lastSeq || since < 0) return null;
    if (this.#lastSeq - since > this.capacity) return null;
    const out: { seq: number; event: E }[] = [];
    for (let seq = since + 1; seq <= this.#lastSeq; seq++) {
      const event = this.#items[seq % this.capacity];
      if (event === undefined) return null;
      out.push({ seq, event });
    }
    return out;
  }
}
