// Hokm, the Persian four-player trick-taking game, as a Pitboss game module. See docs/hokm.md for
// the rules as implemented, the table model (games, hands, stakes, leaving) and the deck stacking
// used by scripted tests.

import type { GameModule, SeatInfo, TableStatus } from '../contract.js';
import { parseAction, type HokmAction } from './actions.js';
import { applyCommand } from './apply.js';
import { hokmBot } from './bot.js';
import { parseConfig, type HokmConfig } from './config.js';
import { seenAlike, viewEvent, type HokmEvent, type HokmEventView } from './events.js';
import { legalActions, type HokmLegalActions } from './legal.js';
import { startBlocker } from './start.js';
import { isGameRunning, SEATS, type HokmState } from './state.js';
import { view, type HokmView } from './view.js';
import { reduceView } from './reduce.js';
import { recordFor } from './record.js';

function setup(config: HokmConfig, seed: string): HokmState {
  return {
    config,
    rng: { key: seed, word: 0 },
    verifiable: true,
    seats: [null, null, null, null],
    handNumber: 0,
    gameNumber: 0,
    game: null,
  };
}

/**
 * `inHand` is true while a Hokm hand is being played (trump choice or tricks), not for the whole
 * game: between two hands of a game it is false and `canStart` true, so the runtime pauses, takes
 * its snapshot at the hand boundary and starts the next hand as it would between poker hands.
 */
function status(state: HokmState): TableStatus {
  const hand = state.game?.hand;
  const running = isGameRunning(state);
  return {
    inHand: running && hand !== undefined && hand.phase !== 'ended',
    handNumber: state.handNumber,
    toAct: running && hand && hand.turn !== null ? [hand.turn] : [],
    canStart: startBlocker(state) === null,
  };
}

function seats(state: HokmState): SeatInfo[] {
  return state.seats.flatMap((s, seat) =>
    s ? [{ seat, player: s.player, name: s.name, chips: s.chips, status: s.status, bot: s.bot }] : [],
  );
}

function chipsOnTable(state: HokmState): number {
  const stacks = state.seats.reduce((sum, s) => sum + (s?.chips ?? 0), 0);
  return stacks + (state.game?.pot ?? 0);
}

export const hokm: GameModule<
  HokmConfig,
  HokmState,
  HokmAction,
  HokmEvent,
  HokmView,
  HokmEventView,
  HokmLegalActions
> = {
  id: 'hokm',
  parseConfig,
  parseAction,
  setup,
  apply: applyCommand,
  legalActions,
  status,
  seats,
  chipsOnTable,
  seatCount: () => SEATS,
  config: (state) => state.config,
  view,
  viewEvent,
  seenAlike,
  reduceView,
  recordFor,
  bot: hokmBot,
};

export type { HokmAction } from './actions.js';
export type { HokmConfig } from './config.js';
export { DEFAULT_CONFIG } from './config.js';
export type * from './events.js';
export type { HokmLegalActions } from './legal.js';
export type { HokmHandRecord } from './record.js';
export { timeoutTrump, lowestCard } from './timeout.js';
export type * from './state.js';
export { nextSeat, partnerOf, playOrder, teamOf } from './state.js';
export type { HokmGameView, HokmHandView, HokmSeatView, HokmView } from './view.js';
