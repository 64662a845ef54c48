// Deterministic random hands for benchmarks: the same seed gives the same hands on every run, so
// two runs measure the same work. Uses the game RNG (ChaCha20) only to deal; never timed.

import { FULL_DECK, type Card } from '../../src/games/cards.js';
import { Rng } from '../../src/games/rng.js';

/** A fixed, public seed: benchmark hands are not secret. */
const BENCH_SEED = 'be7c'.repeat(16);

/** `count` hands of `size` distinct cards, each dealt from a freshly shuffled deck. */
export function randomHands(count: number, size: number, seed = BENCH_SEED): Card[][] {
  const rng = Rng.fromSeed(seed);
  const deck = [...FULL_DECK];
  const hands: Card[][] = [];
  for (let h = 0; h < count; h++) {
    // Partial Fisher–Yates: the first `size` places of the deck become a uniform random hand.
    for (let i = 0; i < size; i++) {
      const j = i + rng.below(deck.length - i);
      const a = deck[i] as Card;
      deck[i] = deck[j] as Card;
      deck[j] = a;
    }
    hands.push(deck.slice(0, size));
  }
  return hands;
}
