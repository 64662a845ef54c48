// The shape of a run decided up front: which tables exist, what each plays, how many players sit
// at each, and which worker thread runs them. A table's players all live in one worker, so the
// worker can time "action sent → event received by the other seats" on one clock.

import type { GameId } from '../protocol/messages.js';
import { LoadOptionsError, type LoadOptions } from './options.js';

export const HOKM_SEATS = 4;

export interface TablePlan {
  /** Index of the table in the run (0-based); also its name suffix. */
  readonly index: number;
  readonly game: GameId;
  readonly seats: number;
  /** Load players that will sit here. */
  readonly players: number;
  readonly worker: number;
}

export interface RunPlan {
  readonly tables: readonly TablePlan[];
  readonly players: number;
}

/**
 * Fills tables one after another (a table is full before the next one gets a player), which is
 * how a room fills and lets tables start playing while the run ramps up. With `tables` given, the
 * players are spread over exactly that many tables, as evenly as seats allow.
 */
export function planRun(
  options: Pick<LoadOptions, 'game' | 'players' | 'tables' | 'seats' | 'workers'>,
): RunPlan {
  const gameOf = (i: number): GameId =>
    options.game === 'mixed' ? (i % 2 === 1 ? 'hokm' : 'holdem') : options.game;
  const seatsOf = (game: GameId) => (game === 'hokm' ? HOKM_SEATS : options.seats);
  const counts: number[] = [];
  if (options.tables === null) {
    let left = options.players;
    for (let i = 0; left > 0; i++) {
      const n = Math.min(left, seatsOf(gameOf(i)));
      counts.push(n);
      left -= n;
    }
  } else {
    const capacity = Array.from({ length: options.tables }, (_, i) => seatsOf(gameOf(i)));
    const total = capacity.reduce((a, b) => a + b, 0);
    if (options.players > total)
      throw new LoadOptionsError(
        `${options.players} players do not fit at ${options.tables} tables (${total} seats)`,
      );
    // Round-robin one player at a time: as even as the seats allow.
    const filled = capacity.map(() => 0);
    let left = options.players;
    while (left > 0) {
      for (let i = 0; i < filled.length && left > 0; i++) {
        if ((filled[i] ?? 0) < (capacity[i] ?? 0)) {
          filled[i] = (filled[i] ?? 0) + 1;
          left--;
        }
      }
    }
    counts.push(...filled);
  }
  const tables = counts.map((players, index) => {
    const game = gameOf(index);
    return { index, game, seats: seatsOf(game), players, worker: index % options.workers };
  });
  for (const t of tables) {
    if (t.game === 'hokm' && t.players !== HOKM_SEATS)
      throw new LoadOptionsError(
        `Hokm table ${t.index} would have ${t.players} players: Hokm needs exactly ${HOKM_SEATS} (adjust --players/--tables)`,
      );
    if (t.game === 'holdem' && t.players < 2)
      throw new LoadOptionsError(
        `Hold'em table ${t.index} would have ${t.players} player: a table needs 2 (adjust --players/--tables)`,
      );
  }
  return { tables, players: options.players };
}
