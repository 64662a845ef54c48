// Finished hand histories. hand_players has one row per (player, hand), carrying ended_at, so
// "the hands I played, newest first" is a range scan of one index with keyset paging.

import type { Kysely } from 'kysely';
import type { HandHistory, HandPage } from '../../ports/store.js';
import { toHandHistory } from './rows.js';
import type { StoreSchema } from './schema.js';

/**
 * Saves finished hands in one transaction: two statements whatever their number. Idempotent on
 * (tableId, hand): the outbox may deliver a hand twice, and the first copy stays — a hand already
 * stored (or twice in `batch`) keeps its row and its players. Hand numbers are checked by the
 * caller (HandBatch.save), so one bad hand never fails the others of its batch.
 */
export async function saveHands(db: Kysely<StoreSchema>, batch: readonly HandHistory[]): Promise<void> {
  const first = new Map<string, HandHistory>();
  for (const h of batch) {
    const key = JSON.stringify([h.tableId, h.hand]);
    if (!first.has(key)) first.set(key, h);
  }
  const unique = [...first.values()];
  if (unique.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('hands')
      .values(
        unique.map((h) => ({
          table_id: h.tableId,
          hand: h.hand,
          game: h.game,
          players: JSON.stringify(h.players),
          record: JSON.stringify(h.record ?? null),
          ended_at: h.endedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['table_id', 'hand']).doNothing())
      .returning(['table_id', 'hand'])
      .execute();
    const isNew = new Set(inserted.map((r) => JSON.stringify([r.table_id, Number(r.hand)])));
    const rows = unique
      .filter((h) => isNew.has(JSON.stringify([h.tableId, h.hand])))
      .flatMap((h) =>
        [...new Set(h.players)].map((account_id) => ({
          account_id,
          table_id: h.tableId,
          hand: h.hand,
          ended_at: h.endedAt,
        })),
      );
    if (rows.length > 0) await trx.insertInto('hand_players').values(rows).execute();
  });
}

export async function handsOf(
  db: Kysely<StoreSchema>,
  accountId: string,
  { limit, before, table }: HandPage,
): Promise<HandHistory[]> {
  let query = db
    .selectFrom('hand_players as p')
    .innerJoin('hands as h', (join) =>
      join.onRef('h.table_id', '=', 'p.table_id').onRef('h.hand', '=', 'p.hand'),
    )
    .selectAll('h')
    .where('p.account_id', '=', accountId);
  // The primary key (account_id, table_id, hand) serves the one-table case.
  if (table !== undefined) query = query.where('p.table_id', '=', table);
  if (before) {
    // (ended_at, table_id, hand) < cursor, spelled out: row-value comparison is not portable.
    query = query.where((eb) =>
      eb.or([
        eb('p.ended_at', '<', before.endedAt),
        eb.and([eb('p.ended_at', '=', before.endedAt), eb('p.table_id', '<', before.tableId)]),
        eb.and([
          eb('p.ended_at', '=', before.endedAt),
          eb('p.table_id', '=', before.tableId),
          eb('p.hand', '<', before.hand),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy('p.ended_at', 'desc')
    .orderBy('p.table_id', 'desc')
    .orderBy('p.hand', 'desc')
    .limit(Math.max(0, Math.trunc(limit)))
    .execute();
  return rows.map(toHandHistory);
}

export async function hand(
  db: Kysely<StoreSchema>,
  tableId: string,
  handNo: number,
): Promise<HandHistory | null> {
  const row = await db
    .selectFrom('hands')
    .selectAll()
    .where('table_id', '=', tableId)
    .where('hand', '=', handNo)
    .executeTakeFirst();
  return row ? toHandHistory(row) : null;
}

export async function handsAt(
  db: Kysely<StoreSchema>,
  tableId: string,
  { limit, before }: { readonly limit: number; readonly before?: number },
): Promise<HandHistory[]> {
  // The primary key (table_id, hand) serves this directly.
  let query = db.selectFrom('hands').selectAll().where('table_id', '=', tableId);
  if (before !== undefined) query = query.where('hand', '<', before);
  const rows = await query
    .orderBy('hand', 'desc')
    .limit(Math.max(0, Math.trunc(limit)))
    .execute();
  return rows.map(toHandHistory);
}
