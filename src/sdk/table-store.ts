// The client-side state of one table: the latest full view with every later event folded in by
// the game's own `reduceView`, our seat, and — while it is our turn — the legal actions and the
// deadline. Fed by `table.view`, `table.event`, `table.turn` and `table.closed` messages from any
// source (a PitbossClient, a recorded session, the load generator); it never does I/O itself.

import type { GameId, TurnClock } from '../protocol/messages.js';
import { DealWitness } from './deal-witness.js';
import type { Listener, Unsubscribe } from './emitter.js';
import { TABLE_MOVED, type Push, type TableFeedMessage } from './types.js';

const NO_CLOCKS: readonly TurnClock[] = [];
const NO_SEATS: readonly number[] = [];

/** The part of a game module the store needs. Every `GameModule` is one. */
export interface ViewReducer<V, EV> {
  reduceView(view: V, event: EV): V;
}

/** Anything with a `reduceView` method; the types below read a game module's types from it. */
export interface AnyViewReducer {
  reduceView(view: never, event: never): unknown;
}
export type ViewOf<G> = G extends { reduceView(view: infer V, event: never): unknown } ? V : unknown;
export type EventViewOf<G> = G extends { reduceView(view: never, event: infer EV): unknown } ? EV : unknown;
export type LegalOf<G> = G extends { legalActions(state: never, seat: number): infer L } ? L : unknown;
/** The action in a successful parse result (distributes over the result union). */
type ParsedAction<R> = R extends { readonly ok: true; readonly action: infer A } ? A : never;
export type ActionOf<G> = G extends { parseAction(input: unknown): infer R } ? ParsedAction<R> : unknown;

export interface TableState<V, L> {
  readonly table: string;
  /** Null until the first view arrives. */
  readonly game: GameId | null;
  readonly view: V | null;
  /** Seq of the last event folded into `view` (or of the view itself). */
  readonly seq: number | null;
  /** Our seat, or null when watching as a spectator. */
  readonly seat: number | null;
  /** Our legal actions while it is our turn; null otherwise. */
  readonly legal: L | null;
  /** When our turn times out (epoch ms); null when it is not our turn. */
  readonly deadline: number | null;
  /**
   * Every seat's running turn timer as of the last view (server epoch ms). Events do not carry
   * timers, so this is cleared by the next event: read it when a turn first appears.
   */
  readonly clocks: readonly TurnClock[];
  /**
   * The server's reason once the table closed or may no longer be watched. 'moved' (TABLE_MOVED)
   * is a pause: it clears when the table's events resume from its new owner.
   */
  readonly closed: string | null;
  /** Seats whose players have no connection watching the table (from the view, then `table.presence`). */
  readonly away: readonly number[];
  /** An operator paused the table (from the view, then `table.paused`): nothing is played until they resume it. */
  readonly paused: boolean;
}

export type TableChange<EV> =
  | { readonly kind: 'view' }
  /** `event` is null for an event this viewer may not see: it only advances the seq. */
  | { readonly kind: 'event'; readonly seq: number; readonly event: EV | null }
  | { readonly kind: 'turn' }
  /** Who is away changed. */
  | { readonly kind: 'presence' }
  /** An operator paused or resumed the table. */
  | { readonly kind: 'paused' }
  | { readonly kind: 'closed'; readonly reason: string }
  /** A watch was taken up again from our seq: `closed` is null again. */
  | { readonly kind: 'resumed' };

/** Why the store needs the table re-sent. */
export interface ResyncRequest {
  readonly table: string;
  /** True when only a fresh view can help (no view yet, or an event could not be folded in). */
  readonly fresh: boolean;
  readonly reason: 'gap' | 'no_view' | 'reduce_failed';
  /** What `reduceView` threw, for 'reduce_failed'. */
  readonly cause?: unknown;
}

export interface TableStoreOptions<G extends AnyViewReducer> {
  readonly table: string;
  /** The game module (or anything with its `reduceView`). */
  readonly game: G;
  /** Called when events are missing or could not be applied: re-watch the table. */
  readonly onResync?: (request: ResyncRequest) => void;
}

export class TableStore<G extends AnyViewReducer> {
  readonly table: string;
  readonly #reducer: ViewReducer<ViewOf<G>, EventViewOf<G>>;
  readonly #onResync: ((request: ResyncRequest) => void) | undefined;
  readonly #listeners = new Set<
    (state: TableState<ViewOf<G>, LegalOf<G>>, change: TableChange<EventViewOf<G>>) => void
  >();
  #state: TableState<ViewOf<G>, LegalOf<G>>;
  /** Seq the current turn was computed at; any later event ends it. */
  #turnSeq: number | null = null;
  #turnSeat: number | null = null;
  /**
   * A turn computed at a seq this store has not reached yet (events still on their way, or a
   * re-watch pending): its legal actions are shown only once the view has caught up, so a UI never
   * offers actions for a hand it cannot see yet.
   */
  #pendingTurn: Push<'table.turn'> | null = null;
  /** Events are ignored until a fresh view: the view could not be kept in step. */
  #needsView = true;
  /** A resync was asked for and nothing has been applied since: don't ask again for every event. */
  #resyncAsked = false;
  /** Each hand's deal commitment as this store first saw it (docs/fair-deals.md). */
  readonly #deals = new DealWitness();

  constructor(options: TableStoreOptions<G>) {
    this.table = options.table;
    this.#reducer = options.game as unknown as ViewReducer<ViewOf<G>, EventViewOf<G>>;
    this.#onResync = options.onResync;
    this.#state = {
      table: options.table,
      game: null,
      view: null,
      seq: null,
      seat: null,
      legal: null,
      deadline: null,
      clocks: NO_CLOCKS,
      closed: null,
      away: NO_SEATS,
      paused: false,
    };
  }

  get state(): TableState<ViewOf<G>, LegalOf<G>> {
    return this.#state;
  }

  /** It is our turn: `state.legal` holds what we may do. */
  get isMyTurn(): boolean {
    return this.#state.legal !== null;
  }

  /** Called after every change, with the new state and what changed. */
  subscribe(
    listener: (state: TableState<ViewOf<G>, LegalOf<G>>, change: TableChange<EventViewOf<G>>) => void,
  ): Unsubscribe {
    const entry: typeof listener = (state, change) => listener(state, change);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Feeds one message; messages about other tables are ignored. */
  handle: Listener<TableFeedMessage> = (message) => {
    if (message.table !== this.table) return;
    switch (message.type) {
      case 'table.view':
        this.applyView(message);
        return;
      case 'table.event':
        this.applyEvent(message);
        return;
      case 'table.turn':
        this.applyTurn(message);
        return;
      case 'table.presence':
        this.applyPresence(message);
        return;
      case 'table.paused':
        this.applyPaused(message);
        return;
      case 'table.closed':
        this.applyClosed(message);
        return;
      case 'table.resumed':
        this.applyResumed();
        return;
    }
  };

  applyView(message: Push<'table.view'>): void {
    const turnStillValid =
      this.#turnSeq !== null && this.#turnSeq >= message.seq && message.seat === this.#turnSeat;
    if (!turnStillValid) {
      this.#turnSeq = null;
      this.#pendingTurn = null;
    }
    this.#needsView = false;
    this.#resyncAsked = false;
    this.#state = {
      ...this.#state,
      game: message.game,
      view: message.view as ViewOf<G>,
      seq: message.seq,
      seat: message.seat,
      clocks: message.clocks,
      ...(turnStillValid ? {} : { legal: null, deadline: null }),
      closed: null,
      away: message.away ?? NO_SEATS,
      paused: message.paused ?? false,
    };
    this.#deals.noteView(message.view);
    this.#notify({ kind: 'view' });
    this.#takePendingTurn();
  }

  applyEvent(message: Push<'table.event'>): void {
    const { seq } = this.#state;
    if (this.#needsView || this.#state.view === null || seq === null) {
      this.#askResync({ table: this.table, fresh: true, reason: 'no_view' });
      return;
    }
    if (message.seq <= seq) return; // already folded in (a replay after a resume)
    if (message.seq !== seq + 1) {
      this.#askResync({ table: this.table, fresh: false, reason: 'gap' });
      return;
    }
    const event = message.event as EventViewOf<G>;
    let view: ViewOf<G> = this.#state.view;
    // A null event is one this viewer may not see: it still takes its seq.
    if (event !== null) {
      try {
        view = this.#reducer.reduceView(view, event);
      } catch (cause) {
        this.#needsView = true;
        this.#askResync({ table: this.table, fresh: true, reason: 'reduce_failed', cause });
        return;
      }
    }
    this.#resyncAsked = false;
    const turnEnded = this.#turnSeq !== null && message.seq > this.#turnSeq;
    if (turnEnded) {
      this.#turnSeq = null;
      this.#pendingTurn = null;
    }
    this.#state = {
      ...this.#state,
      view,
      seq: message.seq,
      clocks: NO_CLOCKS,
      ...(turnEnded ? { legal: null, deadline: null } : {}),
      closed: null,
    };
    this.#deals.noteView(view);
    this.#notify({ kind: 'event', seq: message.seq, event });
    this.#takePendingTurn();
  }

  applyTurn(message: Push<'table.turn'>): void {
    // A turn computed before events we already applied is over.
    if (this.#state.seq !== null && message.seq < this.#state.seq) return;
    this.#turnSeq = message.seq;
    this.#turnSeat = message.seat;
    this.#pendingTurn = message;
    this.#takePendingTurn();
  }

  /** Shows the pending turn once the view stands at the seq it was computed at. */
  /**
   * The commitment to hand `hand`'s deck that this store received before (or as) the hand began,
   * if it saw one: pass it to `verifyHand(record, { commitment })`.
   */
  commitmentSeen(hand: number): string | undefined {
    return this.#deals.commitmentFor(hand);
  }

  #takePendingTurn(): void {
    const turn = this.#pendingTurn;
    if (turn === null || this.#needsView || this.#state.seq !== turn.seq) return;
    this.#pendingTurn = null;
    this.#state = {
      ...this.#state,
      legal: turn.legal as LegalOf<G>,
      deadline: turn.deadline,
    };
    this.#notify({ kind: 'turn' });
  }

  applyPresence(message: Push<'table.presence'>): void {
    this.#state = { ...this.#state, away: message.away };
    this.#notify({ kind: 'presence' });
  }

  applyPaused(message: Push<'table.paused'>): void {
    this.#state = { ...this.#state, paused: message.paused };
    this.#notify({ kind: 'paused' });
  }

  /**
   * The watch goes on from our seq (a moved table found at its new owner, a reconnect): whatever
   * closed it is over. An idle table sends no event to say so.
   */
  applyResumed(): void {
    if (this.#state.closed === null || this.#needsView) return;
    this.#state = { ...this.#state, closed: null };
    this.#notify({ kind: 'resumed' });
  }

  /** Closed for good, or — reason 'moved' — paused until the table's events resume elsewhere. */
  applyClosed(message: Push<'table.closed'>): void {
    this.#turnSeq = null;
    this.#pendingTurn = null;
    if (message.reason !== TABLE_MOVED) this.#needsView = true;
    this.#state = { ...this.#state, legal: null, deadline: null, closed: message.reason };
    this.#notify({ kind: 'closed', reason: message.reason });
  }

  #askResync(request: ResyncRequest): void {
    if (this.#resyncAsked) return;
    this.#resyncAsked = true;
    this.#onResync?.(request);
  }

  /** Every listener hears every change; the first one that threw has its error rethrown after. */
  #notify(change: TableChange<EventViewOf<G>>): void {
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state, change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
