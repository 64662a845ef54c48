// Scripted scenarios: blinds, antes, the button, the dead-button rule and heads-up play.

import { describe, expect, it } from 'vitest';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

describe('blinds and antes', () => {
  it('posts the small and big blind left of the button and deals two hidden cards to each player', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start();
    expect(t.lastOf('positions')).toEqual([
      {
        type: 'positions',
        button: 0,
        smallBlind: 1,
        bigBlind: 2,
        seats: [0, 1, 2],
        currentBet: 10,
        minRaiseTo: 20,
      },
    ]);
    expect(t.lastOf('post').map((e) => [e.seat, e.blind, e.amount, e.chips])).toEqual([
      [1, 'small', 5, 995],
      [2, 'big', 10, 990],
    ]);
    const dealt = t.lastOf('hole_cards');
    expect(dealt.map((e) => e.seat)).toEqual([1, 2, 0]);
    expect(new Set(dealt.flatMap((e) => e.cards)).size).toBe(6);
    // Three-handed the button is first to act before the flop.
    expect(t.toAct).toBe(0);
    expect(holdem.chipsOnTable(t.state)).toBe(3000);
  });

  it('takes an ante from every dealt-in player before the blinds', () => {
    const t = new TestTable([1000, 1000, 1000], { ante: 2 });
    t.start();
    expect(t.lastOf('post').map((e) => [e.seat, e.blind, e.amount])).toEqual([
      [1, 'ante', 2],
      [2, 'ante', 2],
      [0, 'ante', 2],
      [1, 'small', 5],
      [2, 'big', 10],
    ]);
    expect(holdem.view(t.state, 'spectator').pots).toEqual([{ amount: 6, eligible: [0, 1, 2] }]);
    expect(t.chips(2)).toBe(988);
  });

  it('takes a big-blind ante from the big blind alone, after the blind', () => {
    const t = new TestTable([1000, 1000, 1000], { ante: 10, bigBlindAnte: true });
    t.start();
    expect(t.lastOf('post').map((e) => [e.seat, e.blind, e.amount])).toEqual([
      [1, 'small', 5],
      [2, 'big', 10],
      [2, 'ante', 10],
    ]);
    expect(t.chips(2)).toBe(980);
    expect(holdem.view(t.state, 'spectator').pots).toEqual([{ amount: 10, eligible: [0, 1, 2] }]);
  });

  it('lets a short big blind pay the blind before the big-blind ante', () => {
    const t = new TestTable([1000, 1000, 15], { ante: 10, bigBlindAnte: true });
    t.start();
    expect(t.lastOf('post').map((e) => [e.seat, e.blind, e.amount, e.allIn])).toEqual([
      [1, 'small', 5, false],
      [2, 'big', 10, false],
      [2, 'ante', 5, true],
    ]);
  });

  it('makes callers match the full big blind even when the big blind is all in for less', () => {
    const t = new TestTable([1000, 10, 1000]);
    t.start(); // hand 1: button 0, SB 1 (left with 5 chips), BB 2
    t.foldAround();
    t.start(); // hand 2: button 1, SB 2, BB 0
    t.foldAround();
    t.start(); // hand 3: the big blind reaches seat 1, who has 5 chips
    expect(t.state.hand).toMatchObject({ button: 2, smallBlind: 0, bigBlind: 1 });
    expect(t.lastOf('post').map((e) => [e.seat, e.blind, e.amount, e.allIn])).toEqual([
      [0, 'small', 5, false],
      [1, 'big', 5, true],
    ]);
    expect(holdem.legalActions(t.state, 2).call).toBe(10);
    t.call(2);
    expect(holdem.legalActions(t.state, 0).call).toBe(5);
    t.call(0);
    expect(t.lastOf('collect')).toEqual([
      {
        type: 'collect',
        pots: [
          { amount: 15, eligible: [0, 1, 2] },
          { amount: 10, eligible: [0, 2] },
        ],
      },
    ]);
    expect(t.state.hand?.street).toBe('flop');
  });
});

describe('the button', () => {
  it('moves one seat clockwise each hand', () => {
    const t = new TestTable([1000, 1000, 1000, 1000]);
    const seen: [number, number | null, number][] = [];
    for (let hand = 0; hand < 5; hand++) {
      t.start();
      const h = t.state.hand!;
      seen.push([h.button, h.smallBlind, h.bigBlind]);
      t.foldAround();
    }
    expect(seen).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 0],
      [3, 0, 1],
      [0, 1, 2],
    ]);
  });

  it("leaves the small blind dead when last hand's big blind has left (dead-button rule)", () => {
    const t = new TestTable([1000, 1000, 1000, 1000]);
    t.start(); // button 0, SB 1, BB 2
    t.foldAround();
    t.do({ kind: 'leave', seat: 2 });
    t.start();
    expect(t.state.hand).toMatchObject({ button: 1, smallBlind: null, bigBlind: 3 });
    expect(t.lastOf('post').map((e) => [e.seat, e.blind])).toEqual([[3, 'big']]);
    expect(t.toAct).toBe(0);
  });

  it("leaves the button dead when last hand's small blind has left, so nobody skips the big blind", () => {
    const t = new TestTable([1000, 1000, 1000, 1000]);
    t.start(); // button 0, SB 1, BB 2
    t.foldAround();
    t.do({ kind: 'leave', seat: 1 });
    t.start();
    // Seat 1 is empty: the button stays there (dead); seat 2 posts the small blind, seat 3 the big.
    expect(t.state.hand).toMatchObject({ button: 1, smallBlind: 2, bigBlind: 3 });
    t.call(0);
    t.call(2);
    t.check(3);
    // After the flop the first live seat left of the (dead) button acts first.
    expect(t.toAct).toBe(2);
  });

  it('keeps the big blind moving when a table goes heads-up', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start(); // button 0, SB 1, BB 2
    t.foldAround();
    t.do({ kind: 'leave', seat: 0 });
    t.start();
    // Seat 2 paid the big blind last hand: now seat 1 does, and seat 2 has the button.
    expect(t.state.hand).toMatchObject({ button: 2, smallBlind: 2, bigBlind: 1 });
  });

  it('plays heads-up with the button posting the small blind, acting first before the flop and last after', () => {
    const t = new TestTable([1000, 1000]);
    t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'] }, ['2c', '9h', 'Jd', '3s', '4h']);
    expect(t.state.hand).toMatchObject({ button: 0, smallBlind: 0, bigBlind: 1 });
    // Dealing starts left of the button: the big blind gets the first card.
    expect(t.lastOf('hole_cards').map((e) => e.seat)).toEqual([1, 0]);
    expect(t.toAct).toBe(0);
    t.call(0);
    t.check(1);
    expect(t.state.hand?.street).toBe('flop');
    expect(t.toAct).toBe(1);
    t.check(1);
    expect(t.toAct).toBe(0);
    t.check(0);
    expect(t.state.hand?.street).toBe('turn');
    // Next hand the big blind alternates.
    t.checkDown();
    t.start();
    expect(t.state.hand).toMatchObject({ button: 1, smallBlind: 1, bigBlind: 0 });
  });

  it('plays a full ten-seat table', () => {
    const t = new TestTable(
      Array.from({ length: 10 }, () => 500),
      { seats: 10 },
    );
    t.start();
    expect(t.state.hand?.players).toHaveLength(10);
    expect(t.toAct).toBe(3);
    t.foldAround();
    expect(t.chips(2)).toBe(505);
    expect(t.chips(1)).toBe(495);
  });
});
