// Table configurations. The seed column is the table's RNG seed: secret, returned only to the
// server that runs the table.

import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../../ports/errors.js';
import type { TableRecord } from '../../ports/store.js';
import { toTableRecord } from './rows.js';
import type { StoreSchema } from './schema.js';

export async function createTable(
  db: Kysely<StoreSchema>,
  now: () => number,
  table: Omit<TableRecord, 'createdAt' | 'closedAt'>,
): Promise<TableRecord> {
  const row = {
    id: table.id,
    game: table.game,
    name: table.name,
    config: JSON.stringify(table.config ?? null),
    seed: table.seed,
    created_by: table.createdBy,
    created_at: now(),
    closed_at: null,
  };
  try {
    await db.insertInto('tables').values(row).execute();
  } catch (error) {
    if (await getTable(db, table.id))
      throw new ConflictError(`table ${table.id} already exists`, { cause: error });
    throw error;
  }
  return toTableRecord({ ...row, ord: 0 });
}

export async function getTable(db: Kysely<StoreSchema>, id: string): Promise<TableRecord | null> {
  const row = await db.selectFrom('tables').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTableRecord(row) : null;
}

export async function openTables(db: Kysely<StoreSchema>): Promise<TableRecord[]> {
  const rows = await db
    .selectFrom('tables')
    .selectAll()
    .where('closed_at', 'is', null)
    .orderBy('ord')
    .execute();
  return rows.map(toTableRecord);
}

/** Closing twice keeps the first closing time; closing an unknown table is NotFoundError. */
export async function closeTable(db: Kysely<StoreSchema>, now: () => number, id: string): Promise<void> {
  const result = await db
    .updateTable('tables')
    .set({ closed_at: now() })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n && !(await getTable(db, id))) throw new NotFoundError(`no table ${id}`);
}
