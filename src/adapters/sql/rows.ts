// Mapping between Store rows and the port's domain objects.

import type {
  Account,
  AccountKind,
  HandHistory,
  LedgerEntry,
  LedgerKind,
  TableRecord,
} from '../../ports/store.js';
import type { Selectable } from 'kysely';
import type { AccountsTable, HandsTable, LedgerTable, TablesTable } from './schema.js';

/** A BIGINT as a JS number (pg returns BIGINT and SUM() as strings; SQLite as numbers). */
export function int(value: number | string | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer column out of range: ${String(value)}`);
  return n;
}

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    kind: row.kind as AccountKind,
    username: row.username,
    nickname: row.nickname,
    createdAt: int(row.created_at),
  };
}

export function toLedgerEntry(row: Selectable<LedgerTable>): LedgerEntry {
  return {
    id: int(row.id),
    requestId: row.request_id,
    accountId: row.account_id,
    kind: row.kind as LedgerKind,
    amount: int(row.amount),
    tableId: row.table_id,
    createdAt: int(row.created_at),
  };
}

export function toTableRecord(row: Selectable<TablesTable>): TableRecord {
  return {
    id: row.id,
    game: row.game,
    name: row.name,
    config: JSON.parse(row.config) as unknown,
    seed: row.seed,
    createdBy: row.created_by,
    createdAt: int(row.created_at),
    closedAt: row.closed_at === null ? null : int(row.closed_at),
  };
}

export function toHandHistory(row: Selectable<HandsTable>): HandHistory {
  return {
    tableId: row.table_id,
    hand: int(row.hand),
    game: row.game,
    players: JSON.parse(row.players) as string[],
    record: JSON.parse(row.record) as unknown,
    endedAt: int(row.ended_at),
  };
}

/** The key that makes usernames unique regardless of case. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
