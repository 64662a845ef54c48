// What one viewer may see of the table: everything public plus their own hole cards. Never other
// players' unshown or mucked cards, the deck or the RNG.

import { dealCommitment, type DealCommitment } from '../fair-deal.js';
import type { Viewer } from '../contract.js';
import { computePots, publicPots } from './pots.js';
import type { HandPlayer, HandState, HoldemSeatView, HoldemState, HoldemView, SeatState } from './types.js';

/** The hand's player at a seat, if it is still the seat's current occupant. */
export function occupantInHand(
  hand: HandState | null,
  seat: SeatState | null,
  index: number,
): HandPlayer | undefined {
  if (hand === null || seat === null) return undefined;
  const p = hand.players.find((q) => q.seat === index);
  return p !== undefined && !p.vacated && p.player === seat.player ? p : undefined;
}

function seatView(state: HoldemState, seat: SeatState | null, index: number): HoldemSeatView | null {
  if (seat === null) return null;
  const p = occupantInHand(state.hand, seat, index);
  return {
    seat: index,
    player: seat.player,
    name: seat.name,
    bot: seat.bot,
    status: seat.status,
    chips: seat.chips,
    bet: p?.bet ?? 0,
    inHand: p !== undefined,
    folded: p?.folded ?? false,
    allIn: p?.allIn ?? false,
    shown: p?.shown === true ? [...p.cards] : null,
    mucked: p?.mucked ?? false,
  };
}

export function view(state: HoldemState, viewer: Viewer): HoldemView {
  const hand = state.hand;
  const running = hand !== null && !hand.complete;
  const own = viewer === 'spectator' ? undefined : occupantInHand(hand, state.seats[viewer] ?? null, viewer);
  return {
    game: 'holdem',
    viewer,
    config: state.config,
    handNumber: state.handNumber,
    inHand: running,
    street: hand?.street ?? null,
    button: hand?.button ?? null,
    smallBlind: hand?.smallBlind ?? null,
    bigBlind: hand?.bigBlind ?? null,
    board: hand === null ? [] : [...hand.board],
    pots: running ? publicPots(computePots(hand.players, true)) : [],
    currentBet: running ? hand.currentBet : 0,
    minRaiseTo: running ? hand.currentBet + hand.minRaise : 0,
    toAct: hand?.toAct ?? null,
    holeCards: own === undefined ? null : [own.cards[0], own.cards[1]],
    seats: state.seats.map((s, i) => seatView(state, s, i)),
    awards:
      hand === null ? [] : hand.awards.map((a) => ({ ...a, winners: a.winners.map((w) => ({ ...w })) })),
    deal: dealToCome(state, running),
  };
}

/** The running hand's commitment, or between hands the next one's (what `hand_ended` announced). */
function dealToCome(state: HoldemState, running: boolean): DealCommitment | null {
  if (running) {
    const deal = state.hand?.deal;
    return deal ? { hand: deal.hand, commitment: deal.commitment } : null;
  }
  return state.verifiable === true ? dealCommitment(state.rng.key, state.handNumber + 1) : null;
}
