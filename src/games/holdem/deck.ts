// The deck: a fresh shuffle from the table's RNG, or an explicit order for scripted tests.
//
// Dealing order (what a stacked deck must follow): hole cards one at a time, clockwise, starting
// with the first dealt-in player left of the button (heads-up: the big blind), two rounds; then for
// each street one burn card followed by the flop's three cards, the turn, the river.

import { FULL_DECK, isCard, type Card } from '../cards.js';
import { Rng, type RngState } from '../rng.js';

/** A full deck order: exactly 52 distinct cards, or null. */
export function parseFullDeck(input: unknown): Card[] | null {
  if (!Array.isArray(input) || input.length !== FULL_DECK.length) return null;
  const seen = new Set<string>();
  for (const c of input as unknown[]) {
    if (!isCard(c) || seen.has(c)) return null;
    seen.add(c);
  }
  return input as Card[];
}

export function shuffledDeck(rng: RngState): { deck: Card[]; rng: RngState } {
  const r = Rng.fromState(rng);
  const deck = r.shuffle(FULL_DECK);
  return { deck, rng: r.state() };
}

export interface StackedDeal {
  /** Each player's two cards, in dealing order: first the player left of the button. */
  readonly holeCards: readonly (readonly [Card, Card])[];
  /** Up to five board cards: flop, turn, river. */
  readonly board?: readonly Card[];
}

/**
 * Builds a 52-card deck order that deals exactly `holeCards` and `board` (burn cards and the rest
 * are filled with the unused cards in canonical order). Throws on duplicates or non-cards: it is a
 * test and tooling helper, never fed untrusted input.
 */
export function stackDeck(deal: StackedDeal): Card[] {
  const n = deal.holeCards.length;
  const board = deal.board ?? [];
  const used = new Set<string>([...deal.holeCards.flat(), ...board]);
  if (used.size !== n * 2 + board.length || ![...used].every(isCard) || board.length > 5) {
    throw new RangeError('stackDeck: cards must be distinct real cards, at most five on the board');
  }
  const spare = FULL_DECK.filter((c) => !used.has(c));
  const takeSpare = (): Card => {
    const c = spare.shift();
    if (c === undefined) throw new RangeError('stackDeck: not enough cards');
    return c;
  };
  const out: Card[] = [];
  for (let round = 0; round < 2; round++) {
    for (const hole of deal.holeCards) out.push(hole[round] as Card);
  }
  const streets = [board.slice(0, 3), board.slice(3, 4), board.slice(4, 5)];
  const sizes = [3, 1, 1];
  streets.forEach((cards, i) => {
    out.push(takeSpare());
    for (let k = 0; k < (sizes[i] ?? 0); k++) out.push(cards[k] ?? takeSpare());
  });
  return [...out, ...spare];
}
