// The lobby's filters, applied in the browser to the live list (the whole list arrives with the
// subscription and stays current; asking the server again on every keystroke would be wasteful).

import type { TableSummary } from '../../../src/sdk/index.js';

export type GameId = TableSummary['game'];

export interface LobbyFilter {
  readonly game: GameId | 'all';
  /** Stake bounds: big blind (Hold'em) or stake per game (Hokm); null = no bound. */
  readonly minStake: number | null;
  readonly maxStake: number | null;
  readonly freeSeatsOnly: boolean;
  /** Case-insensitive match on the table's name or a player's name. */
  readonly text: string;
}

export const NO_FILTER: LobbyFilter = {
  game: 'all',
  minStake: null,
  maxStake: null,
  freeSeatsOnly: false,
  text: '',
};

export function matches(table: TableSummary, filter: LobbyFilter): boolean {
  if (filter.game !== 'all' && table.game !== filter.game) return false;
  if (filter.minStake !== null && table.stake < filter.minStake) return false;
  if (filter.maxStake !== null && table.stake > filter.maxStake) return false;
  if (filter.freeSeatsOnly && table.occupied >= table.seats) return false;
  const text = filter.text.trim().toLowerCase();
  if (text !== '') {
    const names = [table.name, ...table.players.map((p) => p.name)];
    if (!names.some((n) => n.toLowerCase().includes(text))) return false;
  }
  return true;
}

const GAME_ORDER: Readonly<Record<GameId, number>> = { holdem: 0, hokm: 1 };

/** Tables that pass the filter: Hold'em first, then by stake, then name (a stable, scannable order). */
export function filterTables(tables: readonly TableSummary[], filter: LobbyFilter): TableSummary[] {
  return tables
    .filter((t) => matches(t, filter))
    .sort(
      (a, b) =>
        GAME_ORDER[a.game] - GAME_ORDER[b.game] ||
        a.stake - b.stake ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    );
}

/** "5/10" for Hold'em, "100 a game" for Hokm. */
export function stakesLabel(table: TableSummary): string {
  if (table.game === 'holdem') return `${table.smallBlind ?? '?'}/${table.stake}`;
  return `${table.stake} a game`;
}

/** A buy-in to suggest: 100 big blinds (or the stake ×10 for Hokm), inside the table's range and the wallet. */
export function suggestedBuyIn(table: TableSummary, balance: number | null): number {
  const wanted = table.game === 'holdem' ? table.stake * 100 : table.stake * 10;
  const capped = Math.min(table.maxBuyIn, Math.max(table.minBuyIn, wanted));
  return balance === null ? capped : Math.max(table.minBuyIn, Math.min(capped, balance));
}
