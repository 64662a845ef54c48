// Hand evaluator throughput, side by side with the npm package `phe` in one process: random 7-card
// hands per second, each contender timed in alternating rounds, medians reported.
//
// Both sides get the same 65,536 hands, already converted to their own integer card codes and
// stored the same way (an array of 7-number arrays), so the timed loops differ only in the
// evaluator call. phe is measured through its public `evaluateCardCodes` (the headline) and through
// its internal 7-argument function, which skips the `Function.apply` dispatch and is its fastest
// path. A third comparison starts from card strings: our checked `evaluate` (which also builds the
// best five and a description) against phe's `evaluateCards`.

import { performance } from 'node:perf_hooks';
import * as phe from 'phe';
import phe7module from 'phe/lib/evaluator7.js';
import type { Card } from '../src/games/cards.js';
import type * as PokerModule from '../src/games/poker/index.js';
import type { Bench, BenchOptions, BenchResult } from './lib/bench.js';
import { randomHands } from './lib/hands.js';
import { compare, formatRate, type Comparison, type ContenderRates } from './lib/measure.js';

const POOL = 1 << 16;
const MASK = POOL - 1;

type Evaluator = typeof PokerModule;

function at<T>(items: readonly T[], i: number): T {
  return items[i & MASK] as T;
}

/** Refuses to time evaluators that disagree: same category and same order on every pool hand. */
function crossCheck(poker: Evaluator, ours: readonly number[][], theirs: readonly number[][]): void {
  let previous = { ours: 0, theirs: 0 };
  for (let i = 0; i < POOL; i++) {
    const v = poker.valueOfCodes(at(ours, i), 7);
    const p = phe.evaluateCardCodes(at(theirs, i));
    const category = poker.describeValue(v).category;
    // phe's ranks run from 0 (straight flush) to 8 (high card); ours are the reverse.
    if (poker.HAND_CATEGORIES[8 - phe.handRank(p)] !== category) {
      throw new Error(`evaluator bench: category disagrees with phe on hand ${i}`);
    }
    if (i > 0 && Math.sign(v - previous.ours) !== Math.sign(previous.theirs - p)) {
      throw new Error(`evaluator bench: order disagrees with phe on hands ${i - 1} and ${i}`);
    }
    previous = { ours: v, theirs: p };
  }
}

function spread(c: ContenderRates): string {
  return `${formatRate(Math.min(...c.rates))}–${formatRate(Math.max(...c.rates))}`;
}

function contender(result: Comparison, i: number): ContenderRates {
  const c = result.contenders[i];
  if (c === undefined) throw new Error(`evaluator bench: no contender ${i}`);
  return c;
}

async function run({ rounds, roundMs, print }: BenchOptions): Promise<BenchResult> {
  const importStart = performance.now();
  const poker: Evaluator = await import('../src/games/poker/index.js');
  const importMs = performance.now() - importStart;
  print(`evaluator: module import incl. lookup-table build ${importMs.toFixed(0)} ms (tsx, first import)`);

  const hands: readonly Card[][] = randomHands(POOL, 7);
  const ours = hands.map((h) => h.map((c) => poker.cardCode(c)));
  const theirs = hands.map((h) => phe.cardCodes(h));
  crossCheck(poker, ours, theirs);
  print(`evaluator: cross-checked category and order against phe on ${POOL} random 7-card hands`);

  // Every evaluator under test is called through a local constant, so each gets the same chance to
  // be inlined by the JIT (an imported binding and a local constant optimise differently).
  const { valueOfCodes, evaluate } = poker;
  const { evaluateCardCodes, evaluateCards } = phe;
  const phe7 = phe7module;
  const codes = compare(
    [
      {
        name: 'pitboss valueOfCodes',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x ^= valueOfCodes(at(ours, i), 7);
          return x;
        },
      },
      {
        name: 'phe evaluateCardCodes',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x ^= evaluateCardCodes(at(theirs, i));
          return x;
        },
      },
      {
        name: 'phe internal evaluate_7_cards',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) {
            const h = at(theirs, i);
            x ^= phe7(h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!);
          }
          return x;
        },
      },
    ],
    rounds,
    roundMs,
  );
  const ourRate = contender(codes, 0);
  const pheRate = contender(codes, 1);
  const phe7Rate = contender(codes, 2);
  const strings = compare(
    [
      {
        name: 'pitboss evaluate',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x ^= evaluate(at(hands, i)).value;
          return x;
        },
      },
      {
        name: 'phe evaluateCards',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x ^= evaluateCards(at(hands, i));
          return x;
        },
      },
    ],
    rounds,
    roundMs,
  );
  const objRate = contender(strings, 0);
  const pheStrRate = contender(strings, 1);

  const ratio = ourRate.median / pheRate.median;
  const ratio7 = ourRate.median / phe7Rate.median;
  const ratioStrings = objRate.median / pheStrRate.median;
  const headline =
    `evaluator: pitboss ${formatRate(ourRate.median)} hands/s, phe ${formatRate(pheRate.median)} hands/s, ` +
    `ratio ${ratio.toFixed(2)}× (median of ${rounds} rounds, random 7-card hands)`;
  const internal =
    `evaluator: vs phe's internal 7-card function (its fastest path): phe ${formatRate(phe7Rate.median)} hands/s, ` +
    `ratio ${ratio7.toFixed(2)}×`;
  const fromStrings =
    `evaluator: from card strings: pitboss evaluate() ${formatRate(objRate.median)} hands/s ` +
    `(value + best five + description), phe evaluateCards() ${formatRate(pheStrRate.median)} hands/s, ` +
    `ratio ${ratioStrings.toFixed(2)}×`;
  print(headline);
  print(internal);
  print(fromStrings);
  print(
    `evaluator: per-round range: pitboss ${spread(ourRate)}, phe ${spread(pheRate)}, ` +
      `phe internal ${spread(phe7Rate)}, evaluate() ${spread(objRate)}, phe strings ${spread(pheStrRate)} ` +
      `(checksum ${(codes.checksum ^ strings.checksum) >>> 0})`,
  );
  return {
    summary: [headline, internal, fromStrings],
    metrics: {
      pitbossHandsPerSec: ourRate.median,
      pheHandsPerSec: pheRate.median,
      ratio,
      pheInternalHandsPerSec: phe7Rate.median,
      ratioVsPheInternal: ratio7,
      evaluateHandsPerSec: objRate.median,
      pheEvaluateCardsHandsPerSec: pheStrRate.median,
      ratioFromStrings: ratioStrings,
      importMs,
    },
  };
}

const bench: Bench = {
  name: 'evaluator',
  description: '7-card hand evaluations per second, pitboss vs the npm package phe, one process',
  run,
};

export default bench;
