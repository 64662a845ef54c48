// Views, event views and legal actions: what each viewer sees, and what a UI is told it may do.

import { describe, expect, it } from 'vitest';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

function dealt(): TestTable {
  const t = new TestTable([1000, 1000, 1000]);
  t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'], 2: ['Qh', 'Jh'] }, ['2c', '9h', 'Jd', '3s', '4h']);
  return t;
}

describe('views', () => {
  it("show a seat its own hole cards and nobody else's", () => {
    const t = dealt();
    expect(holdem.view(t.state, 1).holeCards).toEqual(['7c', '7d']);
    expect(holdem.view(t.state, 'spectator').holeCards).toBeNull();
    const json = JSON.stringify(holdem.view(t.state, 1));
    for (const card of ['As', 'Kd', 'Qh', 'Jh', '2c', '9h']) expect(json).not.toContain(`"${card}"`);
    expect(json).not.toContain(t.state.rng.key);
  });

  it('show everything public about the table', () => {
    const t = dealt();
    t.raise(0, 30);
    expect(holdem.view(t.state, 'spectator')).toMatchObject({
      handNumber: 1,
      inHand: true,
      street: 'preflop',
      button: 0,
      smallBlind: 1,
      bigBlind: 2,
      board: [],
      currentBet: 30,
      minRaiseTo: 50,
      toAct: 1,
      seats: [
        { seat: 0, name: 'P0', chips: 970, bet: 30, inHand: true, folded: false },
        { seat: 1, chips: 995, bet: 5 },
        { seat: 2, chips: 990, bet: 10 },
      ],
    });
    t.call(1);
    t.call(2);
    expect(holdem.view(t.state, 'spectator')).toMatchObject({
      street: 'flop',
      board: ['2c', '9h', 'Jd'],
      pots: [{ amount: 90, eligible: [0, 1, 2] }],
      currentBet: 0,
      minRaiseTo: 10,
      toAct: 1,
    });
  });

  it("keep showing the finished hand's result until the next deal", () => {
    const t = dealt();
    t.raise(0, 30);
    t.fold(1);
    t.fold(2);
    const v = holdem.view(t.state, 0);
    expect(v).toMatchObject({ inHand: false, toAct: null, pots: [], holeCards: ['As', 'Kd'] });
    expect(v.awards).toEqual([{ amount: 25, winners: [{ seat: 0, amount: 25 }], description: null }]);
  });
});

describe('event views', () => {
  it('give hole cards to their owner only', () => {
    const t = dealt();
    const event = t.all('hole_cards').find((e) => e.seat === 2)!;
    expect(holdem.viewEvent(event, 2)).toEqual({ type: 'hole_cards', seat: 2, cards: ['Qh', 'Jh'] });
    expect(holdem.viewEvent(event, 1)).toEqual({ type: 'hole_cards', seat: 2, cards: null });
    expect(holdem.viewEvent(event, 'spectator')).toEqual({ type: 'hole_cards', seat: 2, cards: null });
  });

  it('fold into the same view a client would fetch fresh', () => {
    const t = new TestTable([1000, 1000, 1000]);
    let client = holdem.view(t.state, 1);
    const from = t.log.length;
    t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'], 2: ['Qh', 'Jh'] }, ['2c', '9h', 'Jd', '3s', '4h']);
    t.raise(0, 30);
    t.call(1);
    t.fold(2);
    t.check(1);
    t.bet(0, 50);
    t.fold(1);
    for (const e of t.log.slice(from)) {
      const ev = holdem.viewEvent(e, 1);
      if (ev !== null) client = holdem.reduceView(client, ev);
    }
    expect(client).toEqual(holdem.view(t.state, 1));
  });
});

describe('legal actions', () => {
  it('give a UI its buttons and slider bounds', () => {
    const t = dealt();
    expect(holdem.legalActions(t.state, 0)).toEqual({
      seat: 0,
      canAct: true,
      fold: true,
      check: false,
      call: 10,
      bet: null,
      raise: { min: 20, max: 1000 },
      allIn: 1000,
    });
    t.call(0);
    t.call(1);
    expect(holdem.legalActions(t.state, 2)).toMatchObject({
      check: true,
      call: null,
      raise: { min: 20, max: 1000 },
    });
  });

  it('say a seat cannot act when it is not its turn', () => {
    const t = dealt();
    expect(holdem.legalActions(t.state, 2)).toEqual({
      seat: 2,
      canAct: false,
      fold: false,
      check: false,
      call: null,
      bet: null,
      raise: null,
      allIn: null,
    });
  });

  it('offer a call of the whole stack when the stack cannot cover the bet', () => {
    const t = new TestTable([1000, 300]);
    t.start();
    t.raise(0, 500);
    expect(holdem.legalActions(t.state, 1)).toMatchObject({ call: 290, raise: null, allIn: 300 });
  });
});
