// Scripted play of one hand: direction of play, following suit, trick winners with and without
// trump, the hand ending the moment a team has seven tricks, and a 1-point win keeping the hakem.

import { describe, expect, it } from 'vitest';
import { hokm, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  cards,
  chooseTrump,
  eventsOfType,
  expectRejected,
  play,
  playCards,
  seatedTable,
  stackFirstDeck,
  suitCards,
} from './helpers.js';

// Hakem 0, trump spades. Seats 0 & 2 are team 0, seats 1 & 3 team 1; play goes 0 → 3 → 2 → 1.
const HANDS = [
  cards('As Ks Qs Js Ts 9s 8s Kc Qc Jc Tc 9c 8c'),
  cards('7s 6s 5s 4s 3s 2d Ac 7c 6c 5c 4c 3c 2c'),
  suitCards('h'),
  cards('Ad Kd Qd Jd Td 9d 8d 7d 6d 5d 4d 3d 2s'),
];

function dealt(): HokmState {
  const started = accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, HANDS) });
  return accept(started.state, chooseTrump(0, 's')).state;
}

describe('playing tricks', () => {
  it('deals everyone the thirteen cards the stacked deck says', () => {
    const hands = dealt().game!.hand.hands;
    for (let seat = 0; seat < 4; seat++) expect([...hands[seat]!].sort()).toEqual([...HANDS[seat]!].sort());
  });

  it('goes counter-clockwise from the hakem: 0, 3, 2, 1', () => {
    let state = dealt();
    const turns: number[] = [];
    for (const card of cards('Kc Ad Ah Ac')) {
      turns.push(state.game!.hand.turn!);
      state = playCards(state, [card]).state;
    }
    expect(turns).toEqual([0, 3, 2, 1]);
  });

  it('gives a trick without trump to the highest card of the led suit, not a higher off-suit card', () => {
    const { events } = playCards(dealt(), cards('Kc Ad Ah Ac'));
    const [won] = eventsOfType(events, 'trick_won');
    expect(won).toMatchObject({ trick: 1, winner: 1, team: 1, tricksWon: [0, 1] });
  });

  it('gives a trick to a trump over higher cards of the led suit, and the winner leads next', () => {
    const afterFirst = playCards(dealt(), cards('Kc Ad Ah Ac')).state;
    expect(afterFirst.game!.hand.turn).toBe(1);
    const { state, events } = playCards(afterFirst, cards('2c Qc 2s 2h'));
    expect(eventsOfType(events, 'trick_won')[0]).toMatchObject({ winner: 3, tricksWon: [0, 2] });
    expect(state.game!.hand.turn).toBe(3);
  });

  it('makes a player follow the led suit while they can, and lets a void player trump', () => {
    let state = playCards(dealt(), cards('Kc Ad Ah Ac 2c Qc 2s 2h 3d 3h')).state;
    expect(state.game!.hand.turn).toBe(1);
    expectRejected(state, play(1, '3c'), 'hokm/must_follow_suit');
    state = playCards(state, cards('2d')).state;
    const { events } = playCards(state, cards('8s'));
    expect(eventsOfType(events, 'trick_won')[0]).toMatchObject({ winner: 0, tricksWon: [1, 2] });
  });

  it('ends the hand as soon as a team has seven tricks and keeps the hakem after a 1-point win', () => {
    const { state, events } = playCards(
      dealt(),
      cards(
        'Kc Ad Ah Ac 2c Qc 2s 2h 3d 3h 2d 8s Jc 4d 4h 3c Tc 5d 5h 4c 9c 6d 6h 5c As 7d 7h 3s Ks 8d 8h 4s Qs 9d 9h 5s',
      ),
    );
    expect(eventsOfType(events, 'trick_won')).toHaveLength(9);
    expect(eventsOfType(events, 'hand_scored')).toEqual([
      {
        type: 'hand_scored',
        hand: 1,
        team: 0,
        points: 1,
        kind: 'normal',
        tricksWon: [7, 2],
        scores: [1, 0],
        nextHakem: 0,
      },
    ]);
    const hand = state.game!.hand;
    expect(hand.phase).toBe('ended');
    expect(hand.tricks).toHaveLength(9);
    expect(hand.hands.map((h) => h.length)).toEqual([4, 4, 4, 4]);
    expect(hokm.status(state)).toEqual({ inHand: false, handNumber: 1, toAct: [], canStart: true });
    expectRejected(state, play(0, 'Js'), 'hokm/no_hand');
  });

  it('lists exactly the cards of the led suit as legal while the player holds some', () => {
    const state = playCards(dealt(), cards('Kc Ad Ah')).state;
    expect(hokm.legalActions(state, 1)).toEqual({ type: 'play', cards: cards('Ac 7c 6c 5c 4c 3c 2c') });
    expect(hokm.legalActions(state, 0)).toEqual({ type: 'none' });
  });

  it('lets a void player play any card', () => {
    const state = playCards(dealt(), cards('Kc')).state;
    const legal = hokm.legalActions(state, 3);
    expect(legal.type === 'play' && legal.cards.length).toBe(13);
  });
});
