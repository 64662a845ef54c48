// The Store's tables as kysely sees them. Integer columns that PostgreSQL declares BIGINT come
// back from `pg` as strings, so they are typed `number | string` on read and always go through
// `int()` (rows.ts); they are written as numbers. JSON is stored as TEXT in both dialects.

import type { ColumnType, Generated } from 'kysely';

/** BIGINT: written as a number, read as a number (SQLite) or a decimal string (pg). */
export type Int = ColumnType<number | string, number, number>;

export interface AccountsTable {
  id: string;
  kind: string;
  username: string | null;
  /** Lower-cased username: the unique key that makes usernames case-insensitive. */
  username_key: string | null;
  nickname: string;
  password_hash: string | null;
  created_at: Int;
}

export interface WalletsTable {
  account_id: string;
  /** CHECK (balance >= 0). */
  balance: Int;
}

export interface LedgerTable {
  id: Generated<number | string>;
  /** UNIQUE: the idempotency key of a transfer. */
  request_id: string;
  account_id: string;
  kind: string;
  /** CHECK (amount > 0). */
  amount: Int;
  table_id: string | null;
  /** The wallet balance right after this entry, returned again when the request is replayed. */
  balance_after: Int;
  created_at: Int;
}

export interface TableChipsTable {
  table_id: string;
  /** CHECK (chips >= 0): a table can never pay out more than was bought in. */
  chips: Int;
}

export interface TablesTable {
  /** Insertion order, for "oldest first" without relying on clock resolution. */
  ord: Generated<number | string>;
  id: string;
  game: string;
  name: string;
  config: string;
  seed: string;
  created_by: string | null;
  created_at: Int;
  closed_at: Int | null;
}

export interface HandsTable {
  table_id: string;
  hand: Int;
  game: string;
  /** JSON array of account ids in seat order. */
  players: string;
  record: string;
  ended_at: Int;
}

export interface HandPlayersTable {
  account_id: string;
  table_id: string;
  hand: Int;
  /** Copied from hands.ended_at so "hands I played" pages over one index. */
  ended_at: Int;
}

export interface StoreSchema {
  accounts: AccountsTable;
  wallets: WalletsTable;
  ledger: LedgerTable;
  table_chips: TableChipsTable;
  tables: TablesTable;
  hands: HandsTable;
  hand_players: HandPlayersTable;
}

export type SqlDialect = 'sqlite' | 'postgres';
