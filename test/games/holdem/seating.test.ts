// Scripted scenarios: sitting down, leaving (between hands and during one), sitting out and in,
// starting hands.

import { describe, expect, it } from 'vitest';
import { FULL_DECK } from '../../../src/games/cards.js';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

describe('sitting down', () => {
  it('takes a free seat with chips inside the buy-in range', () => {
    const t = new TestTable([null, null, null], { minBuyIn: 100, maxBuyIn: 1000 });
    t.do({ kind: 'sit', seat: 1, player: 'ann', name: 'Ann', chips: 500, bot: true });
    expect(t.last).toEqual([
      { type: 'seat_taken', seat: 1, player: 'ann', name: 'Ann', chips: 500, bot: true },
    ]);
    expect(holdem.seats(t.state)).toEqual([
      { seat: 1, player: 'ann', name: 'Ann', chips: 500, status: 'playing', bot: true },
    ]);
  });

  it('refuses a taken seat, a player already seated, chips outside the buy-in and bad names', () => {
    const t = new TestTable([null, null, null], { minBuyIn: 100, maxBuyIn: 1000 });
    t.do({ kind: 'sit', seat: 1, player: 'ann', name: 'Ann', chips: 500 });
    t.rejects({ kind: 'sit', seat: 1, player: 'bob', name: 'Bob', chips: 500 }, 'seat/taken');
    t.rejects({ kind: 'sit', seat: 2, player: 'ann', name: 'Ann', chips: 500 }, 'seat/already_seated');
    t.rejects({ kind: 'sit', seat: 2, player: 'bob', name: 'Bob', chips: 99 }, 'seat/buy_in');
    t.rejects({ kind: 'sit', seat: 2, player: 'bob', name: 'Bob', chips: 1001 }, 'seat/buy_in');
    t.rejects({ kind: 'sit', seat: 2, player: 'bob', name: 'Bob', chips: 100.5 }, 'seat/buy_in');
    t.rejects({ kind: 'sit', seat: 2, player: 'bob', name: '  ', chips: 500 }, 'seat/invalid_name');
    t.rejects({ kind: 'sit', seat: 2, player: '', name: 'Bob', chips: 500 }, 'seat/invalid_player');
    t.rejects({ kind: 'sit', seat: 3, player: 'bob', name: 'Bob', chips: 500 }, 'seat/invalid');
  });

  it('lets a player sit down during a hand and deals them in from the next hand', () => {
    const t = new TestTable([1000, 1000, null]);
    t.start();
    t.sit(2, 1000);
    expect(t.state.hand?.players.map((p) => p.seat)).toEqual([0, 1]);
    expect(holdem.view(t.state, 'spectator').seats[2]).toMatchObject({ inHand: false, chips: 1000 });
    t.foldAround();
    t.start();
    expect(t.state.hand?.players.map((p) => p.seat)).toEqual([0, 1, 2]);
  });
});

describe('leaving', () => {
  it('vacates the seat at once between hands and pays out the chips', () => {
    const t = new TestTable([1000, 1000]);
    t.do({ kind: 'leave', seat: 1 });
    expect(t.last).toEqual([{ type: 'seat_vacated', seat: 1, player: 'p1', chips: 1000 }]);
    expect(t.state.seats[1]).toBeNull();
    expect(holdem.chipsOnTable(t.state)).toBe(1000);
  });

  it('folds a player still in the hand at once, even out of turn, and vacates the seat when the hand ends', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start(); // button 0 to act, SB 1, BB 2
    t.do({ kind: 'leave', seat: 1 });
    expect(t.last.map((e) => e.type)).toEqual(['seat_status', 'action']);
    expect(t.lastOf('action')[0]).toMatchObject({ seat: 1, action: 'fold', forced: 'leave' });
    expect(t.state.seats[1]?.status).toBe('leaving');
    expect(t.toAct).toBe(0);
    t.call(0);
    t.check(2);
    for (let i = 0; i < 6; i++) t.check(t.toAct!);
    expect(t.running).toBe(false);
    expect(t.lastOf('seat_vacated')).toEqual([{ type: 'seat_vacated', seat: 1, player: 'p1', chips: 995 }]);
    expect(t.state.seats[1]).toBeNull();
  });

  it('folds a player who leaves on their turn and passes the turn on', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start(); // button 0 to act
    t.do({ kind: 'leave', seat: 0 });
    expect(t.lastOf('action')[0]).toMatchObject({ seat: 0, action: 'fold', forced: 'leave' });
    expect(t.lastOf('turn')).toEqual([{ type: 'turn', seat: 1 }]);
    expect(holdem.status(t.state).toAct).toEqual([1]);
  });

  it('ends the hand at once when the leaver was the last opponent', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    t.do({ kind: 'leave', seat: 1 });
    expect(t.running).toBe(false);
    // The big blind's chips are forfeit: a leaver's bet is not returned as uncalled.
    expect(t.lastOf('pot_awarded')[0]).toMatchObject({ winners: [{ seat: 0, amount: 15 }] });
    expect(t.lastOf('seat_vacated')).toEqual([{ type: 'seat_vacated', seat: 1, player: 'p1', chips: 990 }]);
  });

  it('keeps an all-in player in the hand until the showdown, then pays them out', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.deal(0, { 0: ['As', 'Ad'], 1: ['7c', '2d'], 2: ['8c', '3d'] }, ['Kc', 'Qd', '9h', '4s', '5h']);
    t.allIn(0);
    t.call(1);
    t.do({ kind: 'leave', seat: 0 });
    expect(t.last).toEqual([{ type: 'seat_status', seat: 0, status: 'leaving' }]);
    t.fold(2);
    expect(t.running).toBe(false);
    expect(t.lastOf('seat_vacated')).toEqual([{ type: 'seat_vacated', seat: 0, player: 'p0', chips: 2010 }]);
  });

  it('ends the betting round when the leaver was the only one left to answer', () => {
    const t = new TestTable([1000, 1000, 1000, 1000]);
    t.start(); // button 0, SB 1, BB 2, first to act 3
    t.call(3);
    t.call(0);
    t.call(1);
    // The big blind still has its option; its leaving folds it and the flop comes at once.
    t.do({ kind: 'leave', seat: 2 });
    expect(t.state.hand?.street).toBe('flop');
    expect(t.toAct).toBe(1);
  });

  it('refuses to leave twice or from an empty seat', () => {
    const t = new TestTable([1000, 1000, 1000, null]);
    t.start();
    t.do({ kind: 'leave', seat: 2 });
    t.rejects({ kind: 'leave', seat: 2 }, 'seat/leaving');
    t.rejects({ kind: 'leave', seat: 3 }, 'seat/empty');
  });
});

describe('sitting out', () => {
  it('takes effect at the next deal: a sitting-out player finishes the hand, then is dealt out', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start();
    t.do({ kind: 'sit_out', seat: 2 });
    expect(t.last).toEqual([{ type: 'seat_status', seat: 2, status: 'sitting_out' }]);
    expect(t.state.hand?.players.some((p) => p.seat === 2 && !p.folded)).toBe(true);
    t.foldAround();
    t.start();
    expect(t.state.hand?.players.map((p) => p.seat)).toEqual([0, 1]);
    t.do({ kind: 'sit_in', seat: 2 });
    t.foldAround();
    t.start();
    expect(t.state.hand?.players.map((p) => p.seat)).toEqual([0, 1, 2]);
  });

  it('refuses a change to the status the seat already has, and sitting in without chips', () => {
    const t = new TestTable([1000, 1000]);
    t.rejects({ kind: 'sit_in', seat: 0 }, 'seat/no_change');
    t.rejects({ kind: 'sit_out', seat: 99 }, 'seat/invalid');
    t.deal(0, { 0: ['As', 'Ad'], 1: ['7c', '2d'] }, ['Kc', 'Qd', '9h', '4s', '5h']);
    t.allIn(0);
    t.call(1);
    expect(t.state.seats[1]).toMatchObject({ chips: 0, status: 'sitting_out' });
    t.rejects({ kind: 'sit_in', seat: 1 }, 'seat/no_chips');
    t.rejects({ kind: 'sit_out', seat: 1 }, 'seat/no_change');
  });
});

describe('starting a hand', () => {
  it('needs two players able to play', () => {
    const t = new TestTable([1000, null, null]);
    expect(holdem.status(t.state).canStart).toBe(false);
    t.rejects({ kind: 'start' }, 'hand/not_enough_players');
    t.sit(2, 1000);
    t.do({ kind: 'sit_out', seat: 2 });
    t.rejects({ kind: 'start' }, 'hand/not_enough_players');
    t.do({ kind: 'sit_in', seat: 2 });
    expect(holdem.status(t.state)).toEqual({ inHand: false, handNumber: 0, toAct: [], canStart: true });
    t.start();
    expect(holdem.status(t.state)).toEqual({ inHand: true, handNumber: 1, toAct: [0], canStart: false });
    t.rejects({ kind: 'start' }, 'hand/in_progress');
  });

  it('accepts a stacked deck only when it lists the 52 cards once each', () => {
    const t = new TestTable([1000, 1000]);
    t.rejects({ kind: 'start', deck: FULL_DECK.slice(1) }, 'hand/invalid_deck');
    t.rejects({ kind: 'start', deck: [...FULL_DECK.slice(1), '3c'] }, 'hand/invalid_deck');
    t.rejects({ kind: 'start', deck: [...FULL_DECK.slice(1), 'Xx'] }, 'hand/invalid_deck');
    t.rejects({ kind: 'start', deck: 'As Kd' }, 'hand/invalid_deck');
    t.start([...FULL_DECK].reverse());
    // Dealt one at a time from the top, starting left of the button: the big blind (seat 1) gets
    // the first and third cards.
    expect(t.state.hand?.players.map((p) => p.cards)).toEqual([
      ['Ah', 'Ac'],
      ['As', 'Ad'],
    ]);
  });
});

describe('adding chips (rebuy, top-up)', () => {
  it('deals a busted player in again once they add chips, and never takes a stack past the maximum', () => {
    const t = new TestTable([null, null, null], { minBuyIn: 100, maxBuyIn: 1000 });
    t.do({ kind: 'sit', seat: 0, player: 'ann', name: 'Ann', chips: 100 });
    t.do({ kind: 'sit', seat: 1, player: 'bob', name: 'Bob', chips: 1000 });
    // Ann goes all in and loses: she is left at no chips, sitting out.
    t.deal(0, { 0: ['2c', '7d'], 1: ['As', 'Ah'] }, ['3s', '4s', '9h', 'Kd', 'Qc']);
    t.allIn(t.toAct ?? -1);
    t.call(t.toAct ?? -1);
    expect(holdem.seats(t.state).find((s) => s.seat === 0)).toMatchObject({
      chips: 0,
      status: 'sitting_out',
    });

    t.rejects({ kind: 'top_up', seat: 0, chips: 1001 }, 'seat/top_up');
    t.rejects({ kind: 'top_up', seat: 0, chips: 0 }, 'seat/top_up');
    t.rejects({ kind: 'top_up', seat: 0, chips: 2.5 }, 'seat/top_up');
    t.rejects({ kind: 'top_up', seat: 0, chips: 99 }, 'seat/top_up'); // below the minimum buy-in
    t.rejects({ kind: 'top_up', seat: 2, chips: 100 }, 'seat/empty');
    t.rejects({ kind: 'top_up', seat: 1, chips: 1 }, 'seat/top_up'); // Bob is at the maximum
    const before = holdem.chipsOnTable(t.state);
    t.do({ kind: 'top_up', seat: 0, chips: 400 });
    expect(t.last).toEqual([{ type: 'chips_added', seat: 0, amount: 400, chips: 400, status: 'playing' }]);
    expect(holdem.chipsOnTable(t.state)).toBe(before + 400);
    const view = holdem.reduceView(holdem.view(t.state, 'spectator'), t.last[0] as never);
    expect(view.seats[0]).toMatchObject({ chips: 400, status: 'playing' });
    t.start();
    expect(t.state.hand?.players.map((p) => p.seat)).toEqual([0, 1]);
  });

  it('refuses chips for a player dealt into the running hand, and keeps a sitting-out player out', () => {
    const t = new TestTable([500, 500, 500], { minBuyIn: 100, maxBuyIn: 1000 });
    t.start();
    t.rejects({ kind: 'top_up', seat: 1, chips: 100 }, 'seat/in_hand');
    t.foldAround();
    t.do({ kind: 'sit_out', seat: 2 });
    t.do({ kind: 'top_up', seat: 2, chips: 100 });
    const stack = holdem.seats(t.state).find((s) => s.seat === 2)?.chips;
    expect(t.last).toEqual([{ type: 'chips_added', seat: 2, amount: 100, chips: stack, status: null }]);
    expect(holdem.seats(t.state).find((s) => s.seat === 2)?.status).toBe('sitting_out');
  });
});
