// The Store of a cluster: KyselyStore over PostgreSQL (`pg` pool + kysely's PostgresDialect).
// Migrations run on open; kysely's migrator takes a PostgreSQL advisory lock around them, so
// several nodes starting at once migrate exactly once (tested with three at once).

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { UnavailableError } from '../../ports/errors.js';
import { KyselyStore, type KyselyStoreOptions } from './kysely-store.js';
import type { StoreSchema } from './schema.js';

export interface PostgresStoreOptions extends KyselyStoreOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** How long to wait for a connection before a query fails (default 5,000 ms). */
  readonly connectTimeoutMs?: number;
  /** Schema to use (search_path); default the server's (`public`). Tests give each run its own. */
  readonly schema?: string;
  /** Pool errors on idle clients (the database restarted…); the pool replaces them by itself. */
  readonly onError?: (error: Error) => void;
}

/**
 * Connects to `url` (postgres://user@host:port/db), checks the connection, migrates, and returns
 * the Store. A database that cannot be reached rejects with UnavailableError (cause kept) at once;
 * retrying is the caller's choice.
 */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<KyselyStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new RangeError(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', (error) => options.onError?.(error));
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UnavailableError(`cannot connect to PostgreSQL at ${redact(url)}`, { cause: error });
  }
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await KyselyStore.open(db, 'postgres', options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
