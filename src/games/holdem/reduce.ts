// Client-side view maintenance: folding one event (as viewEvent projected it) into a view gives the
// view after that event. Events carry resulting values (stacks, bets, pots), so this is a set of
// assignments, not a re-run of the rules. Pure: returns a new view, never mutates the old one.

import type { SeatIndex } from '../contract.js';
import type { HoldemEventView, HoldemSeatView, HoldemView } from './types.js';

type SeatPatch = Partial<Omit<HoldemSeatView, 'seat'>>;

function patchSeat(view: HoldemView, seat: SeatIndex, patch: SeatPatch): HoldemView {
  const current = view.seats[seat];
  if (current === null || current === undefined) return view;
  const seats = view.seats.slice();
  seats[seat] = { ...current, ...patch };
  return { ...view, seats };
}

function mapSeats(view: HoldemView, f: (s: HoldemSeatView) => HoldemSeatView): HoldemView {
  return { ...view, seats: view.seats.map((s) => (s === null ? null : f(s))) };
}

const OUT_OF_HAND = {
  bet: 0,
  inHand: false,
  folded: false,
  allIn: false,
  shown: null,
  mucked: false,
} as const satisfies SeatPatch;

export function reduceView(view: HoldemView, event: HoldemEventView): HoldemView {
  switch (event.type) {
    case 'seat_taken': {
      const seats = view.seats.slice();
      seats[event.seat] = {
        seat: event.seat,
        player: event.player,
        name: event.name,
        bot: event.bot,
        status: 'playing',
        chips: event.chips,
        ...OUT_OF_HAND,
      };
      return { ...view, seats };
    }
    case 'seat_vacated': {
      const seats = view.seats.slice();
      seats[event.seat] = null;
      return { ...view, seats, holeCards: view.viewer === event.seat ? null : view.holeCards };
    }
    case 'seat_status':
      return patchSeat(view, event.seat, { status: event.status });
    case 'chips_added':
      return patchSeat(view, event.seat, {
        chips: event.chips,
        ...(event.status === null ? {} : { status: event.status }),
      });
    case 'hand_started':
      return mapSeats(
        {
          ...view,
          handNumber: event.hand,
          inHand: true,
          street: 'preflop',
          board: [],
          pots: [],
          toAct: null,
          holeCards: null,
          awards: [],
          deal: event.deal ?? null,
        },
        (s) => ({ ...s, ...OUT_OF_HAND }),
      );
    case 'positions':
      return mapSeats(
        {
          ...view,
          button: event.button,
          smallBlind: event.smallBlind,
          bigBlind: event.bigBlind,
          currentBet: event.currentBet,
          minRaiseTo: event.minRaiseTo,
        },
        (s) => (event.seats.includes(s.seat) ? { ...s, inHand: true } : s),
      );
    case 'post':
      return {
        ...patchSeat(view, event.seat, { chips: event.chips, bet: event.bet, allIn: event.allIn }),
        pots: event.pots,
      };
    case 'hole_cards':
      return event.cards === null || view.viewer !== event.seat
        ? view
        : { ...view, holeCards: [event.cards[0], event.cards[1]] };
    case 'action':
      return {
        ...patchSeat(view, event.seat, {
          chips: event.chips,
          bet: event.bet,
          allIn: event.allIn,
          folded: event.action === 'fold' || (view.seats[event.seat]?.folded ?? false),
        }),
        currentBet: event.currentBet,
        minRaiseTo: event.minRaiseTo,
        pots: event.pots,
        toAct: view.toAct === event.seat ? null : view.toAct,
      };
    case 'turn':
      return { ...view, toAct: event.seat };
    case 'bet_returned':
      return patchSeat(view, event.seat, { chips: event.chips, bet: event.bet, allIn: event.allIn });
    case 'collect':
      return mapSeats({ ...view, pots: event.pots, toAct: null }, (s) => ({ ...s, bet: 0 }));
    case 'street':
      return {
        ...view,
        street: event.street,
        board: event.board,
        currentBet: 0,
        minRaiseTo: event.minRaiseTo,
        toAct: null,
      };
    case 'reveal':
    case 'show':
      return patchSeat(view, event.seat, { shown: event.cards });
    case 'muck':
      return patchSeat(view, event.seat, { mucked: true });
    case 'pot_awarded': {
      let next: HoldemView = {
        ...view,
        pots: event.pots,
        awards: [
          ...view.awards,
          {
            amount: event.amount,
            winners: event.winners.map((w) => ({ seat: w.seat, amount: w.amount })),
            description: event.description,
          },
        ],
      };
      for (const w of event.winners) next = patchSeat(next, w.seat, { chips: w.chips });
      return next;
    }
    case 'hand_ended':
      return mapSeats(
        {
          ...view,
          inHand: false,
          toAct: null,
          pots: [],
          currentBet: 0,
          minRaiseTo: 0,
          deal: event.next ?? null,
        },
        (s) => ({ ...s, bet: 0 }),
      );
  }
}
