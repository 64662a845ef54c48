// Monte Carlo equity for the bot: deal the unknown cards at random many times and count how often
// the bot's hand wins (ties shared). Sampling uses a small fast generator seeded from the bot's
// Rng, so a decision is deterministic given that Rng's state while the hot loop avoids one ChaCha
// call per card. Sampling quality only has to be good enough for an estimate.

import type { Card } from '../cards.js';
import { cardCode, valueOfCodes } from '../poker/index.js';

/** mulberry32: a 32-bit state generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Share of the pot the hand `hole` wins on average against `opponents` random hands, given the
 * `board` so far, over `iterations` deals.
 */
export function equity(
  hole: readonly Card[],
  board: readonly Card[],
  opponents: number,
  iterations: number,
  random: () => number,
): number {
  const known = [...hole, ...board].map(cardCode);
  const deck: number[] = [];
  for (let c = 0; c < 52; c++) if (!known.includes(c)) deck.push(c);
  const missing = 5 - board.length;
  const need = missing + 2 * opponents;
  const mine = new Uint8Array(7);
  const theirs = new Uint8Array(7);
  for (let i = 0; i < known.length; i++) mine[i] = known[i] as number;
  let total = 0;
  for (let it = 0; it < iterations; it++) {
    // Partial Fisher–Yates: the first `need` places become the random cards.
    for (let i = 0; i < need; i++) {
      const j = i + Math.floor(random() * (deck.length - i));
      const a = deck[i] as number;
      deck[i] = deck[j] as number;
      deck[j] = a;
    }
    for (let k = 0; k < missing; k++) mine[known.length + k] = deck[k] as number;
    const my = valueOfCodes(mine, 7);
    let best = 0;
    let ties = 0;
    for (let o = 0; o < opponents; o++) {
      theirs[0] = deck[missing + 2 * o] as number;
      theirs[1] = deck[missing + 2 * o + 1] as number;
      for (let b = 0; b < 5; b++) theirs[2 + b] = mine[2 + b] as number;
      const v = valueOfCodes(theirs, 7);
      if (v > best) {
        best = v;
        ties = 0;
      }
      if (v === best) ties++;
    }
    if (my > best) total += 1;
    else if (my === best) total += 1 / (ties + 1);
  }
  return iterations === 0 ? 0 : total / iterations;
}
