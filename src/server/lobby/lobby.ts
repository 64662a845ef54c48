// The lobby: the list of open tables every connection can browse, filter and page through, and
// subscribe to. Each node publishes changes to its own tables on the Bus topic `lobby`; every node
// (this one included) builds its list from that topic, so in a cluster every lobby shows every
// table. Publishing is debounced per table: the lobby tolerates a moment of staleness, play does not.

import { z } from 'zod';
import type { Bus, Subscription } from '../../ports/bus.js';
import { TableIdSchema } from '../../protocol/messages.js';
import { TableSummarySchema } from '../../protocol/table-summary.js';
import type { GameId, TableSummary } from '../../protocol/messages.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../ops/logger.js';

export interface LobbyFilter {
  readonly game?: GameId | undefined;
  readonly minStake?: number | undefined;
  readonly maxStake?: number | undefined;
  readonly freeSeats?: boolean | undefined;
}

export type LobbyChange =
  | { readonly type: 'update'; readonly table: TableSummary }
  | { readonly type: 'remove'; readonly table: string };

/**
 * What nodes say on the `lobby` topic: a table's summary, its removal, or "everyone, publish your
 * tables" (a node that just started and has missed the others' earlier messages).
 */
const LobbyMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), table: TableSummarySchema }),
  z.object({ op: z.literal('remove'), table: TableIdSchema }),
  z.object({ op: z.literal('sync') }),
]);
type LobbyMessage =
  | { readonly op: 'upsert'; readonly table: TableSummary }
  | { readonly op: 'remove'; readonly table: string }
  | { readonly op: 'sync' };

const TOPIC = 'lobby';

export class Lobby {
  readonly #bus: Bus;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #debounceMs: number;
  readonly #tables = new Map<string, TableSummary>();
  readonly #listeners = new Set<(change: LobbyChange) => void>();
  readonly #pending = new Map<string, { timer: TimerHandle; summary: () => TableSummary | null }>();
  #subscription: Subscription | null = null;

  #ownTables: () => TableSummary[] = () => [];

  constructor(deps: { bus: Bus; clock: Clock; logger: Logger; debounceMs: number }) {
    this.#bus = deps.bus;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#debounceMs = deps.debounceMs;
  }

  /**
   * Starts listening; `ownTables` lists this node's tables, published whenever another node asks
   * (it just started). Asks the others for theirs.
   */
  async start(ownTables?: () => TableSummary[]): Promise<void> {
    if (ownTables) this.#ownTables = ownTables;
    this.#subscription = await this.#bus.subscribe(TOPIC, (raw) => this.#receive(raw));
    await this.#send({ op: 'sync' });
  }

  async stop(): Promise<void> {
    for (const p of this.#pending.values()) p.timer.cancel();
    this.#pending.clear();
    await this.#subscription?.unsubscribe();
    this.#subscription = null;
  }

  /** Publishes a table's summary now. */
  publish(summary: TableSummary): Promise<void> {
    this.#pending.get(summary.id)?.timer.cancel();
    this.#pending.delete(summary.id);
    return this.#send({ op: 'upsert', table: summary });
  }

  /** Publishes a table's summary soon, coalescing bursts of changes into one message. */
  touch(tableId: string, summary: () => TableSummary | null): void {
    const pending = this.#pending.get(tableId);
    if (pending) {
      this.#pending.set(tableId, { timer: pending.timer, summary });
      return;
    }
    const timer = this.#clock.after(this.#debounceMs, () => {
      const latest = this.#pending.get(tableId);
      this.#pending.delete(tableId);
      const s = latest?.summary();
      if (s) void this.#send({ op: 'upsert', table: s });
    });
    this.#pending.set(tableId, { timer, summary });
  }

  remove(tableId: string): Promise<void> {
    this.#pending.get(tableId)?.timer.cancel();
    this.#pending.delete(tableId);
    return this.#send({ op: 'remove', table: tableId });
  }

  get(tableId: string): TableSummary | undefined {
    return this.#tables.get(tableId);
  }

  get size(): number {
    return this.#tables.size;
  }

  /**
   * One page of tables matching `filter`, ordered by id. The cursor is the last id of the
   * previous page, so pages stay stable while tables come and go.
   */
  list(filter: LobbyFilter, limit: number, cursor?: string): { tables: TableSummary[]; next: string | null } {
    const matching = [...this.#tables.values()]
      .filter((t) => matches(t, filter))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = cursor === undefined ? 0 : matching.findIndex((t) => t.id > cursor);
    const page = start < 0 ? [] : matching.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start >= 0 && start + limit < matching.length;
    return { tables: page, next: more && last ? last.id : null };
  }

  all(): TableSummary[] {
    return [...this.#tables.values()];
  }

  onChange(listener: (change: LobbyChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #send(message: LobbyMessage): Promise<void> {
    try {
      await this.#bus.publish(TOPIC, JSON.stringify(message));
    } catch (error) {
      this.#logger.warn({ err: error }, 'lobby publish failed');
    }
  }

  #receive(raw: string): void {
    let message: LobbyMessage;
    try {
      const parsed = LobbyMessageSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw parsed.error;
      message = parsed.data;
    } catch (error) {
      this.#logger.warn({ err: error }, 'unreadable lobby message');
      return;
    }
    if (message.op === 'sync') {
      for (const summary of this.#ownTables()) void this.#send({ op: 'upsert', table: summary });
      return;
    }
    let change: LobbyChange;
    if (message.op === 'upsert') {
      this.#tables.set(message.table.id, message.table);
      change = { type: 'update', table: message.table };
    } else {
      if (!this.#tables.delete(message.table)) return;
      change = { type: 'remove', table: message.table };
    }
    for (const listener of this.#listeners) listener(change);
  }
}

function matches(t: TableSummary, f: LobbyFilter): boolean {
  if (f.game !== undefined && t.game !== f.game) return false;
  if (f.minStake !== undefined && t.stake < f.minStake) return false;
  if (f.maxStake !== undefined && t.stake > f.maxStake) return false;
  if (f.freeSeats === true && t.occupied >= t.seats) return false;
  return true;
}
