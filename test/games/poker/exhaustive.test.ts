// Every one of the 2,598,960 five-card hands, checked two ways: the textbook count of hands per
// category, and an exact order-preserving correspondence with the phe package's 7,462 hand classes.
import * as phe from 'phe';
import { beforeAll, describe, expect, it } from 'vitest';
import { FULL_DECK } from '../../../src/games/cards.js';
import { HAND_CATEGORIES, describeValue, valueOfCodes } from '../../../src/games/poker/index.js';

/** phe's code for each of our codes (same rank order; phe's suits run s, h, d, c). */
const PHE_CODE = phe.cardCodes([...FULL_DECK]);

interface Census {
  readonly perCategory: Map<string, number>;
  /** Our value → phe's strength, for every value seen; a conflict is recorded in `conflicts`. */
  readonly toPhe: Map<number, number>;
  conflicts: number;
}

function census(): Census {
  const result: Census = { perCategory: new Map(), toPhe: new Map(), conflicts: 0 };
  const ours = [0, 0, 0, 0, 0];
  const theirs = [0, 0, 0, 0, 0];
  const categoryCount = new Array<number>(HAND_CATEGORIES.length).fill(0);
  for (let a = 0; a < 52; a++)
    for (let b = a + 1; b < 52; b++)
      for (let c = b + 1; c < 52; c++)
        for (let d = c + 1; d < 52; d++)
          for (let e = d + 1; e < 52; e++) {
            ours[0] = a;
            ours[1] = b;
            ours[2] = c;
            ours[3] = d;
            ours[4] = e;
            for (let i = 0; i < 5; i++) theirs[i] = PHE_CODE[ours[i]!]!;
            const v = valueOfCodes(ours, 5);
            const p = phe.evaluateCardCodes(theirs);
            const seen = result.toPhe.get(v);
            if (seen === undefined) result.toPhe.set(v, p);
            else if (seen !== p) result.conflicts++;
            categoryCount[v >>> 20]!++;
          }
  HAND_CATEGORIES.forEach((name, i) => result.perCategory.set(name, categoryCount[i]!));
  return result;
}

describe('the evaluator over every five-card hand', () => {
  let all: Census;
  beforeAll(() => {
    all = census();
  });

  it('finds the textbook number of hands in each category', () => {
    expect(Object.fromEntries(all.perCategory)).toEqual({
      high_card: 1_302_540,
      pair: 1_098_240,
      two_pair: 123_552,
      three_of_a_kind: 54_912,
      straight: 10_200,
      flush: 5_108,
      full_house: 3_744,
      four_of_a_kind: 624,
      straight_flush: 40,
    });
  });

  it('has exactly 7,462 distinct values, one per class of equal hands', () => {
    expect(all.toPhe.size).toBe(7462);
    for (const v of all.toPhe.keys()) expect(() => describeValue(v)).not.toThrow();
  });

  it('orders those classes exactly as phe does', () => {
    expect(all.conflicts).toBe(0);
    const pairs = [...all.toPhe].sort((x, y) => x[0] - y[0]);
    const pheStrengths = pairs.map(([, p]) => p);
    // Ascending in our values ⇔ descending in phe's (lower is stronger there): 7462 … 1.
    expect(pheStrengths).toEqual(Array.from({ length: 7462 }, (_, i) => 7462 - i));
  });
});
