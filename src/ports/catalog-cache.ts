// CatalogCache: a copy of open tables' catalog records (game, rules, seed, name, creator) beside
// the table logs, so a node can take a table over while the Store (PostgreSQL) is unreachable —
// the record is all a takeover needs besides the log. The Store stays the source of truth; the
// cache is written when a table opens and read only when the Store cannot answer.

import type { TableRecord } from './store.js';

export interface CatalogCache {
  /** Keeps `record` (the newest write wins; a record never changes while its table is open). */
  remember(record: TableRecord): Promise<void>;
  /** The record kept for `tableId`, or null. */
  recall(tableId: string): Promise<TableRecord | null>;
  /** Drops the record of a table closed for good. */
  forget(tableId: string): Promise<void>;
  close(): Promise<void>;
}
