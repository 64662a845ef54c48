// The end of a hand: the showdown (who shows, who mucks, who wins each pot), the uncontested win
// when everyone else folds, and settling the table afterwards.

import { dealCommitment } from '../fair-deal.js';
import type { Card } from '../cards.js';
import type { SeatIndex } from '../contract.js';
import { cardCode, describeValue, valueOfCodes } from '../poker/index.js';
import { handOf, type Ctx } from './draft.js';
import { collectBets } from './flow.js';
import { clockwiseFrom, computePots, publicPots, splitPot, type Pot } from './pots.js';
import { buildRecord } from './record.js';
import { livePlayers } from './rules.js';
import { vacate } from './vacate.js';

function handValue(cards: readonly Card[], board: readonly Card[]): number {
  const codes = [...cards, ...board].map(cardCode);
  return valueOfCodes(codes, codes.length);
}

/**
 * Showdown order: the last player who bet or raised on the river shows first; if nobody did, the
 * first live player left of the button. Going round from there, a player shows when their hand
 * is at least as good as the best shown so far in some pot they can win; otherwise they muck and
 * their cards stay hidden. Cards already revealed in an all-in run-out are shown, never mucked.
 */
export function showdown(ctx: Ctx): void {
  const hand = handOf(ctx);
  const n = ctx.state.config.seats;
  const live = livePlayers(hand);
  const pots = computePots(hand.players, false);
  const values = new Map(live.map((p) => [p.seat, handValue(p.cards, hand.board)]));
  const liveSeats = live.map((p) => p.seat);
  const fromButton = clockwiseFrom(hand.button, liveSeats, n);
  const first =
    hand.aggressor !== null && liveSeats.includes(hand.aggressor) ? hand.aggressor : fromButton[0];
  const order = first === undefined ? fromButton : clockwiseFrom((first - 1 + n) % n, liveSeats, n);

  const best = pots.map(() => -1);
  for (const seat of order) {
    const p = live.find((q) => q.seat === seat);
    const value = values.get(seat) ?? -1;
    if (p === undefined) continue;
    const contends = pots.some((pot, i) => pot.eligible.includes(seat) && value >= (best[i] ?? -1));
    if (p.shown || contends) {
      p.shown = true;
      const description = describeValue(value).description;
      hand.log.push({ kind: 'show', seat, cards: p.cards, description });
      ctx.events.push({ type: 'show', seat, cards: p.cards, description });
      pots.forEach((pot, i) => {
        if (pot.eligible.includes(seat)) best[i] = Math.max(best[i] ?? -1, value);
      });
    } else {
      p.mucked = true;
      hand.log.push({ kind: 'muck', seat });
      ctx.events.push({ type: 'muck', seat });
    }
  }

  // Side pots first, the main pot last, as a dealer pushes them.
  for (let i = pots.length - 1; i >= 0; i--) {
    const pot = pots[i] as Pot;
    const contenders = pot.eligible.filter((s) => live.some((p) => p.seat === s && !p.mucked));
    const top = Math.max(...contenders.map((s) => values.get(s) ?? -1));
    const winners = clockwiseFrom(
      hand.button,
      contenders.filter((s) => values.get(s) === top),
      n,
    );
    award(ctx, i, pots.length, pot.amount, winners, describeValue(top).description, pots.slice(0, i));
  }
  finishHand(ctx);
}

/** Everyone else folded: the last player takes every pot without showing. */
export function winByFold(ctx: Ctx): void {
  const hand = handOf(ctx);
  collectBets(ctx);
  const winner = livePlayers(hand)[0];
  const total = computePots(hand.players, false).reduce((sum, pot) => sum + pot.amount, 0);
  if (winner !== undefined) award(ctx, 0, 1, total, [winner.seat], null, []);
  finishHand(ctx);
}

function award(
  ctx: Ctx,
  pot: number,
  potCount: number,
  amount: number,
  winners: readonly SeatIndex[],
  description: string | null,
  remaining: readonly Pot[],
): void {
  const hand = handOf(ctx);
  const shares = splitPot(amount, winners);
  for (const share of shares) {
    const seat = ctx.state.seats[share.seat];
    if (seat !== null && seat !== undefined) seat.chips += share.amount;
  }
  hand.awards.push({ amount, winners: shares, description });
  hand.log.push({ kind: 'award', pot, potCount, amount, winners: shares, description });
  ctx.events.push({
    type: 'pot_awarded',
    pot,
    amount,
    winners: shares.map((s) => ({ ...s, chips: ctx.state.seats[s.seat]?.chips ?? 0 })),
    description,
    pots: publicPots(remaining),
  });
}

/**
 * The hand is settled: emit its record, forget the deck and log, vacate the seats of players who left
 * during the hand, and sit out players who have no chips left.
 */
function finishHand(ctx: Ctx): void {
  const state = ctx.state;
  const hand = handOf(ctx);
  hand.complete = true;
  hand.toAct = null;
  hand.currentBet = 0;
  hand.minRaise = 0;
  for (const p of hand.players) p.bet = 0;
  ctx.events.push({
    type: 'hand_ended',
    hand: hand.number,
    players: hand.players.map((p) => p.player),
    record: buildRecord(state, hand),
    ...(state.verifiable === true ? { next: dealCommitment(state.rng.key, hand.number + 1) } : {}),
  });
  // The deck and the log are in the record now; dropping them keeps hand-boundary snapshots small.
  hand.deck = [];
  hand.next = 0;
  hand.log = [];
  state.seats.forEach((seat, index) => {
    if (seat === null) return;
    if (seat.status === 'leaving') {
      vacate(ctx, index);
    } else if (seat.chips === 0 && seat.status === 'playing') {
      seat.status = 'sitting_out';
      ctx.events.push({ type: 'seat_status', seat: index, status: 'sitting_out' });
    }
  });
}
