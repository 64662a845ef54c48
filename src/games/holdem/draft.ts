// `apply` never mutates its input: it works on a draft that copies every container it may touch
// (seats, the hand, its players, board, awards and log) and shares the rest (config, the deck, the
// cards), which are never mutated. That is a handful of small objects per command — far cheaper
// than a deep clone — and keeps the rejected path free: rejections return before drafting or
// simply drop the draft.

import type { HandState, HoldemEvent, HoldemState } from './types.js';

export function draftState(state: HoldemState): HoldemState {
  return {
    ...state,
    seats: state.seats.map((s) => (s === null ? null : { ...s })),
    hand: state.hand === null ? null : draftHand(state.hand),
  };
}

function draftHand(hand: HandState): HandState {
  return {
    ...hand,
    players: hand.players.map((p) => ({ ...p })),
    board: [...hand.board],
    awards: [...hand.awards],
    log: [...hand.log],
  };
}

/** A command in progress: the draft state and the events emitted so far. */
export interface Ctx {
  readonly state: HoldemState;
  readonly events: HoldemEvent[];
}

/** The running hand of a draft; callers only use it where a hand is known to be in progress. */
export function handOf(ctx: Ctx): HandState {
  const hand = ctx.state.hand;
  if (hand === null) throw new Error('no hand in progress');
  return hand;
}
