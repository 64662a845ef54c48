// HandBatch: hands saved within one window share one write; a failed write refuses exactly the
// hands it held, and the next batch is written normally.

import { describe, expect, it } from 'vitest';
import { HandBatch } from '../../src/adapters/sql/hand-batch.js';
import type { HandHistory } from '../../src/ports/store.js';

const hand = (n: number): HandHistory => ({
  tableId: 't',
  hand: n,
  game: 'holdem',
  players: ['p'],
  record: null,
  endedAt: n,
});

/** A batch whose writes succeed and are recorded, hand numbers in order. */
function recording(windowMs: number): { batch: HandBatch; written: number[] } {
  const written: number[] = [];
  const batch = new HandBatch((hands) => {
    written.push(...hands.map((h) => h.hand));
    return Promise.resolve();
  }, windowMs);
  return { batch, written };
}

describe('HandBatch', () => {
  it('writes the hands of one window together, and each save resolves after its write', async () => {
    const writes: number[][] = [];
    const batch = new HandBatch((hands) => {
      writes.push(hands.map((h) => h.hand));
      return Promise.resolve();
    }, 20);
    await Promise.all([batch.save(hand(1)), batch.save(hand(2)), batch.save(hand(3))]);
    await batch.save(hand(4));
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('refuses every hand of a failed write and writes the next batch normally', async () => {
    let fail = true;
    const written: number[] = [];
    const batch = new HandBatch((hands) => {
      if (fail) return Promise.reject(new Error('store down'));
      written.push(...hands.map((h) => h.hand));
      return Promise.resolve();
    }, 0);
    const first = [batch.save(hand(1)), batch.save(hand(2))].map((p) =>
      p.then(() => 'ok').catch((e: unknown) => (e instanceof Error ? e.message : String(e))),
    );
    expect(await Promise.all(first)).toEqual(['store down', 'store down']);
    fail = false;
    await batch.save(hand(1));
    expect(written).toEqual([1]);
  });

  it('refuses a hand number that is not an integer without writing anything', async () => {
    const { batch, written } = recording(0);
    await expect(batch.save(hand(1.5))).rejects.toBeInstanceOf(RangeError);
    await batch.flush();
    expect(written).toEqual([]);
  });

  it('writes what is waiting on flush, without waiting for the window', async () => {
    const { batch, written } = recording(60_000);
    const saved = batch.save(hand(5));
    await batch.flush();
    await saved;
    expect(written).toEqual([5]);
  });
});
