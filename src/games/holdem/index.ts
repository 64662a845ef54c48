// No-Limit Texas Hold'em as a Pitboss game module. See docs/holdem.md for the rules as implemented,
// the hand-history format and how to stack the deck in a test.

import type { GameModule } from '../contract.js';
import { createHoldemBot } from './bot.js';
import { parseAction } from './commands.js';
import { parseConfig, type HoldemConfig } from './config.js';
import { apply, chipsOnTable, seats, setup, status } from './engine.js';
import { seenAlike, viewEvent } from './event-view.js';
import { netFor, recordFor } from './record.js';
import { reduceView } from './reduce.js';
import { legalActions } from './rules.js';
import type {
  HoldemAction,
  HoldemEvent,
  HoldemEventView,
  HoldemLegalActions,
  HoldemState,
  HoldemView,
} from './types.js';
import { view } from './view.js';

export type HoldemModule = GameModule<
  HoldemConfig,
  HoldemState,
  HoldemAction,
  HoldemEvent,
  HoldemView,
  HoldemEventView,
  HoldemLegalActions
>;

export const holdem: HoldemModule = {
  id: 'holdem',
  parseConfig,
  parseAction,
  setup,
  apply,
  legalActions,
  status,
  seats,
  chipsOnTable,
  seatCount: (state) => state.config.seats,
  config: (state) => state.config,
  view,
  viewEvent,
  seenAlike,
  reduceView,
  recordFor,
  netFor,
  bot: createHoldemBot(),
};

export type { HoldemConfig } from './config.js';
export type * from './types.js';
export { createHoldemBot, DEFAULT_BOT_OPTIONS, type HoldemBotOptions } from './bot.js';
export { stackDeck, type StackedDeal } from './deck.js';
export { exportPokerStars, type PokerStarsOptions } from './history.js';
export { netFor, recordFor } from './record.js';
export { playBotHand, type BotHand } from './simulate.js';
