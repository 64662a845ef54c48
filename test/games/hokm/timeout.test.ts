// The timeout rule the runtime applies when a seat's turn timer runs out.

import { describe, expect, it } from 'vitest';
import { hokm, lowestCard, timeoutTrump, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  cards,
  chooseTrump,
  eventsOfType,
  expectRejected,
  oneSuitEach,
  playCards,
  seatedTable,
  stackFirstDeck,
} from './helpers.js';

describe('timeout trump', () => {
  it('names the suit with the most cards among the five', () => {
    expect(timeoutTrump(cards('2h 3h 4h As Ks'))).toBe('h');
  });

  it('breaks a tie in length by the higher cards, highest first', () => {
    expect(timeoutTrump(cards('Ah 2h Kd Qd 3c'))).toBe('h');
    expect(timeoutTrump(cards('Ah 2h Ad 3d 4c'))).toBe('d');
  });

  it('breaks a full tie by suit order, spades highest', () => {
    expect(timeoutTrump(cards('Ac Kc Ah Kh 2d'))).toBe('h');
  });
});

describe('timeout card', () => {
  it('plays the lowest non-trump card', () => {
    expect(lowestCard(cards('2s 5h 3d Ah'), 's')).toBe('3d');
  });

  it('plays a trump only when every legal card is one', () => {
    expect(lowestCard(cards('Ks 4s'), 's')).toBe('4s');
  });

  it('breaks a tie in rank by suit order, clubs lowest', () => {
    expect(lowestCard(cards('3h 3c 3d'), 's')).toBe('3c');
  });
});

describe('the timeout command', () => {
  function trumpPhase(): HokmState {
    return accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, oneSuitEach()) }).state;
  }

  it('names trump for a hakem who timed out, and says so in the event', () => {
    const { state, events } = accept(trumpPhase(), { kind: 'timeout', seat: 0 });
    expect(events[0]).toEqual({ type: 'trump_chosen', hand: 1, seat: 0, suit: 's', timeout: true });
    expect(state.game!.hand.trump).toBe('s');
  });

  it('plays the lowest legal card for a player who timed out', () => {
    const led = playCards(accept(trumpPhase(), chooseTrump(0, 'c')).state, cards('As')).state;
    const { events } = accept(led, { kind: 'timeout', seat: 3 });
    expect(eventsOfType(events, 'card_played')).toEqual([
      { type: 'card_played', hand: 1, trick: 1, seat: 3, card: '2h', timeout: true, turn: 2 },
    ]);
  });

  it('is refused for a seat that is not to act', () => {
    expectRejected(trumpPhase(), { kind: 'timeout', seat: 1 }, 'action/not_your_turn');
    expectRejected(seatedTable(), { kind: 'timeout', seat: 0 }, 'action/not_your_turn');
  });

  it('plays whole games on its own', () => {
    let state = accept(seatedTable({ targetScore: 3 }), { kind: 'start' }).state;
    let steps = 0;
    while (state.game!.winner === null && steps++ < 2000) {
      const toAct = hokm.status(state).toAct[0];
      state = accept(state, toAct === undefined ? { kind: 'start' } : { kind: 'timeout', seat: toAct }).state;
    }
    expect(state.game!.winner).not.toBeNull();
    expect(Math.max(...state.game!.scores)).toBeGreaterThanOrEqual(3);
  });
});
