// The SDK remembers each hand's commitment as it was first told (a view's `deal`), so a record's
// reveal can be checked against what this client received before the deal.
import { describe, expect, it } from 'vitest';
import { DealWitness } from '../../src/sdk/deal-witness.js';

describe('DealWitness', () => {
  it('keeps the first commitment told for each hand, ignores views without one, and forgets the oldest past its limit', () => {
    const w = new DealWitness();
    w.noteView({ deal: null });
    w.noteView({ handNumber: 3 });
    w.noteView(null);
    w.noteView({ deal: { hand: 4, commitment: 'aa' } });
    // A later, different commitment for the same hand does not replace what was told first.
    w.noteView({ deal: { hand: 4, commitment: 'bb' } });
    expect(w.commitmentFor(4)).toBe('aa');
    expect(w.commitmentFor(5)).toBeUndefined();
    for (let hand = 5; hand < 300; hand++) w.noteView({ deal: { hand, commitment: `c${hand}` } });
    expect(w.commitmentFor(4)).toBeUndefined();
    expect(w.commitmentFor(299)).toBe('c299');
  });
});
