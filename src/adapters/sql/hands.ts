// Finished hand histories. hand_players has one row per (player, hand), carrying ended_at, so
// "the hands I played, newest first" is a range scan of one index with keyset paging.

import type { Kysely } from 'kysely';
import type { HandHistory, HandPage } from '../../ports/store.js';
import { toHandHistory } from './rows.js';
import type { StoreSchema } from './schema.js';

/** Idempotent on (tableId, hand): the outbox may deliver a hand twice; the first copy stays. */
export async function saveHand(db: Kysely<StoreSchema>, hand: HandHistory): Promise<void> {
  if (!Number.isSafeInteger(hand.hand))
    throw new RangeError(`hand number must be an integer, got ${hand.hand}`);
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('hands')
      .values({
        table_id: hand.tableId,
        hand: hand.hand,
        game: hand.game,
        players: JSON.stringify(hand.players),
        record: JSON.stringify(hand.record ?? null),
        ended_at: hand.endedAt,
      })
      .onConflict((oc) => oc.columns(['table_id', 'hand']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) return;
    const players = [...new Set(hand.players)];
    if (players.length === 0) return;
    await trx
      .insertInto('hand_players')
      .values(
        players.map((account_id) => ({
          account_id,
          table_id: hand.tableId,
          hand: hand.hand,
          ended_at: hand.endedAt,
        })),
      )
      .execute();
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
