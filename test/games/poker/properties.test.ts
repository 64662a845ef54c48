import fc from 'fast-check';
import * as phe from 'phe';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/games/cards.js';
import { cardCode, describeValue, evaluate, valueOfCodes } from '../../../src/games/poker/index.js';
import { handArb } from './arbitraries.js';
import { REFERENCE_CATEGORIES, compareScores, referenceScore, scoreFive } from './reference.js';

const RUNS = 3000;

describe('the slow reference scorer', () => {
  it('scores textbook hands as the textbook says', () => {
    const score = (text: string) => scoreFive(text.split(' ') as Card[]);
    expect(score('As 2s 3s 4s 5s')).toEqual([8, 5]);
    expect(score('Kd Kh Ks 7c 7d')).toEqual([6, 13, 7]);
    expect(score('Ah Ad 5c 5s Kd')).toEqual([2, 14, 5, 13]);
    expect(score('Qh Kd Ac 2s 3h')).toEqual([0, 14, 13, 12, 3, 2]);
  });
});

describe('the evaluator, property-tested', () => {
  it('orders any two hands of 5 to 7 cards the same way as the slow reference', () => {
    fc.assert(
      fc.property(handArb, handArb, (a, b) => {
        const ours = Math.sign(evaluate(a).value - evaluate(b).value);
        expect(ours).toBe(compareScores(referenceScore(a), referenceScore(b)));
      }),
      { numRuns: RUNS },
    );
  });

  it('names the same category as the slow reference', () => {
    fc.assert(
      fc.property(handArb, (cards) => {
        expect(evaluate(cards).category).toBe(REFERENCE_CATEGORIES[referenceScore(cards)[0] ?? -1]);
      }),
      { numRuns: RUNS },
    );
  });

  it('returns five distinct cards from the hand that score exactly the hand’s value', () => {
    fc.assert(
      fc.property(handArb, (cards) => {
        const result = evaluate(cards);
        expect(result.best).toHaveLength(5);
        expect(new Set(result.best).size).toBe(5);
        for (const c of result.best) expect(cards).toContain(c);
        expect(evaluate(result.best).value).toBe(result.value);
        expect(compareScores(scoreFive(result.best), referenceScore(cards))).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same value whatever the order of the cards', () => {
    fc.assert(
      fc.property(
        handArb.chain((cards) =>
          fc.tuple(fc.constant(cards), fc.shuffledSubarray(cards, { minLength: cards.length })),
        ),
        ([cards, shuffled]) => {
          expect(evaluate(shuffled).value).toBe(evaluate(cards).value);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('agrees between the fast path, evaluate and describeValue', () => {
    fc.assert(
      fc.property(handArb, (cards) => {
        const result = evaluate(cards);
        expect(
          valueOfCodes(
            cards.map((c) => cardCode(c)),
            cards.length,
          ),
        ).toBe(result.value);
        expect(describeValue(result.value)).toEqual({
          category: result.category,
          description: result.description,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('orders any two hands the same way as the phe package', () => {
    fc.assert(
      fc.property(handArb, handArb, (a, b) => {
        const ours = Math.sign(evaluate(a).value - evaluate(b).value);
        // phe: lower is stronger.
        expect(ours).toBe(Math.sign(phe.evaluateCards(b) - phe.evaluateCards(a)));
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
