// What one worker knows about one of its tables, shared by the table's players (they all live in
// this worker): the table id once created, the action in flight for the "other seats received the
// event" latency, and progress for the stuck check.

import { recordMs, type Histogram } from './latency.js';
import type { TablePlan } from './plan.js';
import type { TableProgress } from './worker-protocol.js';

interface InFlight {
  readonly id: number;
  readonly sentAt: number;
  /** The table's last seq the actor had seen: the action's first event is the next one. */
  readonly afterSeq: number;
  readonly actor: number;
}

export class TableTrack {
  readonly plan: TablePlan;
  readonly #events: Histogram;
  readonly #now: () => number;
  #id: string | null = null;
  #settled = false;
  readonly #idWaiters: ((id: string | null) => void)[] = [];
  #inFlight: InFlight | null = null;
  #actionIds = 0;
  seated = 0;
  #seq = 0;
  #handNumber = 0;
  #handNumberWhenFull: number | null = null;
  #lastEventAt: number | null = null;

  constructor(plan: TablePlan, events: Histogram, now: () => number) {
    this.plan = plan;
    this.#events = events;
    this.#now = now;
  }

  get id(): string | null {
    return this.#id;
  }

  /** The table id, once its first player created it; null if creating it failed. */
  tableId(): Promise<string | null> {
    if (this.#settled) return Promise.resolve(this.#id);
    return new Promise((resolve) => this.#idWaiters.push(resolve));
  }

  /** Settles the table id (first call wins). */
  created(id: string | null): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#id = id;
    for (const w of this.#idWaiters.splice(0)) w(id);
  }

  /** A player of this table sends an action now; returns the action's id. */
  actionSent(actor: number, afterSeq: number): number {
    const id = ++this.#actionIds;
    this.#inFlight = { id, sentAt: this.#now(), afterSeq, actor };
    return id;
  }

  /**
   * A player (`receiver`) received event `seq`. The first event after the action in flight, at
   * each other seat, is one "action → event received by the other seats" sample.
   * Returns the id of the action it was counted for, so each seat counts an action once.
   */
  eventReceived(receiver: number, seq: number, lastCounted: number): number {
    const now = this.#now();
    this.#lastEventAt = now;
    if (seq > this.#seq) this.#seq = seq;
    const f = this.#inFlight;
    if (f === null || f.actor === receiver || f.id === lastCounted || seq <= f.afterSeq) return lastCounted;
    recordMs(this.#events, now - f.sentAt);
    return f.id;
  }

  handNumberSeen(handNumber: number): void {
    if (handNumber > this.#handNumber) this.#handNumber = handNumber;
    if (this.#handNumberWhenFull === null && this.seated >= this.plan.players)
      this.#handNumberWhenFull = this.#handNumber;
  }

  progress(): TableProgress {
    return {
      index: this.plan.index,
      id: this.#id,
      game: this.plan.game,
      seated: this.seated,
      wanted: this.plan.players,
      seq: this.#seq,
      handNumber: this.#handNumber,
      handNumberWhenFull: this.#handNumberWhenFull,
      silentMs: this.#lastEventAt === null ? null : Math.round(this.#now() - this.#lastEventAt),
    };
  }
}
