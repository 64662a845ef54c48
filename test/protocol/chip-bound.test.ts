// One bound on every chip amount (issue 9: buy-ins of 1e12 at many tables pushed the chip audit's
// sums past 2^53 and made it fail). The protocol, both games and the node's settings refuse
// anything above it, and the bound leaves the audit's sums exact.

import { describe, expect, it } from 'vitest';
import { MAX_CHIPS } from '../../src/games/contract.js';
import { holdem } from '../../src/games/holdem/index.js';
import { hokm } from '../../src/games/hokm/index.js';
import { ClientMessageSchema, MAX_CHIP_AMOUNT } from '../../src/protocol/messages.js';
import { parseConfig } from '../../src/server/config.js';

describe('the chip bound', () => {
  it('is one number for the protocol and the games, and keeps audit sums exact', () => {
    expect(MAX_CHIP_AMOUNT).toBe(MAX_CHIPS);
    // A hundred thousand full ten-seat tables at the bound, plus as much again in wallets, is exact.
    expect(2 * 10 * 1e5 * MAX_CHIPS).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a buy-in above it at the protocol edge and accepts one at it', () => {
    const join = (buyIn: number) =>
      ClientMessageSchema.safeParse({ type: 'table.join', id: 1, table: 't1', buyIn }).success;
    expect(join(MAX_CHIPS)).toBe(true);
    expect(join(MAX_CHIPS + 1)).toBe(false);
    expect(join(1e12)).toBe(false);
  });

  it('refuses table configurations naming more chips', () => {
    const holdemConfig = { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: MAX_CHIPS };
    expect(holdem.parseConfig(holdemConfig).ok).toBe(true);
    expect(holdem.parseConfig({ ...holdemConfig, maxBuyIn: MAX_CHIPS + 1 }).ok).toBe(false);
    expect(holdem.parseConfig({ ...holdemConfig, maxBuyIn: 1e12 }).ok).toBe(false);
    expect(hokm.parseConfig({ stake: 100, maxBuyIn: MAX_CHIPS }).ok).toBe(true);
    expect(hokm.parseConfig({ stake: MAX_CHIPS + 1 }).ok).toBe(false);
  });

  it('refuses a bet above ten tables-worth and a node setting above it', () => {
    expect(holdem.parseAction({ type: 'raise', to: 10 * MAX_CHIPS + 1 }).ok).toBe(false);
    expect(() => parseConfig({ startingChips: MAX_CHIPS + 1 })).toThrow(/startingChips/);
  });
});
