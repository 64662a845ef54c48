// The games Pitboss ships, by id. Pure: safe to import in browsers, bots and the server alike.

import type { AnyGameModule } from './contract.js';
import { holdem } from './holdem/index.js';
import { hokm } from './hokm/index.js';

export const games = { holdem, hokm } as const satisfies Record<string, AnyGameModule>;

export type GameId = keyof typeof games;

export function gameById(id: string): AnyGameModule | undefined {
  return Object.hasOwn(games, id) ? games[id as GameId] : undefined;
}
