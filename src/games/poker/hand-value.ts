// The hand-value scale shared by the fast path (`valueOfCodes`) and `evaluate`.
//
// A value is one small integer: the category in bits 20–23 and up to five ranks (deuce 0 … ace 12),
// most important first, in the 4-bit groups below it:
//
//   value = category·2^20 + r1·2^16 + r2·2^12 + r3·2^8 + r4·2^4 + r5
//
// Within a category the number of ranks that matter is fixed (a pair: the pair rank and three
// kickers; a straight: its high card), and unused groups are zero, so comparing two values as numbers
// compares the hands by the rules of poker, and equal values are exactly the ties. Because the value
// carries every rank that matters, `describeValue` can name the hand from the number alone.

import { RANKS, rankName } from '../cards.js';

export const HAND_CATEGORIES = [
  'high_card',
  'pair',
  'two_pair',
  'three_of_a_kind',
  'straight',
  'flush',
  'full_house',
  'four_of_a_kind',
  'straight_flush',
] as const;

export type HandCategory = (typeof HAND_CATEGORIES)[number];

/** Category indexes, in the order of HAND_CATEGORIES (higher beats lower). */
export const HIGH_CARD = 0;
export const PAIR = 1;
export const TWO_PAIR = 2;
export const THREE_OF_A_KIND = 3;
export const STRAIGHT = 4;
export const FLUSH = 5;
export const FULL_HOUSE = 6;
export const FOUR_OF_A_KIND = 7;
export const STRAIGHT_FLUSH = 8;

const CATEGORY_SHIFT = 20;
const ACE = 12;
/** The wheel (A-2-3-4-5) is a straight whose high card is the five. */
export const WHEEL_HIGH = 3;

/** How many ranks are significant in each category (the rest of the value's rank groups are zero). */
const SIGNIFICANT_RANKS: readonly number[] = [5, 4, 3, 3, 1, 5, 2, 2, 1];

/** Packs a category index and its significant ranks (most important first) into a value. */
export function packValue(category: number, ranks: readonly number[]): number {
  let value = category;
  for (let i = 0; i < 5; i++) value = value * 16 + (ranks[i] ?? 0);
  return value;
}

export function categoryIndexOf(value: number): number {
  return value >>> CATEGORY_SHIFT;
}

/** The significant ranks of a value, most important first (deuce 0 … ace 12). */
export function ranksOfValue(value: number): number[] {
  const count = SIGNIFICANT_RANKS[categoryIndexOf(value)] ?? 0;
  const ranks: number[] = [];
  for (let i = 0; i < count; i++) ranks.push((value >>> (16 - 4 * i)) & 0xf);
  return ranks;
}

/** For a straight or straight flush, its five ranks from the high card down (the wheel's ace last). */
export function straightRanks(high: number): number[] {
  const ranks = [high, high - 1, high - 2, high - 3, high - 4];
  return high === WHEEL_HIGH ? [3, 2, 1, 0, ACE] : ranks;
}

function name(rank: number | undefined, plural = false): string {
  return rankName(RANKS[rank ?? 0] ?? '2', plural);
}

function describeRanks(category: number, r: readonly number[]): string {
  switch (category) {
    case HIGH_CARD:
      return `High Card, ${name(r[0])}`;
    case PAIR:
      return `Pair of ${name(r[0], true)}`;
    case TWO_PAIR:
      return `Two Pair, ${name(r[0], true)} and ${name(r[1], true)}`;
    case THREE_OF_A_KIND:
      return `Three of a Kind, ${name(r[0], true)}`;
    case STRAIGHT:
      return `Straight, ${name(r[0])} High`;
    case FLUSH:
      return `Flush, ${name(r[0])} High`;
    case FULL_HOUSE:
      return `Full House, ${name(r[0], true)} full of ${name(r[1], true)}`;
    case FOUR_OF_A_KIND:
      return `Four of a Kind, ${name(r[0], true)}`;
    default:
      return r[0] === ACE ? 'Royal Flush' : `Straight Flush, ${name(r[0])} High`;
  }
}

/**
 * Names the hand a value stands for, e.g. "Full House, Kings full of Sevens". Descriptions name the
 * ranks that define the hand and leave kickers out (a player reads "Pair of Nines"); the value itself
 * still orders hands by their kickers. Gives the same text as `evaluate(...).description`.
 * Throws a TypeError for a number that is not a hand value.
 */
export function describeValue(value: number): { category: HandCategory; description: string } {
  const index = Number.isInteger(value) && value >= 0 ? categoryIndexOf(value) : -1;
  const category = HAND_CATEGORIES[index];
  if (category === undefined) throw new TypeError(`not a hand value: ${value}`);
  return { category, description: describeRanks(index, ranksOfValue(value)) };
}
