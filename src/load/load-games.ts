// What the load bots need to know about each game: the table configuration they create, the
// buy-in, when a seat has too few chips to keep playing, and the decision policy. The policies
// are the games' own bots, deciding from exactly what the seat may see.

import { games } from '../games/index.js';
import { createHoldemBot, type HoldemLegalActions, type HoldemView } from '../games/holdem/index.js';
import type { HokmLegalActions, HokmView } from '../games/hokm/index.js';
import type { Rng } from '../games/rng.js';
import type { GameId } from '../protocol/messages.js';

export interface LoadGame {
  readonly module: (typeof games)[GameId];
  /** `config` of table.create for a table with `seats` seats. */
  config(seats: number): Record<string, unknown>;
  readonly buyIn: number;
  /** The seat cannot cover the next hand and no hand is running: stand up and buy in again. */
  needsRebuy(view: unknown, seat: number): boolean;
  handNumber(view: unknown): number;
  decide(view: unknown, seat: number, legal: unknown, rng: Rng): unknown;
}

const BIG_BLIND = 10;
const HOKM_STAKE = 100;

// A cheap Monte Carlo budget: the generator must not be the bottleneck, and the quality of the
// bots' play does not change what the server does per action.
const holdemPolicy = createHoldemBot({ iterations: 32 });

const holdem: LoadGame = {
  module: games.holdem,
  config: (seats) => ({
    seats,
    smallBlind: BIG_BLIND / 2,
    bigBlind: BIG_BLIND,
    minBuyIn: 200,
    maxBuyIn: 2000,
  }),
  buyIn: 1000,
  needsRebuy(view, seat) {
    const v = view as HoldemView;
    const mine = v.seats[seat];
    return !v.inHand && mine !== null && mine !== undefined && mine.chips < BIG_BLIND;
  },
  handNumber: (view) => (view as HoldemView).handNumber,
  decide: (view, seat, legal, rng) =>
    holdemPolicy.decide({ view: view as HoldemView, seat, legal: legal as HoldemLegalActions }, rng),
};

const hokm: LoadGame = {
  module: games.hokm,
  config: () => ({ targetScore: 7, stake: HOKM_STAKE, minBuyIn: 100, maxBuyIn: 2000 }),
  buyIn: 1000,
  needsRebuy(view, seat) {
    const v = view as HokmView;
    const mine = v.seats[seat];
    const between = v.game === null || v.game.winner !== null;
    return between && mine !== null && mine !== undefined && mine.chips < HOKM_STAKE;
  },
  handNumber: (view) => (view as HokmView).handNumber,
  decide: (view, seat, legal, rng) =>
    games.hokm.bot.decide({ view: view as HokmView, seat, legal: legal as HokmLegalActions }, rng),
};

export const LOAD_GAMES: Readonly<Record<GameId, LoadGame>> = { holdem, hokm };
