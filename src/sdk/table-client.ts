// One table seen through a PitbossClient: a TableStore fed by the client's messages for that
// table (gaps and unfoldable events trigger the client's re-watch), plus typed shortcuts for the
// requests a player or a bot makes at a table.

import type { PitbossClient } from './client.js';
import type { Unsubscribe } from './emitter.js';
import {
  TableStore,
  type ActionOf,
  type AnyViewReducer,
  type EventViewOf,
  type LegalOf,
  type TableChange,
  type TableState,
  type ViewOf,
} from './table-store.js';
import type { RequestResult } from './types.js';

export interface TableClientOptions {
  /**
   * While seated, send a fresh random value for each next hand's deck once its commitment is told
   * (`table.entropy`, docs/fair-deals.md): then neither the server nor any player alone decides
   * the deck. Default true.
   */
  readonly contributeEntropy?: boolean;
}

export class TableClient<G extends AnyViewReducer> {
  readonly table: string;
  readonly store: TableStore<G>;
  readonly #client: PitbossClient;
  #off: Unsubscribe | null;
  #offEntropy: Unsubscribe | null = null;
  /** The hand our last value was for: one per hand. */
  #contributedFor: number | null = null;

  /** Starts listening at once; call `watch()` or `join()` to start receiving the table. */
  constructor(client: PitbossClient, table: string, game: G, options: TableClientOptions = {}) {
    this.table = table;
    this.#client = client;
    this.store = new TableStore({
      table,
      game,
      // The client hands every listener each seq once and in order, re-watching on its own gaps; a
      // gap the store still sees means the store fell behind that feed, and a resume from the feed's
      // seq would never send what the store lacks. Only a fresh view can put it back in step.
      onResync: () => void client.resync(table, { fresh: true }),
    });
    this.#off = client.onTable(table, this.store.handle);
    if (options.contributeEntropy !== false)
      this.#offEntropy = this.store.subscribe((state) => this.#contribute(state.seat, state.view));
  }

  /**
   * Between hands, seated, with the next hand's commitment in the view: our random value for that
   * hand. A value that arrives after the hand started is refused by the table, which costs nothing.
   */
  #contribute(seat: number | null, view: unknown): void {
    if (seat === null) return;
    const next = nextDeal(view);
    if (next === null || next === this.#contributedFor) return;
    this.#contributedFor = next;
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    this.#client.request('table.entropy', { table: this.table, hand: next, value }).catch(() => undefined);
  }

  get state(): TableState<ViewOf<G>, LegalOf<G>> {
    return this.store.state;
  }

  subscribe(
    listener: (state: TableState<ViewOf<G>, LegalOf<G>>, change: TableChange<EventViewOf<G>>) => void,
  ): Unsubscribe {
    return this.store.subscribe(listener);
  }

  /** Watches the table; resumes from the store's seq when it already has a view. */
  watch(): Promise<RequestResult<'table.watch'>> {
    const { seq } = this.store.state;
    return this.#client.request(
      'table.watch',
      seq === null ? { table: this.table } : { table: this.table, since: seq },
    );
  }

  /** Takes a seat (any free one when `seat` is omitted), moving `buyIn` chips from the wallet. */
  join(buyIn: number, seat?: number): Promise<RequestResult<'table.join'>> {
    return this.#client.request(
      'table.join',
      seat === undefined ? { table: this.table, buyIn } : { table: this.table, buyIn, seat },
    );
  }

  /** Acts for our seat; resolves once the action is durably recorded, with the seq of its last event. */
  act(action: ActionOf<G>): Promise<RequestResult<'table.act'>> {
    return this.#client.request('table.act', { table: this.table, action });
  }

  /** Adds chips from the wallet to our stack: a rebuy after busting, or a top-up between hands. */
  topUp(amount: number): Promise<RequestResult<'table.top_up'>> {
    return this.#client.request('table.top_up', { table: this.table, amount });
  }

  leave(): Promise<RequestResult<'table.leave'>> {
    return this.#client.request('table.leave', { table: this.table });
  }

  sitOut(): Promise<RequestResult<'table.sit_out'>> {
    return this.#client.request('table.sit_out', { table: this.table });
  }

  sitIn(): Promise<RequestResult<'table.sit_in'>> {
    return this.#client.request('table.sit_in', { table: this.table });
  }

  /** Stops watching the table (when connected) and stops feeding the store. */
  async close(): Promise<void> {
    this.dispose();
    if (this.#client.state === 'open') await this.#client.request('table.unwatch', { table: this.table });
  }

  /** Stops feeding the store; the client keeps watching the table. */
  dispose(): void {
    this.#off?.();
    this.#off = null;
    this.#offEntropy?.();
    this.#offEntropy = null;
  }
}

/** The hand number whose commitment a view shows between hands, or null (in a hand, none, not verifiable). */
function nextDeal(view: unknown): number | null {
  if (typeof view !== 'object' || view === null) return null;
  const { deal, handNumber } = view as { deal?: unknown; handNumber?: unknown };
  if (typeof deal !== 'object' || deal === null || typeof handNumber !== 'number') return null;
  const hand = (deal as { hand?: unknown }).hand;
  return hand === handNumber + 1 ? hand : null;
}
