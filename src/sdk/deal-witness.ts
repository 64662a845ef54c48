// What this client was told about each hand's deal before it was dealt: the commitment a view or
// an event carried (views and events of both games carry `deal`, docs/fair-deals.md). A record's
// reveal only proves something to a player when its commitment is the one they received before
// the first card: `verifyHand(record, { commitment })` checks exactly that.

/** Hands remembered per table: a long session's history panel reaches back about this far. */
const KEPT = 200;

export class DealWitness {
  readonly #seen = new Map<number, string>();

  /** Notes the commitment a view carries (the running hand's, or the next one's). The first seen wins. */
  noteView(view: unknown): void {
    if (typeof view !== 'object' || view === null) return;
    const deal = (view as { deal?: unknown }).deal;
    if (typeof deal !== 'object' || deal === null) return;
    const { hand, commitment } = deal as { hand?: unknown; commitment?: unknown };
    if (typeof hand !== 'number' || typeof commitment !== 'string' || this.#seen.has(hand)) return;
    this.#seen.set(hand, commitment);
    if (this.#seen.size > KEPT) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
  }

  /** The commitment this client was told for `hand` before or as it began, if it saw one. */
  commitmentFor(hand: number): string | undefined {
    return this.#seen.get(hand);
  }
}
