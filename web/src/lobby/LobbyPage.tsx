// The lobby: live table list with filters, creating a table, and the way to a seat or a rail.

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RequestParams, TableSummary } from '../../../src/sdk/index.js';
import type { Router } from '../core/router.js';
import type { PlayerSession } from '../core/session.js';
import { useObservable } from '../core/use-observable.js';
import { CreateTable } from './CreateTable.js';
import { filterTables, NO_FILTER, type LobbyFilter } from './filter.js';
import { Filters } from './Filters.js';
import { TableList } from './TableList.js';

export function LobbyPage(props: { readonly session: PlayerSession; readonly router: Router }) {
  const { session, router } = props;
  const [tables, setTables] = useState<readonly TableSummary[]>(() => session.lobby.tables);
  const [filter, setFilter] = useState<LobbyFilter>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const balance = useObservable(session.balance);
  const account = useObservable(session.account);

  useEffect(() => {
    setTables(session.lobby.tables);
    return session.lobby.subscribe(setTables);
  }, [session]);

  const shown = useMemo(() => filterTables(tables, filter), [tables, filter]);

  const create = async (request: RequestParams<'table.create'>) => {
    try {
      const { table } = await session.client.request('table.create', request);
      setCreating(false);
      // The creator lands with the buy-in form open: one click to sit at the table they made.
      router.go({ name: 'table', table: table.id }, { offerSeat: true });
    } catch (error) {
      session.report(error);
      throw error;
    }
  };

  return (
    <main class="lobby" aria-labelledby="lobby-title">
      <div class="lobby-head">
        <h1 id="lobby-title">Lobby</h1>
        <button type="button" class="primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {creating ? 'Close' : 'Create table'}
        </button>
      </div>
      {creating && (
        <CreateTable
          onCreate={create}
          onCancel={() => setCreating(false)}
          nickname={account?.nickname ?? null}
        />
      )}
      <Filters filter={filter} onChange={setFilter} />
      <p class="count" aria-live="polite">
        {shown.length} of {tables.length} tables
      </p>
      <TableList
        tables={shown}
        total={tables.length}
        balance={balance}
        onWatch={(t) => router.go({ name: 'table', table: t.id })}
        onSit={(t, buyIn) => router.go({ name: 'table', table: t.id }, { join: { buyIn } })}
      />
    </main>
  );
}
