// `apply` never mutates its input: it works on a draft that copies every container it may touch
// (seats, the hand, its players, board, awards and log) and shares the rest (config, the deck, the
// cards), which are never mutated. That is a handful of small objects per command — far cheaper
// than a deep clone — and keeps the rejected path free: rejections return before drafting or
// simply drop the draft.

import type { HandPlayer, HandState, HoldemEvent, HoldemState, SeatState } from './types.js';

export function draftState(state: HoldemState): HoldemState {
  return {
    game: state.game,
    config: state.config,
    seats: state.seats.map(copySeat),
    handNumber: state.handNumber,
    hand: state.hand === null ? null : draftHand(state.hand),
    rng: state.rng,
    // Undefined on older tables, which JSON leaves out: their states serialize as before.
    verifiable: state.verifiable,
    nextEntropy: state.nextEntropy,
  };
}

// Explicit literals rather than object spread: V8 builds these with one stable shape, which
// profiling showed to be several times cheaper than spreading on this hot path.
function copySeat(s: SeatState | null): SeatState | null {
  return s === null ? null : { player: s.player, name: s.name, chips: s.chips, status: s.status, bot: s.bot };
}

function copyPlayer(p: HandPlayer): HandPlayer {
  return {
    seat: p.seat,
    player: p.player,
    name: p.name,
    startChips: p.startChips,
    cards: p.cards,
    bet: p.bet,
    committed: p.committed,
    folded: p.folded,
    allIn: p.allIn,
    acted: p.acted,
    shown: p.shown,
    mucked: p.mucked,
    vacated: p.vacated,
  };
}

function draftHand(hand: HandState): HandState {
  return {
    number: hand.number,
    deck: hand.deck,
    // Hands from before verifiable deals have no `deal`.
    deal: hand.deal ?? null,
    next: hand.next,
    button: hand.button,
    sbPosition: hand.sbPosition,
    smallBlind: hand.smallBlind,
    bigBlind: hand.bigBlind,
    players: hand.players.map(copyPlayer),
    board: hand.board.slice(),
    street: hand.street,
    currentBet: hand.currentBet,
    minRaise: hand.minRaise,
    aggressor: hand.aggressor,
    toAct: hand.toAct,
    complete: hand.complete,
    awards: hand.awards.slice(),
    log: hand.log.slice(),
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
