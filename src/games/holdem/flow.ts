// How a hand moves on after each action: the next seat to act, the end of a betting round
// (uncalled bet returned, bets collected), the next street, or an all-in run-out.

import type { SeatIndex } from '../contract.js';
import { handOf, type Ctx } from './draft.js';
import { computePots, publicPots, uncalledBet } from './pots.js';
import { canBet, livePlayers, needsAction, playerAt, roundComplete } from './rules.js';
import { showdown, winByFold } from './showdown.js';
import type { Street } from './types.js';

const NEXT_STREET: Record<Street, Street> = { preflop: 'flop', flop: 'turn', turn: 'river', river: 'river' };

/** After `from` acted (or a street began after the button `from`): who acts next, or what ends. */
export function progress(ctx: Ctx, from: SeatIndex): void {
  const hand = handOf(ctx);
  if (livePlayers(hand).length === 1) {
    winByFold(ctx);
    return;
  }
  const next = roundComplete(hand) ? null : nextToAct(ctx, from);
  if (next === null) {
    endRound(ctx);
    return;
  }
  hand.toAct = next;
  ctx.events.push({ type: 'turn', seat: next });
}

function nextToAct(ctx: Ctx, from: SeatIndex): SeatIndex | null {
  const hand = handOf(ctx);
  const n = ctx.state.config.seats;
  for (let step = 1; step <= n; step++) {
    const p = playerAt(hand, (from + step) % n);
    if (p !== undefined && needsAction(hand, p)) return p.seat;
  }
  return null;
}

/** Gives back the part of the top bet nobody called. */
export function returnUncalled(ctx: Ctx): void {
  const hand = handOf(ctx);
  const uncalled = uncalledBet(hand.players);
  if (uncalled === null) return;
  const p = playerAt(hand, uncalled.seat);
  const seat = ctx.state.seats[uncalled.seat];
  if (p === undefined || seat === null || seat === undefined) return;
  p.bet -= uncalled.amount;
  p.committed -= uncalled.amount;
  seat.chips += uncalled.amount;
  p.allIn = seat.chips === 0;
  hand.log.push({ kind: 'returned', seat: p.seat, amount: uncalled.amount });
  ctx.events.push({
    type: 'bet_returned',
    seat: p.seat,
    amount: uncalled.amount,
    chips: seat.chips,
    bet: p.bet,
    allIn: p.allIn,
  });
}

/** Returns the uncalled bet and moves the street's bets into the pots. */
export function collectBets(ctx: Ctx): void {
  const hand = handOf(ctx);
  hand.toAct = null;
  returnUncalled(ctx);
  if (hand.players.every((p) => p.bet === 0)) return;
  for (const p of hand.players) p.bet = 0;
  ctx.events.push({ type: 'collect', pots: publicPots(computePots(hand.players, false)) });
}

/** The betting round is over: collect, then the next street, a run-out or the showdown. */
export function endRound(ctx: Ctx): void {
  const hand = handOf(ctx);
  collectBets(ctx);
  if (hand.street === 'river') {
    showdown(ctx);
    return;
  }
  if (hand.players.filter(canBet).length <= 1) {
    // Nobody can bet any more: everyone's cards go face up and the board is dealt out.
    revealAll(ctx);
    // Deal until the river (dealStreet moves hand.street on; a bounded loop for the three streets).
    for (let i = 0; i < 3 && !onRiver(ctx); i++) dealStreet(ctx);
    showdown(ctx);
    return;
  }
  dealStreet(ctx);
  progress(ctx, hand.button);
}

function onRiver(ctx: Ctx): boolean {
  return handOf(ctx).street === 'river';
}

function revealAll(ctx: Ctx): void {
  const hand = handOf(ctx);
  for (const p of livePlayers(hand)) {
    if (p.shown) continue;
    p.shown = true;
    hand.log.push({ kind: 'reveal', seat: p.seat, cards: p.cards });
    ctx.events.push({ type: 'reveal', seat: p.seat, cards: p.cards });
  }
}

/** Burns one card and deals the next street; opens a fresh betting round. */
function dealStreet(ctx: Ctx): void {
  const hand = handOf(ctx);
  const street = NEXT_STREET[hand.street];
  const count = street === 'flop' ? 3 : 1;
  const start = hand.next + 1;
  const cards = hand.deck.slice(start, start + count);
  hand.next = start + count;
  hand.board.push(...cards);
  hand.street = street;
  hand.currentBet = 0;
  hand.minRaise = ctx.state.config.bigBlind;
  hand.aggressor = null;
  for (const p of hand.players) p.acted = false;
  hand.log.push({ kind: 'street', street, cards });
  ctx.events.push({ type: 'street', street, cards, board: [...hand.board], minRaiseTo: hand.minRaise });
}
