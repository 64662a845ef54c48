// fast-check generators of 5- to 7-card hands. Uniform hands almost never hold the rare categories
// (a straight flush comes once in ~3,200 seven-card hands), so the mix also deals from decks thinned
// to few ranks (quads, full houses), few suits (flushes) and a five-rank window (straights and
// straight flushes, wheels included).

import fc from 'fast-check';
import { FULL_DECK, RANKS, SUITS, type Card, type Rank, type Suit } from '../../../src/games/cards.js';

const rankOf = (c: Card): Rank => c[0] as Rank;
const suitOf = (c: Card): Suit => c[1] as Suit;

const from = (deck: readonly Card[]): fc.Arbitrary<Card[]> =>
  fc.shuffledSubarray([...deck], { minLength: 5, maxLength: Math.min(7, deck.length) });

const uniform = from(FULL_DECK);

const fewRanks = fc
  .uniqueArray(fc.constantFrom(...RANKS), { minLength: 2, maxLength: 4 })
  .chain((ranks) => from(FULL_DECK.filter((c) => ranks.includes(rankOf(c)))));

const fewSuits = fc
  .uniqueArray(fc.constantFrom(...SUITS), { minLength: 1, maxLength: 2 })
  .chain((suits) => from(FULL_DECK.filter((c) => suits.includes(suitOf(c)))));

/** Cards from five consecutive ranks (start -1 is the wheel window A-2-3-4-5) in 1–2 suits, plus extras. */
const straightWindow = fc
  .record({
    start: fc.integer({ min: -1, max: 8 }),
    suits: fc.uniqueArray(fc.constantFrom(...SUITS), { minLength: 1, maxLength: 2 }),
    extras: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ start, suits, extras }) => {
    const window = [0, 1, 2, 3, 4].map((i) => RANKS[(start + i + 13) % 13] as Rank);
    const core = FULL_DECK.filter((c) => window.includes(rankOf(c)) && suits.includes(suitOf(c)));
    const rest = FULL_DECK.filter((c) => !core.includes(c));
    return fc
      .tuple(
        fc.shuffledSubarray(core, { minLength: 5, maxLength: Math.min(7, core.length) }),
        fc.shuffledSubarray(rest, { minLength: extras, maxLength: extras }),
      )
      .map(([a, b]) => [...a, ...b].slice(0, 7));
  });

export const handArb: fc.Arbitrary<Card[]> = fc.oneof(
  { arbitrary: uniform, weight: 3 },
  { arbitrary: fewRanks, weight: 1 },
  { arbitrary: fewSuits, weight: 1 },
  { arbitrary: straightWindow, weight: 1 },
);
