// The embedded Store: KyselyStore over better-sqlite3. Kept in its own file so the PostgreSQL
// variant (createPostgresStore with kysely's PostgresDialect) can sit beside it without SQLite
// imports leaking into the shared code.

import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite, type SqliteOptions } from '../sqlite/database.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import { withStatementCache } from './statement-cache.js';
import type { StoreSchema } from './schema.js';

export type SqliteStoreOptions = KyselyStoreOptions & SqliteOptions;

/**
 * Opens (creating and migrating if needed) a Store in the SQLite file at `path`, or in memory for
 * ':memory:'. Uses its own connection: kysely keeps a transaction open across awaits, which must
 * never interleave with the TableLog's synchronous transactions on a shared connection.
 */
export async function createSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<KyselyStore> {
  const database = openSqlite(path, options);
  database.pragma('foreign_keys = ON');
  const db = new Kysely<StoreSchema>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  try {
    return await KyselyStore.open(db, 'sqlite', options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
