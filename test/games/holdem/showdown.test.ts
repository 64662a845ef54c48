// Scripted scenarios: side pots, split pots and odd chips, showdown order and mucking, all-in
// run-outs, and hands that end because everyone else folded.

import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/games/contract.js';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

function jsonSeenBy(t: TestTable, viewer: Viewer): string {
  return JSON.stringify([holdem.view(t.state, viewer), t.log.map((e) => holdem.viewEvent(e, viewer))]);
}

describe('side pots', () => {
  it('give each pot of a three-way all-in to the best hand that contributed to it', () => {
    const t = new TestTable([100, 200, 300, 1000]);
    t.deal(0, { 0: ['As', 'Ad'], 1: ['Ks', 'Kd'], 2: ['Qs', 'Qd'], 3: ['7s', '4h'] }, [
      '2c',
      '5d',
      '9h',
      'Js',
      '3c',
    ]);
    t.allIn(3);
    t.allIn(0);
    t.allIn(1);
    t.allIn(2);
    expect(t.lastOf('bet_returned')).toEqual([
      { type: 'bet_returned', seat: 3, amount: 700, chips: 700, bet: 300, allIn: false },
    ]);
    expect(t.lastOf('collect')[0]?.pots).toEqual([
      { amount: 400, eligible: [0, 1, 2, 3] },
      { amount: 300, eligible: [1, 2, 3] },
      { amount: 200, eligible: [2, 3] },
    ]);
    expect(
      t.lastOf('pot_awarded').map((e) => [e.pot, e.amount, e.winners.map((w) => w.seat), e.description]),
    ).toEqual([
      [2, 200, [2], 'Pair of Queens'],
      [1, 300, [1], 'Pair of Kings'],
      [0, 400, [0], 'Pair of Aces'],
    ]);
    expect([0, 1, 2, 3].map((s) => t.chips(s))).toEqual([400, 300, 200, 700]);
    expect(holdem.chipsOnTable(t.state)).toBe(1600);
  });
});

describe('split pots', () => {
  it('divide a pot equally between equal hands', () => {
    const t = new TestTable([1000, 1000]);
    t.deal(0, { 0: ['2s', '3d'], 1: ['2h', '4c'] }, ['Ts', 'Jd', 'Qh', 'Kc', 'Ad']);
    t.call(0);
    t.check(1);
    for (let i = 0; i < 6; i++) t.check(t.toAct!);
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({
      amount: 20,
      winners: [
        { seat: 1, amount: 10 },
        { seat: 0, amount: 10 },
      ],
      description: 'Straight, Ace High',
    });
    expect([t.chips(0), t.chips(1)]).toEqual([1000, 1000]);
  });

  it('give the odd chip to the first winner clockwise from the button', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.deal(0, { 0: ['2s', '3d'], 1: ['8h', '8c'], 2: ['2h', '4c'] }, ['Ts', 'Jd', 'Qh', 'Kc', 'Ad']);
    t.call(0);
    t.fold(1); // 5 chips of dead money: the pot is 25
    t.check(2);
    for (let i = 0; i < 6; i++) t.check(t.toAct!);
    expect(t.lastOf('pot_awarded')[0]?.winners).toEqual([
      { seat: 2, amount: 13, chips: 1003 },
      { seat: 0, amount: 12, chips: 1002 },
    ]);
  });
});

describe('the showdown', () => {
  /** Button 0, SB 1, BB 2; everyone limps and checks to the river. */
  function toTheRiver(): TestTable {
    const t = new TestTable([1000, 1000, 1000]);
    t.deal(0, { 0: ['5s', '5d'], 1: ['Jc', '9c'], 2: ['Kh', 'Qd'] }, ['Kd', '9d', '2c', '7s', 'Jh']);
    t.call(0);
    t.call(1);
    t.check(2);
    for (let i = 0; i < 6; i++) t.check(t.toAct!);
    expect(t.state.hand?.street).toBe('river');
    return t;
  }

  it('starts with the last aggressor on the river; a hand that cannot win is mucked', () => {
    const t = toTheRiver();
    t.check(1);
    t.bet(2, 20);
    t.call(0);
    t.call(1);
    const reveals = t.last.filter((e) => e.type === 'show' || e.type === 'muck');
    expect(reveals).toEqual([
      { type: 'show', seat: 2, cards: ['Kh', 'Qd'], description: 'Pair of Kings' },
      { type: 'muck', seat: 0 },
      { type: 'show', seat: 1, cards: ['Jc', '9c'], description: 'Two Pair, Jacks and Nines' },
    ]);
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({ amount: 90, winners: [{ seat: 1, amount: 90 }] });
  });

  it('starts with the first live player left of the button when nobody bet the river', () => {
    const t = toTheRiver();
    t.check(1);
    t.check(2);
    t.check(0);
    const reveals = t.last.filter((e) => e.type === 'show' || e.type === 'muck').map((e) => [e.type, e.seat]);
    expect(reveals).toEqual([
      ['show', 1],
      ['muck', 2],
      ['muck', 0],
    ]);
  });

  it('keeps mucked cards hidden from everyone else, in views, events and records', () => {
    const t = toTheRiver();
    t.check(1);
    t.bet(2, 20);
    t.call(0);
    t.call(1);
    for (const viewer of ['spectator', 1, 2] as const) {
      const seen = jsonSeenBy(t, viewer);
      expect(seen).not.toContain('"5s"');
      expect(seen).not.toContain('"5d"');
    }
    expect(jsonSeenBy(t, 0)).toContain('"5s"');
    const record = t.lastOf('hand_ended')[0]!.record;
    expect(holdem.recordFor(record, 'public')).toMatchObject({
      players: [
        { seat: 0, cards: null },
        { seat: 1, cards: ['Jc', '9c'] },
        { seat: 2, cards: ['Kh', 'Qd'] },
      ],
    });
    expect(holdem.recordFor(record, 'p0')).toMatchObject({
      players: [{ seat: 0, cards: ['5s', '5d'] }, {}, {}],
    });
    expect(holdem.view(t.state, 'spectator').seats[0]).toMatchObject({ mucked: true, shown: null });
    expect(holdem.view(t.state, 'spectator').seats[2]).toMatchObject({ mucked: false, shown: ['Kh', 'Qd'] });
  });
});

describe('all-in run-outs', () => {
  it('turn every live hand face up, then deal the rest of the board', () => {
    const t = new TestTable([500, 500]);
    t.deal(0, { 0: ['As', 'Ad'], 1: ['Kc', 'Kd'] }, ['2c', '7d', '9h', 'Ks', '3c']);
    t.allIn(0);
    t.call(1);
    expect(t.last.map((e) => e.type)).toEqual([
      'action',
      'collect',
      'reveal',
      'reveal',
      'street',
      'street',
      'street',
      'show',
      'show',
      'pot_awarded',
      'hand_ended',
      'seat_status',
    ]);
    expect(t.lastOf('reveal').map((e) => [e.seat, e.cards])).toEqual([
      [0, ['As', 'Ad']],
      [1, ['Kc', 'Kd']],
    ]);
    expect(t.lastOf('street').map((e) => e.cards)).toEqual([['2c', '7d', '9h'], ['Ks'], ['3c']]);
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({
      amount: 1000,
      winners: [{ seat: 1 }],
      description: 'Three of a Kind, Kings',
    });
    // The loser has no chips left and sits out until they sit back in.
    expect(t.state.seats[0]?.status).toBe('sitting_out');
    expect(holdem.status(t.state).canStart).toBe(false);
  });
});

describe('folds', () => {
  it('end the hand at once when all but one player fold, with nothing shown', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start();
    t.raise(0, 30);
    t.fold(1);
    t.fold(2);
    expect(t.running).toBe(false);
    expect(t.last.map((e) => e.type)).toEqual([
      'action',
      'bet_returned',
      'collect',
      'pot_awarded',
      'hand_ended',
    ]);
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({
      amount: 25,
      winners: [{ seat: 0, amount: 25 }],
      description: null,
    });
    expect(holdem.recordFor(t.lastOf('hand_ended')[0]!.record, 'public')).toMatchObject({
      players: [{ cards: null }, { cards: null }, { cards: null }],
    });
    expect([t.chips(0), t.chips(1), t.chips(2)]).toEqual([1015, 995, 990]);
  });
});
