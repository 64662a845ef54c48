// A table seen by one component tree: the TableClient's state plus the last events (for things a
// view does not keep: who just raised, the showdown's hand names), re-rendering on every change.

import { useEffect, useState } from 'preact/hooks';
import type { TableClient, TableState } from '../../../src/sdk/index.js';
import type { AnyEventView, AnyGame, AnyView } from './any-game.js';

export interface RecentEvent {
  readonly seq: number;
  readonly event: AnyEventView;
}

export interface TableSnapshot {
  readonly state: TableState<AnyView, unknown>;
  /** The latest events, oldest first (at most `KEEP`). Cleared when a fresh view replaces the old one. */
  readonly recent: readonly RecentEvent[];
  /** Counts `hand_ended` events seen, so panels can refresh their history. */
  readonly handsEnded: number;
}

const KEEP = 80;

export function useTable(client: TableClient<AnyGame>): TableSnapshot {
  const [snapshot, setSnapshot] = useState<TableSnapshot>(() => ({
    state: client.state,
    recent: [],
    handsEnded: 0,
  }));
  useEffect(() => {
    setSnapshot({ state: client.state, recent: [], handsEnded: 0 });
    return client.subscribe((state, change) => {
      setSnapshot((previous) => {
        if (change.kind !== 'event') return { ...previous, state };
        // Events this viewer may not see arrive as null (they still take their seq).
        const event: AnyEventView | null = change.event;
        if (event === null) return { ...previous, state };
        const recent = [...previous.recent.slice(-(KEEP - 1)), { seq: change.seq, event }];
        const ended = event.type === 'hand_ended' ? 1 : 0;
        return { state, recent, handsEnded: previous.handsEnded + ended };
      });
    });
  }, [client]);
  return snapshot;
}
