// Sitting down, leaving and sitting out.
//
// A Hokm game needs the same four players from first hand to last, so:
// - `leave` between games vacates the seat at once (its chips go back to the wallet); during a game
//   it marks the seat `leaving`: the runtime plays its turns (timeouts or a bot) and the seat is
//   vacated, with its winnings, when the game ends. `sit_in` during the game cancels the leave.
// - `sit_out` is only possible between games (a sitting-out seat blocks the next game); during a
//   game it is rejected with `table/not_supported` — leave instead.

import { reject, type Command, type Outcome, type SeatIndex } from '../contract.js';
import type { HokmEvent } from './events.js';
import { isGameRunning, replaceAt, type HokmSeat, type HokmState } from './state.js';

type Sit = Extract<Command<unknown>, { kind: 'sit' }>;

export function sit(state: HokmState, cmd: Sit): Outcome<HokmState, HokmEvent> {
  if (state.seats[cmd.seat]) return reject('table/seat_taken', `seat ${cmd.seat} is taken`);
  if (state.seats.some((s) => s?.player === cmd.player)) {
    return reject('table/already_seated', 'this player already has a seat at the table');
  }
  const { minBuyIn, maxBuyIn } = state.config;
  if (cmd.chips < minBuyIn || cmd.chips > maxBuyIn) {
    return reject('table/buy_in_out_of_range', `buy-in must be between ${minBuyIn} and ${maxBuyIn}`);
  }
  const bot = cmd.bot ?? false;
  const seat: HokmSeat = { player: cmd.player, name: cmd.name, chips: cmd.chips, status: 'playing', bot };
  return {
    ok: true,
    state: { ...state, seats: replaceAt(state.seats, cmd.seat, seat) },
    events: [
      { type: 'seat_taken', seat: cmd.seat, player: cmd.player, name: cmd.name, chips: cmd.chips, bot },
    ],
  };
}

export function leave(state: HokmState, index: SeatIndex): Outcome<HokmState, HokmEvent> {
  const seat = state.seats[index];
  if (!seat) return reject('table/seat_empty', `seat ${index} is empty`);
  if (!isGameRunning(state)) return { ok: true, ...vacate(state, [index]) };
  if (seat.status === 'leaving') return reject('table/already_leaving', 'the seat leaves when the game ends');
  return setStatus(state, index, seat, 'leaving');
}

export function sitOut(state: HokmState, index: SeatIndex): Outcome<HokmState, HokmEvent> {
  const seat = state.seats[index];
  if (!seat) return reject('table/seat_empty', `seat ${index} is empty`);
  if (isGameRunning(state)) {
    return reject('table/not_supported', 'a Hokm game cannot go on without a player; leave instead');
  }
  if (seat.status === 'sitting_out') return reject('table/already_sitting_out', 'the seat is sitting out');
  return setStatus(state, index, seat, 'sitting_out');
}

export function sitIn(state: HokmState, index: SeatIndex): Outcome<HokmState, HokmEvent> {
  const seat = state.seats[index];
  if (!seat) return reject('table/seat_empty', `seat ${index} is empty`);
  if (seat.status === 'playing') return reject('table/not_sitting_out', 'the seat is already playing');
  return setStatus(state, index, seat, 'playing');
}

function setStatus(
  state: HokmState,
  index: SeatIndex,
  seat: HokmSeat,
  status: HokmSeat['status'],
): Outcome<HokmState, HokmEvent> {
  return {
    ok: true,
    state: { ...state, seats: replaceAt(state.seats, index, { ...seat, status }) },
    events: [{ type: 'seat_status', seat: index, status }],
  };
}

/**
 * Empties the given seats, emitting `seat_vacated` with each seat's chips. The cards a vacated seat
 * still held in the last hand are dropped with it: cards never played stay secret forever, and
 * whoever sits there next (or views the empty seat) must not be shown them as "their" hand.
 */
export function vacate(
  state: HokmState,
  indices: readonly SeatIndex[],
): { state: HokmState; events: HokmEvent[] } {
  const events: HokmEvent[] = [];
  let seats = state.seats;
  let game = state.game;
  for (const index of indices) {
    const seat = seats[index];
    if (!seat) continue;
    seats = replaceAt(seats, index, null);
    if (game && (game.hand.hands[index]?.length ?? 0) > 0) {
      game = { ...game, hand: { ...game.hand, hands: replaceAt(game.hand.hands, index, []) } };
    }
    events.push({ type: 'seat_vacated', seat: index, player: seat.player, chips: seat.chips });
  }
  return { state: { ...state, seats, game }, events };
}
