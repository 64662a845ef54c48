// Read-only questions about a hand in progress: who may act, whether the betting round is over,
// and what a seat may legally do.

import type { SeatIndex } from '../contract.js';
import type { HandPlayer, HandState, HoldemLegalActions, HoldemState } from './types.js';

export function playerAt(hand: HandState, seat: SeatIndex): HandPlayer | undefined {
  return hand.players.find((p) => p.seat === seat);
}

export function handRunning(state: HoldemState): boolean {
  return state.hand !== null && !state.hand.complete;
}

export function livePlayers(hand: HandState): HandPlayer[] {
  return hand.players.filter((p) => !p.folded);
}

/** A player can still put chips in: in the hand and not all in. */
export function canBet(p: HandPlayer): boolean {
  return !p.folded && !p.allIn;
}

/** The player has something to do on this street: never acted, or a bet to answer. */
export function needsAction(hand: HandState, p: HandPlayer): boolean {
  return canBet(p) && (!p.acted || p.bet < hand.currentBet);
}

/**
 * The betting round is over when everyone who can still bet has acted and matched the bet — or
 * when at most one player can still bet and they already cover every other live player's bet
 * (nobody is left to bet against; this is also how a big blind that was short is "called").
 */
export function roundComplete(hand: HandState): boolean {
  const bettors = hand.players.filter(canBet);
  if (bettors.length === 0) return true;
  const only = bettors[0];
  if (bettors.length === 1 && only !== undefined) {
    let maxOther = 0;
    for (const p of hand.players) if (!p.folded && p !== only) maxOther = Math.max(maxOther, p.bet);
    if (only.bet >= maxOther) return true;
  }
  return bettors.every((p) => p.acted && p.bet >= hand.currentBet);
}

/**
 * May the player bet or raise at all? Not when nobody else could answer, and — the incomplete
 * all-in rule — not when they already acted on this street and what they face now is less than a
 * full raise (short all-ins do not reopen the betting to players who have already acted).
 */
export function raiseOpen(hand: HandState, p: HandPlayer): boolean {
  const othersCanAnswer = hand.players.some((o) => o !== p && canBet(o));
  return othersCanAnswer && (!p.acted || hand.currentBet - p.bet >= hand.minRaise);
}

const NONE = (seat: SeatIndex): HoldemLegalActions => ({
  seat,
  canAct: false,
  fold: false,
  check: false,
  call: null,
  bet: null,
  raise: null,
  allIn: null,
});

export function legalActions(state: HoldemState, seat: SeatIndex): HoldemLegalActions {
  const hand = state.hand;
  if (hand === null || hand.complete || hand.toAct !== seat) return NONE(seat);
  const p = playerAt(hand, seat);
  const chips = state.seats[seat]?.chips ?? 0;
  if (p === undefined || !canBet(p) || chips <= 0) return NONE(seat);
  const toCall = Math.max(0, hand.currentBet - p.bet);
  const maxTo = p.bet + chips;
  const open = raiseOpen(hand, p) && chips > toCall;
  const bigBlind = state.config.bigBlind;
  return {
    seat,
    canAct: true,
    fold: true,
    check: toCall === 0,
    call: toCall > 0 ? Math.min(toCall, chips) : null,
    bet: open && hand.currentBet === 0 ? { min: Math.min(bigBlind, maxTo), max: maxTo } : null,
    raise:
      open && hand.currentBet > 0
        ? { min: Math.min(hand.currentBet + hand.minRaise, maxTo), max: maxTo }
        : null,
    allIn: open || chips <= toCall ? maxTo : null,
  };
}
