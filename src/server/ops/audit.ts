// Chip conservation, proven on demand: the ledger's own balance (granted = wallets + tables, in one
// SQL query) and, for every table this node (in a cluster: every node) hosts, that the ledger's view of the chips at the table
// equals the chips the table's state actually holds (stacks + pots). A mismatch is only expected
// for the moment a buy-in or cash-out is in flight.

import type { Store } from '../../ports/store.js';
import type { ChipAudit } from '../../protocol/admin.js';
import { settleWithin } from '../settle-within.js';
import type { TableHost } from '../tables/table-host.js';

export async function auditChips(
  store: Store,
  host: TableHost,
  /** Adds the other nodes' tables in a cluster (identity on one node). */
  everywhere: (local: { id: string; chips: number }[]) => Promise<{ id: string; chips: number }[]>,
): Promise<ChipAudit> {
  // Let in-flight commands and effects land first, but never wait on a failing store for ever.
  await settleWithin(host.idle(), 5000);
  const counted = await everywhere(
    host.tables().map((actor) => ({ id: actor.id, chips: actor.game.chipsOnTable(actor.state) })),
  );
  const audit = await store.audit();
  let atTables = 0;
  for (const v of audit.atTables.values()) atTables += v;
  const tables = counted.map((t) => ({ id: t.id, ledger: audit.atTables.get(t.id) ?? 0, onTable: t.chips }));
  return {
    balanced: audit.balanced,
    granted: audit.granted,
    inWallets: audit.inWallets,
    atTables,
    tables,
    tablesMatch: tables.every((t) => t.ledger === t.onTable),
  };
}
