// The table around the games: sitting down, the buy-in, starting a game (stakes, the face-up hakem
// draw, the first deal), leaving and sitting out before, during and after a game.

import { describe, expect, it } from 'vitest';
import { rankOf } from '../../../src/games/cards.js';
import { dealCommitment } from '../../../src/games/fair-deal.js';
import { hokm, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  chooseTrump,
  eventsOfType,
  expectRejected,
  oneSuitEach,
  SEED,
  seatedTable,
  stackFirstDeck,
} from './helpers.js';

function emptyTable(config: Record<string, unknown> = {}): HokmState {
  const parsed = hokm.parseConfig(config);
  if (!parsed.ok) throw new Error(parsed.message);
  return hokm.setup(parsed.config, SEED);
}

/** Plays the current hand to its end with the timeout rule. */
function timeOutHand(state: HokmState): HokmState {
  let current = state;
  while (hokm.status(current).toAct.length > 0) {
    current = accept(current, { kind: 'timeout', seat: hokm.status(current).toAct[0]! }).state;
  }
  return current;
}

describe('sitting down', () => {
  it('seats a player with their buy-in and announces it', () => {
    const { state, events } = accept(emptyTable(), {
      kind: 'sit',
      seat: 2,
      player: 'u',
      name: 'Una',
      chips: 500,
      bot: true,
    });
    expect(events).toEqual([
      { type: 'seat_taken', seat: 2, player: 'u', name: 'Una', chips: 500, bot: true },
    ]);
    expect(hokm.seats(state)).toEqual([
      { seat: 2, player: 'u', name: 'Una', chips: 500, status: 'playing', bot: true },
    ]);
    expect(hokm.chipsOnTable(state)).toBe(500);
    expect(hokm.seatCount(state)).toBe(4);
  });

  it('refuses a taken seat, a second seat for the same player, a bad seat and a buy-in out of range', () => {
    const state = accept(emptyTable({ stake: 100, maxBuyIn: 1000 }), {
      kind: 'sit',
      seat: 0,
      player: 'a',
      name: 'A',
      chips: 500,
    }).state;
    expectRejected(state, { kind: 'sit', seat: 0, player: 'b', name: 'B', chips: 500 }, 'table/seat_taken');
    expectRejected(
      state,
      { kind: 'sit', seat: 1, player: 'a', name: 'A', chips: 500 },
      'table/already_seated',
    );
    expectRejected(
      state,
      { kind: 'sit', seat: 4, player: 'b', name: 'B', chips: 500 },
      'table/invalid_command',
    );
    expectRejected(
      state,
      { kind: 'sit', seat: 1, player: 'b', name: 'B', chips: 99 },
      'table/buy_in_out_of_range',
    );
    expectRejected(
      state,
      { kind: 'sit', seat: 1, player: 'b', name: 'B', chips: 1001 },
      'table/buy_in_out_of_range',
    );
    expectRejected(
      state,
      { kind: 'sit', seat: 1, player: 'b', name: 'B', chips: 100.5 },
      'table/invalid_command',
    );
  });
});

describe('starting a game', () => {
  it('needs four players', () => {
    const three = accept(
      accept(accept(emptyTable(), { kind: 'sit', seat: 0, player: 'a', name: 'A', chips: 500 }).state, {
        kind: 'sit',
        seat: 1,
        player: 'b',
        name: 'B',
        chips: 500,
      }).state,
      { kind: 'sit', seat: 3, player: 'd', name: 'D', chips: 500 },
    ).state;
    expect(hokm.status(three)).toEqual({ inHand: false, handNumber: 0, toAct: [], canStart: false });
    expectRejected(three, { kind: 'start' }, 'table/cannot_start');
  });

  it('takes the stake from every player into the pot', () => {
    const { state, events } = accept(seatedTable({ stake: 250 }), { kind: 'start' });
    expect(eventsOfType(events, 'game_started')).toEqual([
      {
        type: 'game_started',
        game: 1,
        players: ['p0', 'p1', 'p2', 'p3'],
        stake: 250,
        pot: 1000,
        targetScore: 7,
        chips: [750, 750, 750, 750],
      },
    ]);
    expect(hokm.seats(state).map((s) => s.chips)).toEqual([750, 750, 750, 750]);
    expect(state.game!.pot).toBe(1000);
    expect(hokm.chipsOnTable(state)).toBe(4000);
  });

  it('draws the first hakem by dealing face up until the first ace, one card a seat in play order', () => {
    const { state, events } = accept(seatedTable(), { kind: 'start' });
    const [drawn] = eventsOfType(events, 'hakem_drawn');
    const draws = drawn!.draws;
    expect(rankOf(draws.at(-1)!.card)).toBe('A');
    expect(draws.slice(0, -1).every((d) => rankOf(d.card) !== 'A')).toBe(true);
    for (let i = 1; i < draws.length; i++) expect(draws[i]!.seat).toBe((draws[i - 1]!.seat + 3) % 4);
    expect(drawn!.hakem).toBe(draws.at(-1)!.seat);
    expect(state.game!.hand).toMatchObject({ hakem: drawn!.hakem, turn: drawn!.hakem, phase: 'trump' });
  });

  it('starts the stacked draw at seat 0, so the first ace of the stacked deck picks the hakem', () => {
    const { events } = accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(2, oneSuitEach()) });
    const [drawn] = eventsOfType(events, 'hakem_drawn');
    expect(drawn!.draws.map((d) => d.seat)).toEqual([0, 3, 2]);
    expect(drawn!.hakem).toBe(2);
  });

  it('spreads the first hakem over all four seats across seeds', () => {
    const hakems = new Set<number>();
    for (let i = 0; i < 40 && hakems.size < 4; i++) {
      const seed = i.toString(16).padStart(2, '0').repeat(32);
      hakems.add(accept(seatedTable({}, 1000, seed), { kind: 'start' }).state.game!.hakem);
    }
    expect(hakems.size).toBe(4);
  });

  it('deals five cards to each seat, hakem first, and waits for the hakem to name trump', () => {
    const { state, events } = accept(seatedTable(), { kind: 'start' });
    const hakem = state.game!.hakem;
    const dealt = eventsOfType(events, 'cards_dealt');
    expect(dealt.map((d) => d.seat)).toEqual([hakem, (hakem + 3) % 4, (hakem + 2) % 4, (hakem + 1) % 4]);
    expect(dealt.every((d) => d.cards.length === 5 && d.held === 5 && d.round === 'first')).toBe(true);
    expect(eventsOfType(events, 'hand_started')).toEqual([
      // The commitment to this hand's deck, the same one views showed before the deal.
      { type: 'hand_started', hand: 1, game: 1, inGame: 1, hakem, deal: dealCommitment(SEED, 1) },
    ]);
    expect(hokm.status(state)).toEqual({ inHand: true, handNumber: 1, toAct: [hakem], canStart: false });
    expect(hokm.legalActions(state, hakem)).toEqual({ type: 'choose_trump', suits: ['c', 'd', 'h', 's'] });
  });

  it('deals the other eight cards each, in packets of four from the hakem, once trump is named', () => {
    const started = accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, oneSuitEach()) }).state;
    const { state, events } = accept(started, chooseTrump(0, 'h'));
    expect(events[0]).toEqual({ type: 'trump_chosen', hand: 1, seat: 0, suit: 'h', timeout: false });
    const rest = eventsOfType(events, 'cards_dealt');
    expect(rest.map((d) => [d.seat, d.round, d.cards.length, d.held])).toEqual([
      [0, 'rest', 8, 13],
      [3, 'rest', 8, 13],
      [2, 'rest', 8, 13],
      [1, 'rest', 8, 13],
    ]);
    expect(state.game!.hand.undealt).toEqual([]);
    expect(hokm.status(state).toAct).toEqual([0]);
  });

  it('rejects a stacked deck that is not the 52 cards once each', () => {
    const deck = stackFirstDeck(0, oneSuitEach());
    const table = seatedTable();
    expectRejected(table, { kind: 'start', deck: deck.slice(1) }, 'table/invalid_deck');
    expectRejected(table, { kind: 'start', deck: [...deck.slice(1), deck[1]!] }, 'table/invalid_deck');
    expectRejected(table, { kind: 'start', deck: [...deck.slice(1), 'Xx'] }, 'table/invalid_deck');
  });

  it('refuses to deal the next hand before the current one is over', () => {
    const state = accept(seatedTable(), { kind: 'start' }).state;
    expectRejected(state, { kind: 'start' }, 'table/cannot_start');
  });
});

describe('leaving and sitting out', () => {
  it('vacates a seat at once between games, returning its chips', () => {
    const { state, events } = accept(seatedTable(), { kind: 'leave', seat: 1 });
    expect(events).toEqual([{ type: 'seat_vacated', seat: 1, player: 'p1', chips: 1000 }]);
    expect(state.seats[1]).toBeNull();
  });

  it('marks a seat leaving during a game and vacates it, with its winnings, when the game ends', () => {
    let state = accept(seatedTable({ targetScore: 1 }), { kind: 'start' }).state;
    const left = accept(state, { kind: 'leave', seat: 2 });
    expect(left.events).toEqual([{ type: 'seat_status', seat: 2, status: 'leaving' }]);
    state = left.state;
    expectRejected(state, { kind: 'leave', seat: 2 }, 'table/already_leaving');
    expect(hokm.seats(state)[2]).toMatchObject({ status: 'leaving', chips: 900 });

    const before = hokm.chipsOnTable(state);
    const ended = timeOutHand(state);
    const winners = ended.game!.winner === 0 ? 1100 : 900;
    expect(ended.seats[2]).toBeNull();
    expect(hokm.seats(ended).map((s) => s.seat)).toEqual([0, 1, 3]);
    expect(hokm.chipsOnTable(ended) + winners).toBe(before);
  });

  it('emits seat_vacated for a leaving seat after the game is settled', () => {
    let state = accept(seatedTable({ targetScore: 1 }), { kind: 'start' }).state;
    state = accept(state, { kind: 'leave', seat: 2 }).state;
    let events: readonly { type: string }[] = [];
    while (hokm.status(state).toAct.length > 0) {
      const step = accept(state, { kind: 'timeout', seat: hokm.status(state).toAct[0]! });
      state = step.state;
      events = step.events;
    }
    expect(events.slice(-3).map((e) => e.type)).toEqual(['game_over', 'hand_ended', 'seat_vacated']);
  });

  it('lets a leaving player change their mind with sit_in during the game', () => {
    let state = accept(seatedTable(), { kind: 'start' }).state;
    state = accept(state, { kind: 'leave', seat: 0 }).state;
    const { state: back, events } = accept(state, { kind: 'sit_in', seat: 0 });
    expect(events).toEqual([{ type: 'seat_status', seat: 0, status: 'playing' }]);
    expect(hokm.seats(back)[0]!.status).toBe('playing');
  });

  it('refuses sit_out during a game and allows it between games, where it blocks the next game', () => {
    const playing = accept(seatedTable(), { kind: 'start' }).state;
    expectRejected(playing, { kind: 'sit_out', seat: 1 }, 'table/not_supported');

    const out = accept(seatedTable(), { kind: 'sit_out', seat: 1 });
    expect(out.events).toEqual([{ type: 'seat_status', seat: 1, status: 'sitting_out' }]);
    expect(hokm.status(out.state).canStart).toBe(false);
    expectRejected(out.state, { kind: 'start' }, 'table/cannot_start');
    expectRejected(out.state, { kind: 'sit_out', seat: 1 }, 'table/already_sitting_out');
    const back = accept(out.state, { kind: 'sit_in', seat: 1 }).state;
    expect(hokm.status(back).canStart).toBe(true);
    expectRejected(back, { kind: 'sit_in', seat: 1 }, 'table/not_sitting_out');
  });

  it('refuses to act for, leave or sit out an empty seat', () => {
    const state = accept(seatedTable(), { kind: 'leave', seat: 3 }).state;
    expectRejected(state, { kind: 'leave', seat: 3 }, 'table/seat_empty');
    expectRejected(state, { kind: 'sit_out', seat: 3 }, 'table/seat_empty');
    expectRejected(state, { kind: 'sit_in', seat: 3 }, 'table/seat_empty');
    expectRejected(state, { kind: 'act', seat: 3, action: { type: 'play', card: 'As' } }, 'table/seat_empty');
  });
});
