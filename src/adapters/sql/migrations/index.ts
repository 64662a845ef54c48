// Migrations live in code (not files found at run time) so a bundled or compiled server carries
// them. Names sort in the order they apply; never edit a released migration — add the next one.

import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { UnavailableError } from '../../../ports/errors.js';
import type { SqlDialect } from '../schema.js';
import { initialMigration } from './0001-initial.js';

function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
  };
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: SqlDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

/**
 * Brings the Store schema up to date. Safe to run on every start and from several processes (on
 * PostgreSQL kysely holds an advisory lock meanwhile). `schema`: where kysely keeps its own
 * bookkeeping tables when the Store lives outside the default schema.
 */
export async function migrateStore(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrations(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new UnavailableError(`store migration ${failed} failed`, { cause: error });
  }
}
