// Taking and leaving seats, sitting out and back in.
//
// Leaving during a hand: a player still in the hand folds at once (even out of turn; an all-in
// player stays in, their chips are already in the pot), the seat shows 'leaving', and it is
// vacated — chips paid out in `seat_vacated` — as soon as the hand ends. A player not dealt into
// the running hand leaves at once. Sitting out or in takes effect at the next deal.

import { reject, type Rejection, type SeatIndex } from '../contract.js';
import { fold } from './betting.js';
import type { Ctx } from './draft.js';
import { endRound, progress } from './flow.js';
import { handRunning, livePlayers, playerAt, roundComplete } from './rules.js';
import { winByFold } from './showdown.js';
import { vacate } from './vacate.js';

const MAX_ID = 128;
const MAX_NAME = 64;

export function sit(ctx: Ctx, seat: SeatIndex, input: Record<string, unknown>): Rejection | null {
  const state = ctx.state;
  const { player, name, chips, bot } = input;
  if (typeof player !== 'string' || player.length === 0 || player.length > MAX_ID) {
    return reject('seat/invalid_player', 'player must be a non-empty id');
  }
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > MAX_NAME) {
    return reject('seat/invalid_name', `name must be 1–${MAX_NAME} characters`);
  }
  if (bot !== undefined && typeof bot !== 'boolean')
    return reject('seat/invalid_bot', 'bot must be a boolean');
  const { minBuyIn, maxBuyIn } = state.config;
  if (typeof chips !== 'number' || !Number.isInteger(chips) || chips < minBuyIn || chips > maxBuyIn) {
    return reject('seat/buy_in', `bring between ${minBuyIn} and ${maxBuyIn} chips`);
  }
  if (state.seats[seat] !== null) return reject('seat/taken', `seat ${seat} is taken`);
  if (state.seats.some((s) => s !== null && s.player === player)) {
    return reject('seat/already_seated', 'the player already has a seat at this table');
  }
  const isBot = bot === true;
  state.seats[seat] = { player, name, chips, status: 'playing', bot: isBot };
  ctx.events.push({ type: 'seat_taken', seat, player, name, chips, bot: isBot });
  return null;
}

export function leave(ctx: Ctx, seat: SeatIndex): Rejection | null {
  const state = ctx.state;
  const s = state.seats[seat];
  if (s === null || s === undefined) return reject('seat/empty', `seat ${seat} is empty`);
  if (s.status === 'leaving') return reject('seat/leaving', 'the player is already leaving');
  const hand = state.hand;
  const p = hand !== null && handRunning(state) ? playerAt(hand, seat) : undefined;
  if (hand === null || p === undefined) {
    vacate(ctx, seat);
    return null;
  }
  s.status = 'leaving';
  ctx.events.push({ type: 'seat_status', seat, status: 'leaving' });
  if (p.folded || p.allIn) return null;
  fold(ctx, p, 'leave');
  if (hand.toAct === seat) progress(ctx, seat);
  else if (livePlayers(hand).length === 1) winByFold(ctx);
  else if (roundComplete(hand)) endRound(ctx);
  return null;
}

/**
 * A rebuy or top-up: chips from the player's wallet onto their stack, leaving it inside the table's
 * buy-in range (a busted player rebuys at least the minimum buy-in), and only while they are not dealt into the running hand (the chips in play stay
 * what they were when the hand began). A player who had busted (no chips, sitting out) is dealt in
 * again from the next hand.
 */
export function topUp(ctx: Ctx, seat: SeatIndex, chips: unknown): Rejection | null {
  const state = ctx.state;
  const s = state.seats[seat];
  if (s === null || s === undefined) return reject('seat/empty', `seat ${seat} is empty`);
  if (s.status === 'leaving') return reject('seat/leaving', 'the player is leaving');
  const { minBuyIn, maxBuyIn } = state.config;
  if (typeof chips !== 'number' || !Number.isInteger(chips) || chips <= 0)
    return reject('seat/top_up', 'add a positive whole number of chips');
  const hand = state.hand;
  if (hand !== null && handRunning(state) && playerAt(hand, seat) !== undefined)
    return reject('seat/in_hand', 'chips can be added once the hand you are in has ended');
  if (s.chips + chips > maxBuyIn) {
    const room = Math.max(0, maxBuyIn - s.chips);
    return reject(
      'seat/top_up',
      room === 0
        ? `your stack is at the table's maximum of ${maxBuyIn}`
        : `at most ${room} more: a stack may hold up to ${maxBuyIn} chips here`,
    );
  }
  if (s.chips + chips < minBuyIn)
    return reject(
      'seat/top_up',
      `add at least ${minBuyIn - s.chips}: a stack starts at ${minBuyIn} chips here`,
    );
  s.chips += chips;
  const busted = s.status === 'sitting_out' && s.chips === chips;
  if (busted) s.status = 'playing';
  ctx.events.push({
    type: 'chips_added',
    seat,
    amount: chips,
    chips: s.chips,
    status: busted ? 'playing' : null,
  });
  return null;
}

export function sitOut(ctx: Ctx, seat: SeatIndex, out: boolean): Rejection | null {
  const s = ctx.state.seats[seat];
  if (s === null || s === undefined) return reject('seat/empty', `seat ${seat} is empty`);
  if (s.status === 'leaving') return reject('seat/leaving', 'the player is leaving');
  const status = out ? 'sitting_out' : 'playing';
  if (s.status === status) return reject('seat/no_change', `the seat is already ${status}`);
  if (!out && s.chips === 0) return reject('seat/no_chips', 'a player with no chips cannot sit in');
  s.status = status;
  ctx.events.push({ type: 'seat_status', seat, status });
  return null;
}
