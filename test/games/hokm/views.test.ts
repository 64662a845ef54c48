// What each viewer sees: views, event views, hand records, and a client folding event views.

import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/games/contract.js';
import { hokm, type HokmEvent, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  cards,
  chooseTrump,
  eventsOfType,
  oneSuitEach,
  playCards,
  seatedTable,
  stackFirstDeck,
  suitCards,
} from './helpers.js';

const HANDS = oneSuitEach();

function trumpPhase(): { state: HokmState; events: readonly HokmEvent[] } {
  return accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, HANDS) });
}

function cardsIn(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"([2-9TJQKA][cdhs])"/g)].map((m) => m[1]!);
}

describe('views', () => {
  it('shows the hakem only their first five while trump is being chosen, and each seat only its own five', () => {
    const { state } = trumpPhase();
    const hakem = hokm.view(state, 0).game!.hand!;
    expect(hakem).toMatchObject({ phase: 'trump', trump: null, turn: 0, hakem: 0, handSizes: [5, 5, 5, 5] });
    expect(hakem.myCards).toHaveLength(5);
    expect(new Set(hakem.myCards)).toEqual(new Set(state.game!.hand.hands[0]));
    const other = hokm.view(state, 3).game!.hand!;
    expect(new Set(other.myCards)).toEqual(new Set(HANDS[3]!.slice(0, 5)));
  });

  it('never contains a card of another seat or the undealt cards', () => {
    const { state } = trumpPhase();
    for (const viewer of [0, 1, 2, 3] as const) {
      const own = new Set<string>(state.game!.hand.hands[viewer]);
      const seen = cardsIn({
        ...hokm.view(state, viewer),
        game: { ...hokm.view(state, viewer).game, draw: [] },
      });
      expect(seen.every((c) => own.has(c))).toBe(true);
    }
  });

  it('shows a spectator no cards but the public ones', () => {
    const state = playCards(accept(trumpPhase().state, chooseTrump(0, 's')).state, cards('As')).state;
    const view = hokm.view(state, 'spectator');
    expect(view.game!.hand).toMatchObject({
      myCards: null,
      trump: 's',
      trick: [{ seat: 0, card: 'As' }],
      handSizes: [12, 13, 13, 13],
    });
    expect(cardsIn({ ...view, game: { ...view.game, draw: [] } })).toEqual(['As']);
  });

  it('sorts a seat’s own cards by suit, then rank', () => {
    const state = accept(trumpPhase().state, chooseTrump(0, 's')).state;
    expect(hokm.view(state, 1).game!.hand!.myCards).toEqual(suitCards('c').reverse());
  });

  it('shows everyone the trump, tricks won per team, scores, the hakem and whose turn it is', () => {
    const state = playCards(
      accept(trumpPhase().state, chooseTrump(0, 's')).state,
      cards('As Ah Ad Ac Ks'),
    ).state;
    for (const viewer of [0, 1, 2, 3, 'spectator'] as const) {
      const game = hokm.view(state, viewer).game!;
      expect(game).toMatchObject({ scores: [0, 0], hakem: 0, pot: 400 });
      expect(game.hand).toMatchObject({
        trump: 's',
        turn: 3,
        tricksWon: [1, 0],
        trick: [{ seat: 0, card: 'Ks' }],
      });
      expect(game.hand!.tricks).toEqual([
        {
          leader: 0,
          winner: 0,
          plays: [
            { seat: 0, card: 'As' },
            { seat: 3, card: 'Ah' },
            { seat: 2, card: 'Ad' },
            { seat: 1, card: 'Ac' },
          ],
        },
      ]);
    }
  });
});

describe('event views', () => {
  it('give dealt cards to their owner only; the others learn how many', () => {
    const dealt = eventsOfType(trumpPhase().events, 'cards_dealt').find((e) => e.seat === 2)!;
    expect(hokm.viewEvent(dealt, 2)).toEqual({
      type: 'cards_dealt',
      hand: 1,
      seat: 2,
      round: 'first',
      count: 5,
      held: 5,
      cards: dealt.cards,
    });
    for (const viewer of [0, 1, 3, 'spectator'] as Viewer[]) {
      expect(hokm.viewEvent(dealt, viewer)).toEqual({
        type: 'cards_dealt',
        hand: 1,
        seat: 2,
        round: 'first',
        count: 5,
        held: 5,
        cards: null,
      });
    }
  });

  it('pass public events through unchanged', () => {
    const { events } = accept(trumpPhase().state, chooseTrump(0, 'd'));
    expect(hokm.viewEvent(events[0]!, 'spectator')).toEqual(events[0]);
  });

  it('fold into the view a client already has', () => {
    const before = accept(trumpPhase().state, chooseTrump(0, 's')).state;
    const { state: after, events } = playCards(before, cards('As Ah Ad Ac'));
    for (const viewer of [0, 1, 2, 3, 'spectator'] as const) {
      const folded = events
        .map((e) => hokm.viewEvent(e, viewer)!)
        .reduce((v, e) => hokm.reduceView(v, e), hokm.view(before, viewer));
      expect(folded).toEqual(hokm.view(after, viewer));
    }
  });
});

describe('reduceView', () => {
  it('keeps the view as it is for an event type it does not know', () => {
    const view = hokm.view(trumpPhase().state, 1);
    expect(hokm.reduceView(view, { type: 'from_the_future' } as never)).toBe(view);
  });
});

describe('hand records', () => {
  function endedHand() {
    const state = accept(trumpPhase().state, chooseTrump(0, 's')).state;
    const spades = suitCards('s');
    const plays = spades
      .slice(0, 7)
      .flatMap((s, i) => [s, suitCards('h')[i]!, suitCards('d')[i]!, suitCards('c')[i]!]);
    return eventsOfType(playCards(state, plays).events, 'hand_ended')[0]!;
  }

  it('hold all four dealt hands, and give each player only their own', () => {
    const ended = endedHand();
    expect(ended.record.hands.map((h) => h?.length)).toEqual([13, 13, 13, 13]);
    const mine = hokm.recordFor(ended.record, 'p3') as typeof ended.record;
    expect(mine.hands).toEqual([null, null, null, [...HANDS[3]!].reverse()]);
    expect(mine.tricks).toEqual(ended.record.tricks);
    expect((hokm.recordFor(ended.record, 'public') as typeof ended.record).hands).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect((hokm.recordFor(ended.record, 'stranger') as typeof ended.record).hands).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('reach every viewer of hand_ended as the public record, and each player with their own hand from recordFor', () => {
    const ended = endedHand();
    for (const viewer of [0, 1, 2, 3, 'spectator'] as const) {
      const seen = hokm.viewEvent(ended, viewer) as typeof ended;
      expect(seen.record.hands).toEqual([null, null, null, null]);
    }
    expect(hokm.seenAlike(ended)).toBe(true);
    const own = hokm.recordFor(ended.record, ended.record.players[1] ?? '') as typeof ended.record | null;
    expect(own?.hands.map((h) => h !== null)).toEqual([false, true, false, false]);
  });

  it('turn anything that is not a Hokm record into null', () => {
    expect(hokm.recordFor(null, 'p1')).toBeNull();
    expect(hokm.recordFor({ hand: 1 }, 'p1')).toBeNull();
    expect(hokm.recordFor('record', 'public')).toBeNull();
  });
});
