// The checked, object-returning evaluator for showdowns and hand histories: which hand a player
// holds, the five cards that make it, and how to say it.

import type { Card } from '../cards.js';
import { codeOf, valueOfCodes } from './fast.js';
import {
  FLUSH,
  STRAIGHT,
  STRAIGHT_FLUSH,
  categoryIndexOf,
  describeValue,
  ranksOfValue,
  straightRanks,
  type HandCategory,
} from './hand-value.js';
import { MAX_CARDS, MIN_CARDS } from './tables.js';

export interface HandValue {
  /** Higher is better; equal values tie. Same scale as `valueOfCodes`. */
  readonly value: number;
  readonly category: HandCategory;
  /** The five cards that make the hand, most important first (the pair before its kickers). */
  readonly best: Card[];
  /** What a player reads, e.g. "Full House, Kings full of Sevens". Kickers are not named. */
  readonly description: string;
}

/** How many cards of each significant rank the hand uses, by category index (see HAND_CATEGORIES). */
const TAKE: readonly (readonly number[])[] = [
  [1, 1, 1, 1, 1], // high card
  [2, 1, 1, 1], // pair
  [2, 2, 1], // two pair
  [3, 1, 1], // three of a kind
  [1, 1, 1, 1, 1], // straight (ranks from straightRanks)
  [1, 1, 1, 1, 1], // flush
  [3, 2], // full house
  [4, 1], // four of a kind
  [1, 1, 1, 1, 1], // straight flush
];

/**
 * Evaluates 5, 6 or 7 distinct cards: the best five-card hand among them.
 * Throws a TypeError for anything else (another count, a duplicate, a string that is not a card):
 * this is an internal API and engines validate what players send before calling it.
 */
export function evaluate(cards: readonly Card[]): HandValue {
  const codes = toCodes(cards);
  const value = valueOfCodes(codes, codes.length);
  const { category, description } = describeValue(value);
  return { value, category, best: bestFive(cards, codes, value), description };
}

function toCodes(cards: readonly Card[]): number[] {
  if (!Array.isArray(cards) || cards.length < MIN_CARDS || cards.length > MAX_CARDS) {
    throw new TypeError(`evaluate needs ${MIN_CARDS} to ${MAX_CARDS} cards`);
  }
  const codes: number[] = [];
  // Cards seen so far, one bit per code in two 26-bit words (bitwise operators work on 32 bits).
  let seenLow = 0;
  let seenHigh = 0;
  for (const card of cards) {
    const code = codeOf(card);
    if (code === undefined) throw new TypeError(`not a card: ${String(card)}`);
    const bit = 1 << (code % 26);
    const seen = code < 26 ? seenLow : seenHigh;
    if ((seen & bit) !== 0) throw new TypeError(`duplicate card: ${card}`);
    if (code < 26) seenLow |= bit;
    else seenHigh |= bit;
    codes.push(code);
  }
  return codes;
}

/** Picks the cards behind a value: for each significant rank, the first cards of it (in input order). */
function bestFive(cards: readonly Card[], codes: readonly number[], value: number): Card[] {
  const category = categoryIndexOf(value);
  const ranks =
    category === STRAIGHT || category === STRAIGHT_FLUSH
      ? straightRanks(ranksOfValue(value)[0] ?? 0)
      : ranksOfValue(value);
  const suit = category === FLUSH || category === STRAIGHT_FLUSH ? flushSuit(codes) : -1;
  const take = TAKE[category] ?? [];
  const best: Card[] = [];
  for (let i = 0; i < ranks.length; i++) {
    let wanted = take[i] ?? 0;
    for (let j = 0; j < codes.length && wanted > 0; j++) {
      const code = codes[j] ?? -1;
      if (code >> 2 === ranks[i] && (suit < 0 || (code & 3) === suit)) {
        best.push(cards[j] as Card);
        wanted--;
      }
    }
  }
  return best;
}

function flushSuit(codes: readonly number[]): number {
  const perSuit = [0, 0, 0, 0];
  for (const code of codes) perSuit[code & 3] = (perSuit[code & 3] ?? 0) + 1;
  return perSuit.findIndex((n) => n >= 5);
}
