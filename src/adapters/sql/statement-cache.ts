// Kysely's SQLite driver prepares every query afresh (better-sqlite3 `prepare` parses and plans the
// SQL each time), although a given query builder compiles to the same SQL text on every call. This
// hands kysely a database whose `prepare` reuses the statement already prepared for that text.
// Measured on the hand-history and wallet paths (docs/benchmarks.md, bench:node).

import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';
import type { SqliteDatabase } from '../sqlite/database.js';

/**
 * Statements kept, least recently used dropped first. The Store issues a few dozen distinct SQL
 * texts (a multi-row insert has one per row count); the bound keeps ad-hoc queries from growing it.
 */
const DEFAULT_CAPACITY = 256;

export function withStatementCache(db: SqliteDatabase, capacity = DEFAULT_CAPACITY): KyselySqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
      } else {
        // Re-inserted to mark it the most recently used (a Map keeps insertion order).
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
