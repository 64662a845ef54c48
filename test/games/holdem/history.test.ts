// The PokerStars-format hand history of scripted hands, checked line by line.

import { describe, expect, it } from 'vitest';
import { exportPokerStars, holdem, netFor, playBotHand } from '../../../src/games/holdem/index.js';
import { Rng } from '../../../src/games/rng.js';
import { TestTable } from './helpers.js';

function namedTable(names: readonly string[], chips: readonly number[]): TestTable {
  const t = new TestTable(names.map(() => null));
  names.forEach((name, seat) => t.sit(seat, chips[seat] ?? 1000, name));
  return t;
}

describe('the PokerStars hand history', () => {
  it('writes a hand with a raise war and a showdown line by line', () => {
    const t = namedTable(['Alice', 'Bob', 'Carol', 'Dave'], [1000, 1000, 1000, 1000]);
    t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'], 2: ['Qh', 'Jh'], 3: ['9s', '2s'] }, [
      'Kc',
      '7h',
      '2d',
      '3s',
      'Ah',
    ]);
    t.fold(3);
    t.raise(0, 30);
    t.call(1);
    t.fold(2);
    t.check(1);
    t.bet(0, 40);
    t.raise(1, 120);
    t.call(0);
    t.bet(1, 200);
    t.call(0);
    t.bet(1, 300);
    t.call(0);
    const record = t.lastOf('hand_ended')[0]!.record;
    const text = exportPokerStars(record, {
      hero: 'p0',
      tableName: 'Test',
      timestamp: '2026/01/02 03:04:05 ET',
    });
    expect(text.split('\n')).toEqual([
      "PokerStars Hand #1:  Hold'em No Limit (5/10) - 2026/01/02 03:04:05 ET",
      "Table 'Test' 4-max Seat #1 is the button",
      'Seat 1: Alice (1000 in chips)',
      'Seat 2: Bob (1000 in chips)',
      'Seat 3: Carol (1000 in chips)',
      'Seat 4: Dave (1000 in chips)',
      'Bob: posts small blind 5',
      'Carol: posts big blind 10',
      '*** HOLE CARDS ***',
      'Dealt to Alice [As Kd]',
      'Dave: folds',
      'Alice: raises 20 to 30',
      'Bob: calls 25',
      'Carol: folds',
      '*** FLOP *** [Kc 7h 2d]',
      'Bob: checks',
      'Alice: bets 40',
      'Bob: raises 80 to 120',
      'Alice: calls 80',
      '*** TURN *** [Kc 7h 2d] [3s]',
      'Bob: bets 200',
      'Alice: calls 200',
      '*** RIVER *** [Kc 7h 2d 3s] [Ah]',
      'Bob: bets 300',
      'Alice: calls 300',
      '*** SHOW DOWN ***',
      'Bob: shows [7c 7d] (Three of a Kind, Sevens)',
      'Alice: mucks hand',
      'Bob collected 1310 from pot',
      '*** SUMMARY ***',
      'Total pot 1310 | Rake 0',
      'Board [Kc 7h 2d 3s Ah]',
      'Seat 1: Alice (button) mucked',
      'Seat 2: Bob (small blind) showed [7c 7d] and won (1310) with Three of a Kind, Sevens',
      'Seat 3: Carol (big blind) folded before Flop',
      "Seat 4: Dave folded before Flop (didn't bet)",
      '',
    ]);
    // Another player's history of the same hand never shows Alice's mucked cards.
    const forCarol = exportPokerStars(holdem.recordFor(record, 'p2') as typeof record, { hero: 'p2' });
    expect(forCarol).toContain('Dealt to Carol [Qh Jh]');
    expect(forCarol).not.toMatch(/As Kd/);
  });

  it('writes uncalled bets, all-ins and side pots', () => {
    const t = namedTable(['Ann', 'Ben', 'Cat', 'Dan'], [100, 200, 300, 1000]);
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
    const record = t.lastOf('hand_ended')[0]!.record;
    const lines = exportPokerStars(record).split('\n');
    expect(lines.slice(6, 31)).toEqual([
      'Ben: posts small blind 5',
      'Cat: posts big blind 10',
      '*** HOLE CARDS ***',
      'Dan: raises 990 to 1000 and is all-in',
      'Ann: calls 100 and is all-in',
      'Ben: calls 195 and is all-in',
      'Cat: calls 290 and is all-in',
      'Uncalled bet (700) returned to Dan',
      '*** FLOP *** [2c 5d 9h]',
      '*** TURN *** [2c 5d 9h] [Js]',
      '*** RIVER *** [2c 5d 9h Js] [3c]',
      '*** SHOW DOWN ***',
      'Ben: shows [Ks Kd] (Pair of Kings)',
      'Cat: shows [Qs Qd] (Pair of Queens)',
      'Dan: shows [7s 4h] (High Card, Jack)',
      'Ann: shows [As Ad] (Pair of Aces)',
      'Cat collected 200 from side pot-2',
      'Ben collected 300 from side pot-1',
      'Ann collected 400 from main pot',
      '*** SUMMARY ***',
      'Total pot 900 Main pot 400. Side pot-1 300. Side pot-2 200. | Rake 0',
      'Board [2c 5d 9h Js 3c]',
      'Seat 1: Ann (button) showed [As Ad] and won (400) with Pair of Aces',
      'Seat 2: Ben (small blind) showed [Ks Kd] and won (300) with Pair of Kings',
      'Seat 3: Cat (big blind) showed [Qs Qd] and won (200) with Pair of Queens',
    ]);
    expect(lines[31]).toBe('Seat 4: Dan showed [7s 4h] and lost with High Card, Jack');
  });

  it('writes a hand won uncontested', () => {
    const t = namedTable(['Ann', 'Ben'], [1000, 1000]);
    t.start();
    t.raise(0, 30);
    t.fold(1);
    const lines = exportPokerStars(t.lastOf('hand_ended')[0]!.record).split('\n');
    expect(lines.slice(4)).toEqual([
      'Ann: posts small blind 5',
      'Ben: posts big blind 10',
      '*** HOLE CARDS ***',
      'Ann: raises 20 to 30',
      'Ben: folds',
      'Uncalled bet (20) returned to Ann',
      'Ann collected 20 from pot',
      "Ann: doesn't show hand",
      '*** SUMMARY ***',
      'Total pot 20 | Rake 0',
      'Seat 1: Ann (button) (small blind) collected (20)',
      'Seat 2: Ben (big blind) folded before Flop',
      '',
    ]);
  });
});

describe('netFor', () => {
  it("gives each player's chips won or lost over a hand: stack after minus stack before, summing to zero", () => {
    const parsed = holdem.parseConfig({
      seats: 4,
      smallBlind: 5,
      bigBlind: 10,
      ante: 1,
      minBuyIn: 50,
      maxBuyIn: 5000,
    });
    if (!parsed.ok) throw new Error(parsed.message);
    let state = holdem.setup(parsed.config, 'cd'.repeat(32));
    for (const [seat, chips] of [200, 1000, 350, 75].entries()) {
      const out = holdem.apply(state, { kind: 'sit', seat, player: `p${seat}`, name: `P${seat}`, chips });
      if (!out.ok) throw new Error(out.message);
      state = out.state;
    }
    const rng = Rng.fromSeed('ef'.repeat(32));
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const before = new Map(holdem.seats(state).map((s) => [s.player, s.chips]));
      const hand = playBotHand(state, holdem.bot, rng);
      if (!hand.ok) break;
      state = hand.state;
      const ended = hand.events.find((e) => e.type === 'hand_ended');
      if (!ended) continue;
      let sum = 0;
      for (const p of ended.record.players) {
        const net = netFor(ended.record, p.player);
        const after = holdem.seats(state).find((s) => s.player === p.player)?.chips ?? 0;
        expect(net).toBe(after - (before.get(p.player) ?? 0));
        sum += net ?? 0;
        checked++;
      }
      expect(sum).toBe(0);
    }
    expect(checked).toBeGreaterThan(20);
    expect(netFor({ game: 'hokm' }, 'p0')).toBeNull();
  });
});
