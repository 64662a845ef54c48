import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../src/games/rng.js';
import { FULL_DECK } from '../../src/games/cards.js';

const SEED = '00'.repeat(31) + '01';

describe('the seeded RNG', () => {
  it('produces the RFC 8439 ChaCha20 keystream for its key', () => {
    // RFC 7539 appendix A.1, test vector #1: all-zero key and nonce, block 0 begins
    // 76 b8 e0 ad a0 f1 3d 90 — read as little-endian 32-bit words.
    const rng = Rng.fromSeed('00'.repeat(32));
    expect(rng.uint32()).toBe(0xade0b876);
    expect(rng.uint32()).toBe(0x903df1a0);
  });

  it('gives the same sequence from the same seed and a different one from another seed', () => {
    const a = Rng.fromSeed(SEED);
    const b = Rng.fromSeed(SEED);
    const c = Rng.fromSeed('ff'.repeat(32));
    const seqA = Array.from({ length: 40 }, () => a.uint32());
    const seqB = Array.from({ length: 40 }, () => b.uint32());
    const seqC = Array.from({ length: 40 }, () => c.uint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('resumes exactly from a saved JSON state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (skip) => {
        const a = Rng.fromSeed(SEED);
        for (let i = 0; i < skip; i++) a.uint32();
        const saved = JSON.parse(JSON.stringify(a.state())) as ReturnType<Rng['state']>;
        const b = Rng.fromState(saved);
        expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(
          Array.from({ length: 20 }, () => a.uint32()),
        );
      }),
    );
  });

  it('draws integers below n uniformly, without modulo bias', () => {
    // n = 3 · 2^30 makes modulo bias large (values below 2^30 would be twice as likely). With
    // rejection sampling the lower third and upper two thirds are hit in proportion 1:2.
    const rng = Rng.fromSeed(SEED);
    const n = 3 * 2 ** 30;
    let low = 0;
    const draws = 30_000;
    for (let i = 0; i < draws; i++) if (rng.below(n) < 2 ** 30) low += 1;
    const share = low / draws;
    expect(share).toBeGreaterThan(0.31);
    expect(share).toBeLessThan(0.356);
  });

  it('shuffles into a permutation of the input', () => {
    const rng = Rng.fromSeed(SEED);
    const shuffled = rng.shuffle(FULL_DECK);
    expect(shuffled).toHaveLength(52);
    expect(new Set(shuffled)).toEqual(new Set(FULL_DECK));
    expect(shuffled).not.toEqual(FULL_DECK);
  });

  it('puts every card in every position about equally often', () => {
    const rng = Rng.fromSeed(SEED);
    const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    const trials = 8_000;
    for (let t = 0; t < trials; t++) {
      rng.shuffle([0, 1, 2, 3]).forEach((card, pos) => (counts[card]![pos]! += 1));
    }
    for (const row of counts)
      for (const c of row) expect(Math.abs(c - trials / 4)).toBeLessThan(trials * 0.04);
  });

  it('rejects malformed seeds and states', () => {
    expect(() => Rng.fromSeed('abc')).toThrow(TypeError);
    expect(() => Rng.fromState({ key: SEED, word: -1 })).toThrow(TypeError);
    expect(() => Rng.fromState({ key: 'XYZ', word: 0 })).toThrow(TypeError);
  });
});
