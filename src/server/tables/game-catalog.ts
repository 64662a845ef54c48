// The games this node can host, with the few facts about each game's configuration that the
// runtime needs without understanding the rules: stakes for the lobby, the least a bot needs to
// keep playing, and a sensible configuration for the demo tables a fresh node starts with.

import type { AnyGameModule, SeatInfo, TableStatus } from '../../games/contract.js';
import { holdem, type HoldemConfig } from '../../games/holdem/index.js';
import { hokm, type HokmConfig } from '../../games/hokm/index.js';
import type { GameId } from '../../protocol/messages.js';

export interface GameStakes {
  /** Big blind (Hold'em) or stake per game (Hokm): what the lobby filters on. */
  readonly stake: number;
  readonly smallBlind?: number;
  readonly minBuyIn: number;
  readonly maxBuyIn: number;
}

export interface GameDescriptor {
  readonly id: GameId;
  readonly module: AnyGameModule;
  stakes(config: unknown): GameStakes;
  /** Seats at a table with this (validated) configuration. */
  seats(config: unknown): number;
  /** A bot that can no longer play stands up now (and another buys in). */
  botShouldLeave(bot: SeatInfo, status: TableStatus, config: unknown): boolean;
  /** Input for `parseConfig` for the demo tables a fresh node creates. */
  readonly demoConfig: Record<string, unknown>;
}

const holdemDescriptor: GameDescriptor = {
  id: 'holdem',
  module: holdem,
  stakes(config) {
    const c = config as HoldemConfig;
    return { stake: c.bigBlind, smallBlind: c.smallBlind, minBuyIn: c.minBuyIn, maxBuyIn: c.maxBuyIn };
  },
  seats: (config) => (config as HoldemConfig).seats,
  // Between hands, a bot short of a big blind stands up rather than sit out forever.
  botShouldLeave: (bot, status, config) => !status.inHand && bot.chips < (config as HoldemConfig).bigBlind,
  demoConfig: { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 400, maxBuyIn: 2000 },
};

const hokmDescriptor: GameDescriptor = {
  id: 'hokm',
  module: hokm,
  stakes(config) {
    const c = config as HokmConfig;
    return { stake: c.stake, minBuyIn: c.minBuyIn, maxBuyIn: c.maxBuyIn };
  },
  seats: () => 4, // Hokm is always four players, partners opposite
  // Stakes are paid when a game starts, so mid-game (between hands, when the next hand can
  // start) a bot below the stake is fine; only one that keeps the next game from starting leaves.
  botShouldLeave: (bot, status, config) =>
    !status.inHand && !status.canStart && bot.chips < Math.max(1, (config as HokmConfig).stake),
  demoConfig: { targetScore: 7, stake: 100, minBuyIn: 100, maxBuyIn: 2000 },
};

export type GameCatalog = ReadonlyMap<GameId, GameDescriptor>;

export function createGameCatalog(): GameCatalog {
  return new Map<GameId, GameDescriptor>([
    ['holdem', holdemDescriptor],
    ['hokm', hokmDescriptor],
  ]);
}
