// Delivers a table's events to everyone watching it, each as their seat may see it.
//
// Watchers are grouped by viewer (a seat, or 'spectator'). Each event is projected once per viewer
// group and serialized once per group — never per recipient — and the same frame goes to every
// connection in the group, its UTF-8 bytes encoded once for all of them (SharedFrame). The
// grouping follows the seat map: when an account sits down or leaves, its connections move to
// another group and get a fresh view.

import type { AnyGameModule, SeatInfo, Viewer } from '../../games/contract.js';

/**
 * A serialized server message on its way to several connections. Its UTF-8 bytes are encoded on
 * first use and that one buffer goes to every socket; sent as a string, each socket's write would
 * measure, allocate and encode it again (`npx tsx bench/shared-frame.ts`: 0.88–0.94× the CPU per frame
 * to six loopback sockets; docs/benchmarks.md).
 */
export class SharedFrame {
  #bytes: Buffer | null = null;

  constructor(readonly text: string) {}

  get bytes(): Buffer {
    return (this.#bytes ??= Buffer.from(this.text, 'utf8'));
  }
}

/** One server message for one subscriber: a string, or a frame several subscribers share. */
export type OutgoingFrame = string | SharedFrame;

export function frameText(frame: OutgoingFrame): string {
  return typeof frame === 'string' ? frame : frame.text;
}

/** A connection (or, in a cluster, a relay to one) that receives a table's messages. */
export interface TableSubscriber {
  /** The authenticated account behind the connection. */
  readonly accountId: string;
  /** Sends one serialized server message. Must not throw; slow consumers are the sender's problem. */
  send(data: OutgoingFrame): void;
  /** The table ended this watch itself (after `table.closed` was sent): forget the table. */
  unwatched?(tableId: string): void;
}

/** Marks an event that each viewer group sees its own way (see broadcast). */
const PER_VIEWER = Symbol('per viewer');

export class Fanout {
  readonly #game: AnyGameModule;
  readonly #tableJson: string;
  readonly #groups = new Map<Viewer, Set<TableSubscriber>>();
  readonly #viewerOf = new Map<TableSubscriber, Viewer>();
  #seatOf = new Map<string, number>();

  constructor(game: AnyGameModule, tableId: string) {
    this.#game = game;
    this.#tableJson = JSON.stringify(tableId);
  }

  get size(): number {
    return this.#viewerOf.size;
  }

  subscribers(): IterableIterator<TableSubscriber> {
    return this.#viewerOf.keys();
  }

  has(sub: TableSubscriber): boolean {
    return this.#viewerOf.has(sub);
  }

  viewerOf(sub: TableSubscriber): Viewer {
    return this.#viewerOf.get(sub) ?? this.#viewerFor(sub.accountId);
  }

  seatOf(accountId: string): number | undefined {
    return this.#seatOf.get(accountId);
  }

  add(sub: TableSubscriber): Viewer {
    this.remove(sub);
    const viewer = this.#viewerFor(sub.accountId);
    this.#viewerOf.set(sub, viewer);
    this.#group(viewer).add(sub);
    return viewer;
  }

  remove(sub: TableSubscriber): boolean {
    const viewer = this.#viewerOf.get(sub);
    if (viewer === undefined) return false;
    this.#viewerOf.delete(sub);
    const group = this.#groups.get(viewer);
    group?.delete(sub);
    if (group?.size === 0) this.#groups.delete(viewer);
    return true;
  }

  /** Adopts a new seat map; returns the subscribers whose viewer changed (they need a fresh view). */
  updateSeats(seats: readonly SeatInfo[]): TableSubscriber[] {
    const next = new Map<string, number>();
    for (const s of seats) next.set(s.player, s.seat);
    const before = this.#seatOf;
    this.#seatOf = next;
    // Collect first: moving a subscriber re-inserts it into the map being iterated.
    const changed = [...this.#viewerOf].filter(
      ([sub, viewer]) =>
        this.#viewerFor(sub.accountId) !== viewer || before.get(sub.accountId) !== next.get(sub.accountId),
    );
    for (const [sub] of changed) this.add(sub);
    return changed.map(([sub]) => sub);
  }

  /**
   * Sends the events of one command (seqs `firstSeq`, `firstSeq + 1`, …) to every watcher: one frame
   * per viewer group, built once and sent as is to every connection in the group. An event every
   * viewer sees alike (`seenAlike`) is projected and serialized once for all the groups, so hole
   * cards cost one string per seat, the rest one string; and a command whose events are all seen
   * alike (most are, the hand's end included) builds one frame for every group.
   */
  broadcast(firstSeq: number, events: readonly { readonly type: string }[]): void {
    if (events.length === 0 || this.#groups.size === 0) return;
    // Events every viewer sees alike are projected once, as for a spectator, for all the groups.
    const alike = events.map((event): unknown =>
      this.#game.seenAlike(event) ? this.#game.viewEvent(event, 'spectator') : PER_VIEWER,
    );
    const allAlike = alike.every((p) => p !== PER_VIEWER);
    const serialized = new Map<unknown, string>();
    const encode = (projected: unknown): string => {
      let json = serialized.get(projected);
      if (json === undefined) {
        json = JSON.stringify(projected);
        serialized.set(projected, json);
      }
      return json;
    };
    let publicFrame: SharedFrame | null = null;
    for (const [viewer, group] of this.#groups) {
      // An event not meant for this viewer still takes its seq, as `null`, so seqs stay gap-free
      // for every watcher and a real gap is always a lost message.
      const projected = events.map((event, i): unknown =>
        alike[i] === PER_VIEWER ? this.#game.viewEvent(event, viewer) : alike[i],
      );
      const data = allAlike
        ? (publicFrame ??= new SharedFrame(this.#frame(firstSeq, projected.map(encode))))
        : new SharedFrame(this.#frame(firstSeq, projected.map(encode)));
      for (const sub of group) sub.send(data);
    }
  }

  #frame(firstSeq: number, parts: readonly string[]): string {
    return parts.length === 1
      ? `{"type":"table.event","table":${this.#tableJson},"seq":${firstSeq},"event":${parts[0] ?? 'null'}}`
      : `{"type":"table.events","table":${this.#tableJson},"seq":${firstSeq},"events":[${parts.join(',')}]}`;
  }

  /** Sends to the connections of one seat only. */
  sendToSeat(seat: number, data: string): void {
    const group = this.#groups.get(seat);
    if (group) for (const sub of group) sub.send(data);
  }

  eventMessage(seq: number, projected: unknown): string {
    return `{"type":"table.event","table":${this.#tableJson},"seq":${seq},"event":${JSON.stringify(projected)}}`;
  }

  #viewerFor(accountId: string): Viewer {
    return this.#seatOf.get(accountId) ?? 'spectator';
  }

  #group(viewer: Viewer): Set<TableSubscriber> {
    let group = this.#groups.get(viewer);
    if (!group) {
      group = new Set();
      this.#groups.set(viewer, group);
    }
    return group;
  }
}
