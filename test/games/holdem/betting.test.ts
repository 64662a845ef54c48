// Scripted scenarios: minimum bets and raises, the incomplete all-in rule, uncalled bets, timeouts.

import { describe, expect, it } from 'vitest';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

const BOARD = ['2c', '9h', 'Jd', '3s', '4h'] as const;

describe('minimum bets and raises', () => {
  it('makes the big blind the minimum bet', () => {
    const t = new TestTable([1000, 1000]);
    t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'] }, [...BOARD]);
    t.call(0);
    t.check(1);
    expect(holdem.legalActions(t.state, 1).bet).toEqual({ min: 10, max: 990 });
    t.rejects({ kind: 'act', seat: 1, action: { type: 'bet', amount: 5 } }, 'action/below_minimum');
    t.bet(1, 10);
    expect(t.lastOf('action')[0]).toMatchObject({ seat: 1, action: 'bet', amount: 10, bet: 10, chips: 980 });
  });

  it('allows a bet below the big blind only as an all-in', () => {
    const t = new TestTable([1000, 12]);
    t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'] }, [...BOARD]);
    t.call(0);
    t.check(1);
    expect(holdem.legalActions(t.state, 1)).toMatchObject({ bet: { min: 2, max: 2 }, allIn: 2 });
    t.bet(1, 2);
    expect(t.lastOf('action')[0]).toMatchObject({ action: 'bet', amount: 2, allIn: true });
    // Nobody is left to answer a raise, so seat 0 may only call or fold.
    expect(holdem.legalActions(t.state, 0)).toMatchObject({ call: 2, raise: null, allIn: null });
    t.call(0);
    expect(t.running).toBe(false);
  });

  it('makes every raise at least the size of the last full bet or raise', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start(); // button 0 acts first, SB 1, BB 2
    expect(holdem.legalActions(t.state, 0).raise).toEqual({ min: 20, max: 1000 });
    t.rejects({ kind: 'act', seat: 0, action: { type: 'raise', to: 15 } }, 'action/below_minimum');
    t.raise(0, 30); // a raise of 20
    expect(t.lastOf('action')[0]).toMatchObject({ action: 'raise', currentBet: 30, minRaiseTo: 50 });
    t.rejects({ kind: 'act', seat: 1, action: { type: 'raise', to: 49 } }, 'action/below_minimum');
    t.raise(1, 70); // a raise of 40
    expect(holdem.legalActions(t.state, 2).raise).toEqual({ min: 110, max: 1000 });
    t.raise(2, 110);
    expect(holdem.view(t.state, 'spectator').minRaiseTo).toBe(150);
  });

  it('refuses a bet where a bet already stands and a raise where there is none', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.rejects({ kind: 'act', seat: 0, action: { type: 'bet', amount: 40 } }, 'action/cannot_bet');
    t.call(0);
    t.check(1);
    t.rejects({ kind: 'act', seat: 1, action: { type: 'raise', to: 40 } }, 'action/cannot_raise');
    t.rejects({ kind: 'act', seat: 1, action: { type: 'call' } }, 'action/nothing_to_call');
    t.bet(1, 40);
    t.rejects({ kind: 'act', seat: 0, action: { type: 'check' } }, 'action/cannot_check');
  });
});

describe('incomplete all-in raises', () => {
  it('do not reopen the betting to players who have already acted', () => {
    const t = new TestTable([1000, 1000, 45]);
    t.start(); // button 0, SB 1, BB 2 (45 chips)
    t.raise(0, 30);
    t.call(1);
    t.allIn(2); // to 45: a raise of 15, less than the full 20
    expect(t.lastOf('action')[0]).toMatchObject({
      seat: 2,
      action: 'raise',
      bet: 45,
      allIn: true,
      minRaiseTo: 65,
    });
    expect(holdem.legalActions(t.state, 0)).toMatchObject({ call: 15, raise: null, allIn: null });
    t.rejects({ kind: 'act', seat: 0, action: { type: 'raise', to: 100 } }, 'action/cannot_raise');
    t.rejects({ kind: 'act', seat: 0, action: { type: 'all_in' } }, 'action/cannot_raise');
    t.call(0);
    expect(holdem.legalActions(t.state, 1).raise).toBeNull();
    t.call(1);
    expect(t.state.hand?.street).toBe('flop');
  });

  it('still let a player who has not acted yet raise', () => {
    const t = new TestTable([45, 1000, 1000, 1000]);
    t.start(); // button 0 (45 chips), SB 1, BB 2, first to act 3
    t.raise(3, 30);
    t.allIn(0); // to 45, short of a full raise
    expect(holdem.legalActions(t.state, 1).raise).toEqual({ min: 65, max: 1000 });
    t.raise(1, 65); // a full raise reopens the betting for everyone
    t.fold(2);
    expect(holdem.legalActions(t.state, 3).raise).toEqual({ min: 85, max: 1000 });
  });

  it('reopen the betting when several short all-ins add up to a full raise', () => {
    const t = new TestTable([40, 55, 1000, 1000]);
    t.start(); // button 0 (40), SB 1 (55), BB 2, first to act 3
    t.raise(3, 30);
    t.allIn(0); // 40: +10
    t.allIn(1); // 55: +15; seat 3 now faces 25, more than the full raise of 20
    t.call(2);
    expect(holdem.legalActions(t.state, 3).raise).toEqual({ min: 75, max: 1000 });
  });
});

describe('uncalled bets', () => {
  it('are returned to the bettor when everyone folds', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.call(0);
    t.check(1);
    t.bet(1, 100);
    t.fold(0);
    expect(t.lastOf('bet_returned')).toEqual([
      { type: 'bet_returned', seat: 1, amount: 100, chips: 990, bet: 0, allIn: false },
    ]);
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({
      amount: 20,
      winners: [{ seat: 1, amount: 20, chips: 1010 }],
    });
    expect([t.chips(0), t.chips(1)]).toEqual([990, 1010]);
  });

  it('are returned when a bigger stack is called all in by a smaller one', () => {
    const t = new TestTable([1000, 300]);
    t.deal(0, { 0: ['As', 'Ad'], 1: ['7c', '2d'] }, [...BOARD]);
    t.allIn(0);
    t.allIn(1);
    expect(t.lastOf('bet_returned')).toEqual([
      { type: 'bet_returned', seat: 0, amount: 700, chips: 700, bet: 300, allIn: false },
    ]);
    expect([t.chips(0), t.chips(1)]).toEqual([1300, 0]);
  });
});

describe('timeouts', () => {
  it('check when checking is free', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.call(0);
    t.do({ kind: 'timeout', seat: 1 });
    expect(t.lastOf('action')[0]).toMatchObject({ seat: 1, action: 'check', forced: 'timeout' });
    expect(t.state.hand?.street).toBe('flop');
  });

  it('fold when there is a bet to call', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.do({ kind: 'timeout', seat: 0 });
    expect(t.lastOf('action')[0]).toMatchObject({ seat: 0, action: 'fold', forced: 'timeout' });
    expect(t.running).toBe(false);
  });

  it('are refused for a seat whose turn it is not', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.rejects({ kind: 'timeout', seat: 1 }, 'action/not_your_turn');
  });
});
