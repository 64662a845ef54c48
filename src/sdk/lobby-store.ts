// The lobby as a client sees it: every table summary, kept current from the client's
// `lobby.snapshot` (each `lobby.subscribe` reply, including the one after a reconnect),
// `lobby.update` and `lobby.remove` events.

import type { PitbossClient } from './client.js';
import type { Unsubscribe } from './emitter.js';
import type { TableSummary } from './types.js';

export class LobbyStore {
  readonly #tables = new Map<string, TableSummary>();
  readonly #listeners = new Set<(tables: readonly TableSummary[]) => void>();
  readonly #offs: Unsubscribe[];

  /** Starts listening to `client`; call `client.request('lobby.subscribe')` to start the feed. */
  constructor(client: Pick<PitbossClient, 'on'>) {
    this.#offs = [
      client.on('lobby.snapshot', ({ tables }) => {
        this.#tables.clear();
        for (const table of tables) this.#tables.set(table.id, table);
        this.#notify();
      }),
      client.on('lobby.update', ({ table }) => {
        this.#tables.set(table.id, table);
        this.#notify();
      }),
      client.on('lobby.remove', ({ table }) => {
        if (this.#tables.delete(table)) this.#notify();
      }),
    ];
  }

  get(table: string): TableSummary | undefined {
    return this.#tables.get(table);
  }

  /** All tables, in the order they were first seen. */
  get tables(): readonly TableSummary[] {
    return [...this.#tables.values()];
  }

  subscribe(listener: (tables: readonly TableSummary[]) => void): Unsubscribe {
    const entry: typeof listener = (tables) => listener(tables);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  dispose(): void {
    for (const off of this.#offs) off();
    this.#listeners.clear();
  }

  #notify(): void {
    const tables = this.tables;
    for (const listener of [...this.#listeners]) listener(tables);
  }
}
