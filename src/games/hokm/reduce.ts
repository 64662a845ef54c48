// Client-side view maintenance: fold one event (as `viewEvent` projected it) into a view. For every
// viewer, folding the events of an accepted command into `view(before)` gives exactly
// `view(after)` — the property tests check this over random games. Events carry resulting values
// (stacks, hand sizes, scores, whose turn), so nothing here re-implements the rules beyond
// appending plays and keeping the viewer's cards sorted.

import { SEATS } from './state.js';
import type { HokmEventView } from './events.js';
import { sortCards } from './rules.js';
import type { HokmGameView, HokmHandView, HokmSeatView, HokmView } from './view.js';

export function reduceView(view: HokmView, event: HokmEventView): HokmView {
  switch (event.type) {
    case 'seat_taken': {
      const seat: HokmSeatView = {
        player: event.player,
        name: event.name,
        chips: event.chips,
        status: 'playing',
        bot: event.bot,
      };
      return { ...view, seats: setAt(view.seats, event.seat, seat) };
    }
    case 'seat_vacated': {
      // The engine drops the cards a vacated seat still held (they stay secret forever).
      const emptied = withHand(view, (h) => ({
        ...h,
        handSizes: setAt(h.handSizes, event.seat, 0),
        myCards: view.viewer === event.seat ? [] : h.myCards,
      }));
      return { ...emptied, seats: setAt(view.seats, event.seat, null) };
    }
    case 'seat_status':
      return mapSeat(view, event.seat, (s) => ({ ...s, status: event.status }));
    case 'game_started': {
      const game: HokmGameView = {
        number: event.game,
        players: event.players,
        scores: [0, 0],
        pot: event.pot,
        draw: [],
        hakem: null,
        winner: null,
        payout: [],
        hand: null,
      };
      return { ...view, gameNumber: event.game, seats: withChips(view, event.chips), game };
    }
    case 'hakem_drawn':
      return withGame(view, (g) => ({ ...g, draw: event.draws, hakem: event.hakem }));
    case 'hand_started': {
      const hand: HokmHandView = {
        number: event.hand,
        inGame: event.inGame,
        hakem: event.hakem,
        phase: 'trump',
        trump: null,
        turn: event.hakem,
        leader: event.hakem,
        trick: [],
        tricks: [],
        tricksWon: [0, 0],
        handSizes: Array<number>(SEATS).fill(0),
        myCards: view.viewer === 'spectator' ? null : [],
        result: null,
      };
      return {
        ...withGame(view, (g) => ({ ...g, hakem: event.hakem, hand })),
        handNumber: event.hand,
        deal: event.deal ?? null,
      };
    }
    case 'cards_dealt': {
      const cards = event.cards;
      return withHand(view, (h) => ({
        ...h,
        handSizes: setAt(h.handSizes, event.seat, event.held),
        myCards: cards && h.myCards ? sortCards([...h.myCards, ...cards]) : h.myCards,
      }));
    }
    case 'trump_chosen':
      return withHand(view, (h) => ({ ...h, trump: event.suit, phase: 'play' }));
    case 'card_played':
      return withHand(view, (h) => ({
        ...h,
        trick: [...h.trick, { seat: event.seat, card: event.card }],
        turn: event.turn,
        handSizes: setAt(h.handSizes, event.seat, (h.handSizes[event.seat] ?? 1) - 1),
        myCards:
          h.myCards && view.viewer === event.seat ? h.myCards.filter((c) => c !== event.card) : h.myCards,
      }));
    case 'trick_won':
      return withHand(view, (h) => ({
        ...h,
        trick: [],
        tricks: [...h.tricks, { leader: h.leader, plays: event.plays, winner: event.winner }],
        tricksWon: event.tricksWon,
        leader: event.winner,
        turn: event.winner,
      }));
    case 'hand_scored': {
      const result = { team: event.team, points: event.points, kind: event.kind };
      const scored = withHand(view, (h) => ({ ...h, phase: 'ended', turn: null, result }));
      return withGame(scored, (g) => ({ ...g, scores: event.scores, hakem: event.nextHakem }));
    }
    case 'game_over': {
      const over = withGame(view, (g) => ({ ...g, winner: event.team, payout: event.payout, pot: 0 }));
      return { ...over, seats: withChips(over, event.chips) };
    }
    case 'hand_ended':
      return { ...view, deal: event.next ?? null };
  }
  // An event type this client does not know (a newer server): keep the view as it is.
  return view;
}

function setAt<T>(items: readonly T[], i: number, value: T): T[] {
  const out = items.slice();
  out[i] = value;
  return out;
}

function mapSeat(view: HokmView, i: number, f: (s: HokmSeatView) => HokmSeatView): HokmView {
  const seat = view.seats[i];
  return seat ? { ...view, seats: setAt(view.seats, i, f(seat)) } : view;
}

function withChips(view: HokmView, chips: readonly (number | null)[]): (HokmSeatView | null)[] {
  return view.seats.map((s, i) => {
    const c = chips[i];
    return s && c !== null && c !== undefined ? { ...s, chips: c } : s;
  });
}

function withGame(view: HokmView, f: (g: HokmGameView) => HokmGameView): HokmView {
  return view.game ? { ...view, game: f(view.game) } : view;
}

function withHand(view: HokmView, f: (h: HokmHandView) => HokmHandView): HokmView {
  return withGame(view, (g) => (g.hand ? { ...g, hand: f(g.hand) } : g));
}
