// The allocation-free path for callers that score many hands: Monte Carlo bots and showdowns.
// Cards are small integers (`cardCode`), a hand is any array-like of them, and the result is a
// plain number on the same scale as `evaluate(...).value` (see hand-value.ts).

import { RANKS, SUITS, type Card } from '../cards.js';
import {
  CARD_KEYS,
  FLUSH_VALUES,
  HI_RANK,
  LO_BASE,
  LO_BITS,
  LO_MASK,
  LO_SPACE,
  MIN_CARDS,
  RANK_VALUES,
} from './tables.js';

/** Rank (0–12) and suit (0–3) by character code, -1 for other characters: cheaper than a Map lookup. */
const RANK_BY_CHAR = charTable(RANKS);
const SUIT_BY_CHAR = charTable(SUITS);

function charTable(chars: readonly string[]): Int8Array {
  const table = new Int8Array(128).fill(-1);
  chars.forEach((c, i) => (table[c.charCodeAt(0)] = i));
  return table;
}

/**
 * The evaluator's integer for a card: rank·4 + suit (deuce 0 … ace 12; clubs 0, diamonds 1,
 * hearts 2, spades 3), which is also the card's index in FULL_DECK. Throws a TypeError for a
 * string that is not a card.
 */
export function cardCode(card: Card): number {
  const code = codeOf(card);
  if (code === undefined) throw new TypeError(`not a card: ${card}`);
  return code;
}

/** The code of a value that may or may not be a card; undefined when it is not one. */
export function codeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length !== 2) return undefined;
  const rank = RANK_BY_CHAR[value.charCodeAt(0)] ?? -1;
  const suit = SUIT_BY_CHAR[value.charCodeAt(1)] ?? -1;
  return rank < 0 || suit < 0 ? undefined : rank * 4 + suit;
}

/**
 * The value of the best five-card hand among `codes[0 … count-1]`, for count 5, 6 or 7. Higher is
 * better; equal values tie. The caller guarantees distinct valid codes and a count of 5–7: this is
 * the hot path and checks nothing, so other input gives a meaningless number (or NaN) rather than
 * an error. `evaluate` is the checked entry point.
 */
export function valueOfCodes(codes: ArrayLike<number>, count: number): number {
  // key: base-5 digits counting each rank (see tables.ts). suits: one 4-bit counter per suit.
  let key = 0;
  let suits = 0;
  for (let i = 0; i < count; i++) {
    const code = codes[i] as number;
    key += CARD_KEYS[code] as number;
    suits += 1 << ((code & 3) << 2);
  }
  // Adding 3 to each counter sets its top bit exactly when the suit has 5 or more cards.
  const flush = (suits + 0x3333) & 0x8888;
  if (flush !== 0) return flushValue(codes, count, (31 - Math.clz32(flush)) >> 2);
  const index =
    (LO_BASE[(count - MIN_CARDS) * LO_SPACE + (key & LO_MASK)] as number) +
    (HI_RANK[key >>> LO_BITS] as number);
  return RANK_VALUES[index] as number;
}

function flushValue(codes: ArrayLike<number>, count: number, suit: number): number {
  let mask = 0;
  for (let i = 0; i < count; i++) {
    const code = codes[i] as number;
    if ((code & 3) === suit) mask |= 1 << (code >> 2);
  }
  return FLUSH_VALUES[mask] as number;
}
