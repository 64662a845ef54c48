// What the table does for a seat whose turn timer ran out.
//
// - Trump: the suit with the most cards among the hakem's five; a tie goes to the suit whose cards
//   are higher (compared highest card first, then the next, …); a full tie to the higher suit in the
//   order clubs < diamonds < hearts < spades.
// - A card: the lowest legal card by rank, a non-trump if any legal card is not a trump; ties in
//   rank go to the lower suit in the same order.

import { rankValue, SUITS, suitOf, type Card, type Suit } from '../cards.js';
import type { SeatIndex } from '../contract.js';
import type { HokmAction } from './actions.js';
import { legalActions } from './legal.js';
import type { HokmState } from './state.js';

export function timeoutTrump(five: readonly Card[]): Suit {
  let best: Suit = 'c';
  let bestKey: number[] = [];
  for (const suit of SUITS) {
    const ranks = five
      .filter((c) => suitOf(c) === suit)
      .map(rankValue)
      .sort((a, b) => b - a);
    const key = [ranks.length, ...ranks];
    if (compareKeys(key, bestKey) >= 0) {
      best = suit;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function lowestCard(cards: readonly Card[], trump: Suit | null): Card | null {
  const pool = cards.some((c) => suitOf(c) !== trump) ? cards.filter((c) => suitOf(c) !== trump) : cards;
  let best: Card | null = null;
  for (const c of pool) {
    if (best === null) best = c;
    else {
      const d = rankValue(c) - rankValue(best);
      if (d < 0 || (d === 0 && SUITS.indexOf(suitOf(c)) < SUITS.indexOf(suitOf(best)))) best = c;
    }
  }
  return best;
}

/** The action a timeout takes for `seat`, or null when the seat has nothing to do. */
export function timeoutAction(state: HokmState, seat: SeatIndex): HokmAction | null {
  const legal = legalActions(state, seat);
  const hand = state.game?.hand;
  if (!hand) return null;
  if (legal.type === 'choose_trump')
    return { type: 'choose_trump', suit: timeoutTrump(hand.hands[seat] ?? []) };
  if (legal.type === 'play') {
    const card = lowestCard(legal.cards, hand.trump);
    return card ? { type: 'play', card } : null;
  }
  return null;
}
