// A player's betting action on their turn: validate it against the legal actions, move the chips,
// record it, then let the hand move on.

import { reject, type Rejection, type SeatIndex } from '../contract.js';
import { handOf, type Ctx } from './draft.js';
import { progress } from './flow.js';
import { computePots, publicPots } from './pots.js';
import { legalActions, playerAt } from './rules.js';
import type { ActionKind, ForcedBy, HandPlayer, HoldemAction } from './types.js';

/** Applies `action` for the seat whose turn it is. Returns a rejection, or null once applied. */
export function applyAction(
  ctx: Ctx,
  seat: SeatIndex,
  action: HoldemAction,
  forced: ForcedBy,
): Rejection | null {
  const state = ctx.state;
  const hand = handOf(ctx);
  const legal = legalActions(state, seat);
  const p = playerAt(hand, seat);
  const chips = state.seats[seat]?.chips ?? 0;
  if (!legal.canAct || p === undefined)
    return reject('action/not_your_turn', `it is not seat ${seat}'s turn`);
  const maxTo = p.bet + chips;

  switch (action.type) {
    case 'fold':
      fold(ctx, p, forced);
      break;
    case 'check':
      if (!legal.check) return reject('action/cannot_check', 'there is a bet to call');
      record(ctx, p, 'check', 0, forced);
      break;
    case 'call':
      if (legal.call === null) return reject('action/nothing_to_call', 'there is no bet to call: check');
      putTo(ctx, p, p.bet + legal.call, forced);
      break;
    case 'bet':
      if (hand.currentBet > 0)
        return reject('action/cannot_bet', 'there is already a bet on this street: raise');
      if (action.amount > maxTo)
        return reject('action/invalid_amount', `a bet of ${action.amount} exceeds the stack`);
      if (legal.bet === null) return reject('action/cannot_bet', 'betting is closed for this seat');
      if (action.amount < legal.bet.min) {
        return reject('action/below_minimum', `the minimum bet is ${legal.bet.min}`);
      }
      putTo(ctx, p, action.amount, forced);
      break;
    case 'raise':
      if (hand.currentBet === 0) return reject('action/cannot_raise', 'nobody has bet on this street: bet');
      if (action.to > maxTo)
        return reject('action/invalid_amount', `a raise to ${action.to} exceeds the stack`);
      if (legal.raise === null) {
        return reject('action/cannot_raise', 'the betting is not open to a raise from this seat');
      }
      if (action.to < legal.raise.min) {
        return reject('action/below_minimum', `the minimum raise is to ${legal.raise.min}`);
      }
      putTo(ctx, p, action.to, forced);
      break;
    case 'all_in':
      if (legal.allIn === null) {
        return reject('action/cannot_raise', 'going all in would be a raise, and the betting is not open');
      }
      putTo(ctx, p, legal.allIn, forced);
      break;
  }
  progress(ctx, seat);
  return null;
}

/** Folds a player (on their turn, or out of turn when they leave); does not move the hand on. */
export function fold(ctx: Ctx, p: HandPlayer, forced: ForcedBy): void {
  p.folded = true;
  record(ctx, p, 'fold', 0, forced);
}

/** Raises the player's street bet to `to` (a call, bet or raise), then records it. */
function putTo(ctx: Ctx, p: HandPlayer, to: number, forced: ForcedBy): void {
  const hand = handOf(ctx);
  const seat = ctx.state.seats[p.seat];
  if (seat === null || seat === undefined) return;
  const added = to - p.bet;
  seat.chips -= added;
  p.bet = to;
  p.committed += added;
  p.allIn = seat.chips === 0;
  let kind: ActionKind = 'call';
  if (to > hand.currentBet) {
    kind = hand.currentBet === 0 ? 'bet' : 'raise';
    // Only a full raise sets the new minimum; a short all-in leaves it (and does not reopen).
    if (to - hand.currentBet >= hand.minRaise) hand.minRaise = to - hand.currentBet;
    hand.currentBet = to;
    hand.aggressor = p.seat;
  }
  record(ctx, p, kind, added, forced);
}

function record(ctx: Ctx, p: HandPlayer, action: ActionKind, amount: number, forced: ForcedBy): void {
  const hand = handOf(ctx);
  const chips = ctx.state.seats[p.seat]?.chips ?? 0;
  p.acted = true;
  hand.log.push({
    kind: 'action',
    street: hand.street,
    seat: p.seat,
    action,
    amount,
    to: p.bet,
    allIn: p.allIn,
    forced,
  });
  ctx.events.push({
    type: 'action',
    seat: p.seat,
    action,
    amount,
    bet: p.bet,
    chips,
    allIn: p.allIn,
    forced,
    currentBet: hand.currentBet,
    minRaiseTo: hand.currentBet + hand.minRaise,
    pots: publicPots(computePots(hand.players, true)),
  });
}
