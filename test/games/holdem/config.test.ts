import { describe, expect, it } from 'vitest';
import { holdem } from '../../../src/games/holdem/index.js';

const GOOD = { seats: 6, smallBlind: 1, bigBlind: 2, minBuyIn: 40, maxBuyIn: 200 };

describe('the table configuration', () => {
  it('fills in defaults: no ante, no big-blind ante', () => {
    expect(holdem.parseConfig(GOOD)).toEqual({ ok: true, config: { ...GOOD, ante: 0, bigBlindAnte: false } });
  });

  it('accepts two to ten seats and nothing else', () => {
    expect(holdem.parseConfig({ ...GOOD, seats: 2 }).ok).toBe(true);
    expect(holdem.parseConfig({ ...GOOD, seats: 10 }).ok).toBe(true);
    for (const seats of [1, 11, 6.5, '6']) {
      expect(holdem.parseConfig({ ...GOOD, seats })).toMatchObject({ ok: false, code: 'config/invalid' });
    }
  });

  it.each([
    ['a big blind below the small blind', { bigBlind: 0.5 }, 'config/invalid'],
    ['a big blind smaller than the small blind', { smallBlind: 5, bigBlind: 2 }, 'config/blinds'],
    ['a maximum buy-in below the minimum', { minBuyIn: 100, maxBuyIn: 50 }, 'config/buy_in'],
    ['a minimum buy-in below one big blind', { minBuyIn: 1 }, 'config/buy_in'],
    ['a big-blind ante without an ante', { bigBlindAnte: true }, 'config/ante'],
    ['an ante above the big blind', { ante: 3 }, 'config/ante'],
    ['a negative ante', { ante: -1 }, 'config/invalid'],
    ['unknown fields', { rake: 5 }, 'config/invalid'],
  ])('rejects %s', (_name, patch, code) => {
    expect(holdem.parseConfig({ ...GOOD, ...patch })).toMatchObject({ ok: false, code });
  });

  it('rejects input that is not an object', () => {
    for (const input of [null, undefined, 'holdem', 42, []]) {
      expect(holdem.parseConfig(input)).toMatchObject({ ok: false, code: 'config/invalid' });
    }
  });
});
