// Scripted hands for every scoring case, the hakem staying or passing, and the game ending at the
// target score with the pot paid to the two winners.

import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/games/cards.js';
import { hokm, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  cards,
  chooseTrump,
  eventsOfType,
  expectRejected,
  oneSuitEach,
  playCards,
  seatedTable,
  stackDeck,
  stackFirstDeck,
  suitCards,
} from './helpers.js';

/** Plays the hand out, each seat playing its first legal card in the order it was dealt. */
function playOut(state: HokmState): { state: HokmState; events: ReturnType<typeof playCards>['events'] } {
  let current = state;
  const events = [];
  while (current.game?.hand.phase === 'play') {
    const seat = current.game.hand.turn!;
    const legal = hokm.legalActions(current, seat);
    if (legal.type !== 'play') throw new Error('expected a card to play');
    const step = playCards(current, [legal.cards[0] as Card]);
    current = step.state;
    events.push(...step.events);
  }
  return { state: current, events };
}

function firstHand(trump: 's' | 'c' | 'd' | 'h', config: Record<string, unknown> = {}): HokmState {
  const started = accept(seatedTable(config), { kind: 'start', deck: stackFirstDeck(0, oneSuitEach()) });
  return accept(started.state, chooseTrump(0, trump)).state;
}

describe('scoring a hand', () => {
  it('gives the hakem team 2 points for a sweep (kot) and keeps the hakem', () => {
    // Seat 0 holds every spade and names spades: nobody else can follow or trump.
    const { state, events } = playOut(firstHand('s'));
    expect(eventsOfType(events, 'hand_scored')).toEqual([
      {
        type: 'hand_scored',
        hand: 1,
        team: 0,
        points: 2,
        kind: 'kot',
        tricksWon: [7, 0],
        scores: [2, 0],
        nextHakem: 0,
      },
    ]);
    expect(state.game!.hakem).toBe(0);
  });

  it('gives a sweep by the partner of the hakem to the hakem team as a kot too', () => {
    // Seat 2 (the hakem's partner) holds every diamond, the trump: it trumps the first lead and leads trumps.
    const { events } = playOut(firstHand('d'));
    expect(eventsOfType(events, 'hand_scored')[0]).toMatchObject({ team: 0, points: 2, kind: 'kot' });
    expect(eventsOfType(events, 'trick_won').map((t) => t.winner)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });

  it('gives the other team 3 points for sweeping the hakem (hakem kot) and passes the hakem on', () => {
    // Clubs are trump and seat 1 holds them all: it trumps the hakem's lead and then leads trumps.
    const { state, events } = playOut(firstHand('c'));
    expect(eventsOfType(events, 'hand_scored')).toEqual([
      {
        type: 'hand_scored',
        hand: 1,
        team: 1,
        points: 3,
        kind: 'hakem_kot',
        tricksWon: [0, 7],
        scores: [0, 3],
        nextHakem: 3,
      },
    ]);
    expect(state.game!.hakem).toBe(3);
  });

  it('passes the hakem to the next seat in play order after a 1-point loss', () => {
    // Hakem 0 names spades, but seat 1 holds the high spades and draws seat 0's trumps.
    const hands = [
      cards('Ac 7s 6s 5s 4s 3s 2s Kc Qc Jc Tc 9c 8c'),
      cards('As Ks Qs Js Ts 9s 8s 7c 6c 5c 4c 3c 2c'),
      suitCards('d'),
      suitCards('h'),
    ];
    const started = accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, hands) });
    const state = accept(started.state, chooseTrump(0, 's')).state;
    const { state: after, events } = playCards(
      state,
      cards(
        'Ac Ah Ad 2c 2s Kh Kd 8s As 3s Qh Qd Ks 4s Jh Jd Qs 5s Th Td Js 6s 9h 9d Ts 7s 8h 8d 9s 8c 7h 7d',
      ),
    );
    expect(eventsOfType(events, 'trick_won').map((t) => t.winner)).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
    expect(eventsOfType(events, 'hand_scored')).toEqual([
      {
        type: 'hand_scored',
        hand: 1,
        team: 1,
        points: 1,
        kind: 'normal',
        tricksWon: [1, 7],
        scores: [0, 1],
        nextHakem: 3,
      },
    ]);
    expect(after.game!.hakem).toBe(3);
  });

  it('deals the next hand from the new hakem, who can lose a hakem kot in turn', () => {
    // Hand 2, hakem 3 (after the hakem kot of hand 1); seat 0, on the other team, holds every spade.
    let state = playOut(firstHand('c', { targetScore: 21 })).state;
    state = accept(state, { kind: 'start', deck: stackDeck(3, oneSuitEach()) }).state;
    expect(state.game!.hand).toMatchObject({ hakem: 3, turn: 3, inGame: 2, number: 2, phase: 'trump' });
    state = accept(state, chooseTrump(3, 's')).state;
    const { state: after, events } = playOut(state);
    expect(eventsOfType(events, 'hand_scored')[0]).toMatchObject({
      team: 0,
      points: 3,
      kind: 'hakem_kot',
      nextHakem: 2,
    });
    expect(after.game!.scores).toEqual([3, 3]);
    expect(after.game!.hakem).toBe(2);
  });
});

describe('the end of a game', () => {
  it('ends the game at the target score and pays 2 × stake to each winner', () => {
    const { state, events } = playOut(firstHand('c', { targetScore: 3, stake: 100 }));
    expect(eventsOfType(events, 'game_over')).toEqual([
      {
        type: 'game_over',
        game: 1,
        team: 1,
        winners: [1, 3],
        scores: [0, 3],
        payout: [
          { seat: 1, player: 'p1', amount: 200 },
          { seat: 3, player: 'p3', amount: 200 },
        ],
        chips: [900, 1100, 900, 1100],
      },
    ]);
    expect(hokm.seats(state).map((s) => s.chips)).toEqual([900, 1100, 900, 1100]);
    expect(hokm.chipsOnTable(state)).toBe(4000);
    expect(state.game!.pot).toBe(0);
    expect(hokm.status(state)).toEqual({ inHand: false, handNumber: 1, toAct: [], canStart: true });
  });

  it('does not end the game below the target score', () => {
    const { state, events } = playOut(firstHand('c', { targetScore: 4 }));
    expect(eventsOfType(events, 'game_over')).toEqual([]);
    // Between two hands of a game: no hand in progress, and the next one may be dealt.
    expect(hokm.status(state)).toEqual({ inHand: false, handNumber: 1, toAct: [], canStart: true });
    expect(state.game!.winner).toBeNull();
    expect(hokm.chipsOnTable(state)).toBe(4000);
    expect(state.game!.pot).toBe(400);
  });

  it('records the hand, with the game result, in hand_ended', () => {
    const { events } = playOut(firstHand('c', { targetScore: 3 }));
    const [ended] = eventsOfType(events, 'hand_ended');
    expect(ended).toMatchObject({ hand: 1, players: ['p0', 'p1', 'p2', 'p3'] });
    const record = ended!.record;
    expect(record).toMatchObject({
      game: 1,
      hand: 1,
      handInGame: 1,
      hakem: 0,
      trump: 'c',
      tricksWon: [0, 7],
    });
    expect(record.result).toEqual({ team: 1, points: 3, kind: 'hakem_kot' });
    expect(record.tricks).toHaveLength(7);
    expect(record.tricks[0]!.plays.map((p) => p.seat)).toEqual([0, 3, 2, 1]);
    expect(record.gameOver).toEqual({
      team: 1,
      payout: [
        { seat: 1, player: 'p1', amount: 200 },
        { seat: 3, player: 'p3', amount: 200 },
      ],
    });
    expect(record.hands.map((h) => h?.length)).toEqual([13, 13, 13, 13]);
  });

  it('orders the closing events: trick, score, game over, hand ended', () => {
    const { events } = playOut(firstHand('c', { targetScore: 3 }));
    expect(events.slice(-4).map((e) => e.type)).toEqual([
      'trick_won',
      'hand_scored',
      'game_over',
      'hand_ended',
    ]);
  });

  it('starts a new game, with a new hakem draw and fresh scores, after one ends', () => {
    const over = playOut(firstHand('c', { targetScore: 3 })).state;
    const { state, events } = accept(over, { kind: 'start' });
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['game_started', 'hakem_drawn', 'hand_started']);
    expect(state.game).toMatchObject({ number: 2, scores: [0, 0], pot: 400, winner: null });
    expect(hokm.seats(state).map((s) => s.chips)).toEqual([800, 1000, 800, 1000]);
  });

  it('stands up, with their chips, whoever cannot pay the next stake, so the seat can be filled', () => {
    const { state: over, events } = playOut(firstHand('c', { targetScore: 3, stake: 1000 }));
    // The losers (seats 0 and 2) have 0 left: they are vacated at game over, not left blocking.
    expect(hokm.seats(over).map((s) => [s.seat, s.chips])).toEqual([
      [1, 2000],
      [3, 2000],
    ]);
    const vacated = events.flatMap((e) => (e.type === 'seat_vacated' ? [[e.seat, e.chips]] : []));
    expect(vacated).toEqual([
      [0, 0],
      [2, 0],
    ]);
    expect(hokm.status(over).canStart).toBe(false);
    expectRejected(over, { kind: 'start' }, 'table/cannot_start');
    // Two newcomers who can pay: the next game starts.
    let refilled = over;
    for (const seat of [0, 2]) {
      refilled = accept(refilled, {
        kind: 'sit',
        seat,
        player: `n${seat}`,
        name: `N${seat}`,
        chips: 1000,
      }).state;
    }
    expect(hokm.status(refilled).canStart).toBe(true);
    expect(accept(refilled, { kind: 'start' }).state.game).toMatchObject({ number: 2, winner: null });
  });
});
