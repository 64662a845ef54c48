// The tables a PitbossClient watches: it turns the server's table messages into a stream that
// consumers can fold blindly — each event once, in seq order — by dropping replays, re-watching
// on gaps, resuming after reconnects and table moves, and routing each table's messages to its
// own listeners.

import { ErrorCode } from '../protocol/codes.js';
import type { ClientMessageType } from '../protocol/messages.js';
import type { Listener, Unsubscribe } from './emitter.js';
import { PitbossRequestError, type PitbossError } from './errors.js';
import {
  TABLE_MOVED,
  type Push,
  type RequestResult,
  type TableFeedMessage,
  type TableMessage,
} from './types.js';
import { WatchBook } from './watches.js';

/** What the feed needs from its client. */
export interface TableFeedHost {
  /** The current connection's identity (null when there is none): answers of older ones are stale. */
  connection(): object | null;
  isOpen(): boolean;
  /** Sends `table.watch` on the current connection. */
  watch(params: { readonly table: string; readonly since?: number }): Promise<unknown>;
  /** Delivers a table message to the client's listeners. */
  emit(message: TableMessage): void;
  error(error: PitbossError): void;
  listenerFailed(error: unknown, event: string): void;
  /** Delay before re-watch attempt `attempt` (0-based) of a table between owners. */
  backoff(attempt: number): number;
}

/**
 * How long a table that is between owners (table/unavailable: its node died and another is taking
 * it over, or it is moving) is re-watched, with backoff, before the client gives it up. A takeover
 * takes about a lease (1.2 s by default) plus recovery; a count of attempts would run out sooner
 * with a short backoff than a slow takeover ends.
 */
const REWATCH_FOR_MS = 30_000;
/** Errors on a re-watch that mean the table is gone for this client. */
const WATCH_GONE: ReadonlySet<string> = new Set([
  ErrorCode.tableNotFound,
  ErrorCode.notFound,
  ErrorCode.forbidden,
  ErrorCode.tableUnavailable,
]);

export class TableFeed {
  readonly #host: TableFeedHost;
  readonly #book = new WatchBook();
  readonly #listeners = new Map<string, Set<Listener<TableFeedMessage>>>();
  readonly #rewatchTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #rewatchAttempts = new Map<string, { count: number; since: number }>();

  constructor(host: TableFeedHost) {
    this.#host = host;
  }

  get tables(): string[] {
    return this.#book.tables();
  }

  lastSeq(table: string): number | null {
    return this.#book.lastSeq(table);
  }

  onTable(table: string, listener: Listener<TableFeedMessage>): Unsubscribe {
    let set = this.#listeners.get(table);
    if (!set) {
      set = new Set();
      this.#listeners.set(table, set);
    }
    const entry: Listener<TableFeedMessage> = (message) => listener(message);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#listeners.get(table) === set) this.#listeners.delete(table);
    };
  }

  /** Bookkeeping before a request goes out; returns how to undo it if the request fails. */
  beforeRequest(type: ClientMessageType, params: Record<string, unknown>): (() => void) | undefined {
    const table = typeof params.table === 'string' ? params.table : null;
    if (table === null) return undefined;
    if (type === 'table.watch' || type === 'table.join') {
      // A join also makes the connection a watcher of the table.
      const added = this.#book.add(table);
      if (typeof params.since === 'number') this.#book.onView(table, params.since);
      return added ? () => this.#book.delete(table) : undefined;
    }
    if (type === 'table.unwatch') this.#book.delete(table);
    return undefined;
  }

  /** Runs as an ack is handled, before the frames that follow it. */
  onAck(type: ClientMessageType, params: Record<string, unknown>, result: unknown): void {
    if (type !== 'table.watch' || typeof params.table !== 'string') return;
    if ((result as Partial<RequestResult<'table.watch'>>).resumed !== true) return;
    this.#book.vouch(params.table);
    // Before the frames that follow the ack: the events after our seq, if any, come next.
    this.#deliverToTable({ type: 'table.resumed', table: params.table });
  }

  handle(message: TableMessage): void {
    switch (message.type) {
      case 'table.view':
        this.#book.onView(message.table, message.seq);
        this.#deliver(message);
        return;
      case 'table.event':
        this.#onEvent(message);
        return;
      case 'table.turn':
      case 'table.presence':
      case 'table.paused':
        this.#deliver(message);
        return;
      case 'table.closed':
        // A moved table carries on under its new owner: resume it from the last seq.
        if (message.reason !== TABLE_MOVED) this.#book.delete(message.table);
        this.#deliver(message);
        if (message.reason === TABLE_MOVED) void this.resync(message.table);
        return;
    }
  }

  /**
   * Re-watches `table` from the last delivered seq (or, with `fresh`, for a new view). Does
   * nothing if a re-watch is already in flight.
   */
  async resync(table: string, fresh = false): Promise<void> {
    const resync = this.#book.beginResync(table, fresh);
    if (!resync) return;
    const conn = this.#host.connection();
    try {
      if (!this.#host.isOpen()) return; // the restore after the reconnect re-watches it
      await this.#host.watch(resync.since === undefined ? { table } : { table, since: resync.since });
      this.#rewatchAttempts.delete(table);
    } catch (error) {
      if (!(error instanceof PitbossRequestError) || conn !== this.#host.connection()) return;
      if (error.code === ErrorCode.tableUnavailable && this.#rewatchLater(table)) return;
      if (WATCH_GONE.has(error.code)) this.#book.delete(table);
      this.#host.error(error);
    } finally {
      if (conn === this.#host.connection() && this.#book.endResync(table)) void this.resync(table, true);
    }
  }

  /** Re-watches every table (on a new, authenticated connection). */
  restore(): Promise<void>[] {
    return this.#book.tables().map((table) => this.resync(table));
  }

  /** A new connection opened: re-watches in flight on the old one are over. */
  connectionOpened(): void {
    this.#book.resetResyncs();
  }

  /**
   * The current connection is gone. Its resume acks vouched only for what it would send: a jump in
   * seqs on the next connection (before that one's own re-watch is acked) is a gap.
   */
  connectionLost(): void {
    this.#book.forgetVouches();
  }

  /** Forgets every table (the client closed); listeners stay. */
  clear(): void {
    this.#book.clear();
    for (const timer of this.#rewatchTimers.values()) clearTimeout(timer);
    this.#rewatchTimers.clear();
    this.#rewatchAttempts.clear();
  }

  #onEvent(message: Push<'table.event'>): void {
    const verdict = this.#book.onEvent(message.table, message.seq);
    if (verdict.kind === 'gap') void this.resync(message.table);
    if (verdict.kind !== 'deliver') return;
    // Seqs the server skipped after vouching for a resume: events this viewer may not see.
    for (let seq = message.seq - verdict.skipped; seq < message.seq; seq++) {
      this.#deliver({ type: 'table.event', table: message.table, seq, event: null });
    }
    this.#deliver(message);
  }

  #deliver(message: TableMessage): void {
    this.#host.emit(message);
    this.#deliverToTable(message);
  }

  /** To the table's own listeners only. */
  #deliverToTable(message: TableFeedMessage): void {
    const listeners = this.#listeners.get(message.table);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.#host.listenerFailed(error, message.type);
      }
    }
  }

  /** The table is between owners (moving, failing over): re-watch it after a backoff delay. */
  #rewatchLater(table: string): boolean {
    const now = Date.now();
    const tried = this.#rewatchAttempts.get(table) ?? { count: 0, since: now };
    if (now - tried.since > REWATCH_FOR_MS) {
      this.#rewatchAttempts.delete(table);
      return false;
    }
    const attempt = tried.count;
    this.#rewatchAttempts.set(table, { count: attempt + 1, since: tried.since });
    const timer = setTimeout(() => {
      this.#rewatchTimers.delete(table);
      void this.resync(table);
    }, this.#host.backoff(attempt));
    this.#rewatchTimers.set(table, timer);
    return true;
  }
}
