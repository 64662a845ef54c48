// Pitboss's pure Hold'em engine behind a Colyseus 0.18 room, written the way a Colyseus game is:
// the table is a schema state that Colyseus diffs and sends as binary patches, each player's hole
// cards are a `.view()` field only that player's StateView holds, and the player whose turn it is
// gets a `turn` message with their legal actions. It runs the same rules, blinds, buy-in, turn timer
// and pause between hands as a Pitboss table in bench:node, and keeps no log, no ledger and no hand
// histories: it is the peer a "cheaper than Colyseus" claim is measured against (bench/peers.ts).
//
// `patchRate` picks how state goes out: `null` sends a patch right after every action (how a
// turn-based game would tune Colyseus), a number of milliseconds batches changes on that tick (50 is
// Colyseus's default).

import { randomBytes } from 'node:crypto';
import { Room, type Client } from '@colyseus/core';
import { schema, StateView, t } from '@colyseus/schema';
import { holdem, type HoldemState, type HoldemView } from '../../src/games/holdem/index.js';
import { LOAD_GAMES } from '../../src/load/load-games.js';

const game = LOAD_GAMES.holdem;

export const SeatSchema = schema(
  {
    occupied: t.boolean(),
    seat: t.uint8(),
    player: t.string(),
    name: t.string(),
    status: t.string(),
    chips: t.number(),
    bet: t.number(),
    inHand: t.boolean(),
    folded: t.boolean(),
    allIn: t.boolean(),
    shown: t.array('string'),
    /** Only in the seat's own player's StateView. */
    holeCards: t.array('string').view(),
  },
  'Seat',
);
export type SeatSchema = InstanceType<typeof SeatSchema>;

export const PotSchema = schema({ amount: t.number() }, 'Pot');

export const TableSchema = schema(
  {
    handNumber: t.number(),
    inHand: t.boolean(),
    street: t.string(),
    /** -1 for none. */
    button: t.int8(),
    toAct: t.int8(),
    board: t.array('string'),
    pots: t.array(PotSchema),
    currentBet: t.number(),
    minRaiseTo: t.number(),
    seats: t.array(SeatSchema),
  },
  'Table',
);
export type TableSchema = InstanceType<typeof TableSchema>;

export interface HoldemRoomOptions {
  readonly seats: number;
  readonly patchRate: number | null;
  readonly turnSeconds: number;
  readonly handDelayMs: number;
}

/** Counts across every room of the process, for the bench to read. */
export const roomStats = { accepted: 0, rejected: 0, timeouts: 0, hands: 0 };

interface Timer {
  clear(): void;
}

function after(ms: number, run: () => void): Timer {
  const timer = setTimeout(run, ms);
  return { clear: () => clearTimeout(timer) };
}

export class HoldemRoom extends Room<{ state: TableSchema }> {
  #engine!: HoldemState;
  #options!: HoldemRoomOptions;
  readonly #seatOf = new Map<string, number>();
  #turnTimer: Timer | null = null;
  #startTimer: Timer | null = null;
  #tuned = false;

  override onCreate(options: HoldemRoomOptions): void {
    this.#options = options;
    this.maxClients = options.seats;
    this.autoDispose = true;
    // With no patch rate and no timestep, Colyseus ticks each room's clock at 60 Hz — 30,000 calls
    // a second over 500 rooms, for nothing in a turn-based game. A timestep of a minute replaces
    // that ticker; this room's own timers are Node's (`after`), not the clock's.
    if (options.patchRate === null) this.setTimestep(() => undefined, 60_000);
    this.patchRate = options.patchRate;
    this.#tuned = options.patchRate === null;
    const parsed = holdem.parseConfig(game.config(options.seats));
    if (!parsed.ok) throw new Error(parsed.message);
    this.#engine = holdem.setup(parsed.config, randomBytes(32).toString('hex'));
    const state = new TableSchema();
    for (let seat = 0; seat < options.seats; seat++) {
      const s = new SeatSchema();
      s.seat = seat;
      state.seats.push(s);
    }
    state.button = -1;
    state.toAct = -1;
    this.state = state;
    this.onMessage('act', (client: Client, message: unknown) => this.#act(client, message));
  }

  override onJoin(client: Client): void {
    const taken = new Set(this.#seatOf.values());
    let seat = 0;
    while (taken.has(seat)) seat++;
    const outcome = holdem.apply(this.#engine, {
      kind: 'sit',
      seat,
      player: client.sessionId,
      name: `p${seat}`,
      chips: game.buyIn,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    this.#seatOf.set(client.sessionId, seat);
    this.#engine = outcome.state;
    const mine = this.state.seats[seat];
    if (mine) {
      client.view = new StateView();
      client.view.add(mine);
    }
    this.#mirror();
    // A hand in progress goes on (its turn was already told); between hands, the next one may start.
    if (!holdem.status(this.#engine).inHand) this.#schedule();
  }

  override onLeave(client: Client): void {
    this.#seatOf.delete(client.sessionId);
  }

  override onDispose(): void {
    this.#turnTimer?.clear();
    this.#startTimer?.clear();
  }

  #act(client: Client, message: unknown): void {
    const seat = this.#seatOf.get(client.sessionId);
    const parsed = holdem.parseAction(message);
    if (seat === undefined || !parsed.ok) {
      roomStats.rejected++;
      client.send('rejected', { code: parsed.ok ? 'table/not_seated' : parsed.code });
      return;
    }
    const outcome = holdem.apply(this.#engine, { kind: 'act', seat, action: parsed.action });
    if (!outcome.ok) {
      roomStats.rejected++;
      client.send('rejected', { code: outcome.code });
      return;
    }
    roomStats.accepted++;
    this.#engine = outcome.state;
    this.#afterChange();
  }

  #afterChange(): void {
    this.#mirror();
    if (this.#tuned) this.broadcastPatch();
    this.#schedule();
  }

  /** The next turn (its timer and legal actions), or the next hand after the pause between hands. */
  #schedule(): void {
    this.#turnTimer?.clear();
    this.#turnTimer = null;
    const status = holdem.status(this.#engine);
    const seat = status.toAct[0];
    if (seat !== undefined) {
      const client = this.clients.find((c) => this.#seatOf.get(c.sessionId) === seat);
      client?.send('turn', holdem.legalActions(this.#engine, seat));
      this.#turnTimer = after(this.#options.turnSeconds * 1000, () => this.#timeout(seat));
      return;
    }
    if (!status.inHand && this.#startTimer === null)
      this.#startTimer = after(this.#options.handDelayMs, () => this.#start());
  }

  #timeout(seat: number): void {
    this.#turnTimer = null;
    const outcome = holdem.apply(this.#engine, { kind: 'timeout', seat });
    if (!outcome.ok) return;
    roomStats.timeouts++;
    this.#engine = outcome.state;
    this.#afterChange();
  }

  /** Tops up busted seats (a load bot buys in again) and deals the next hand. */
  #start(): void {
    this.#startTimer = null;
    const before = holdem.view(this.#engine, 'spectator');
    for (const info of holdem.seats(this.#engine)) {
      if (!game.needsRebuy(before, info.seat)) continue;
      const topped = holdem.apply(this.#engine, { kind: 'top_up', seat: info.seat, chips: game.buyIn });
      if (topped.ok) this.#engine = topped.state;
    }
    const outcome = holdem.apply(this.#engine, { kind: 'start' });
    if (!outcome.ok) {
      this.#schedule();
      return;
    }
    roomStats.hands++;
    this.#engine = outcome.state;
    for (const info of holdem.seats(this.#engine)) {
      const cards = holdem.view(this.#engine, info.seat).holeCards;
      const mine = this.state.seats[info.seat];
      if (mine) replaceAll(mine.holeCards, cards ?? []);
    }
    this.#afterChange();
  }

  /** Copies the public view into the schema, assigning only what changed (Colyseus diffs it). */
  #mirror(): void {
    const view: HoldemView = holdem.view(this.#engine, 'spectator');
    const s = this.state;
    if (s.handNumber !== view.handNumber) s.handNumber = view.handNumber;
    if (s.inHand !== view.inHand) s.inHand = view.inHand;
    const street = view.street ?? '';
    if (s.street !== street) s.street = street;
    const button = view.button ?? -1;
    if (s.button !== button) s.button = button;
    const toAct = view.toAct ?? -1;
    if (s.toAct !== toAct) s.toAct = toAct;
    if (s.currentBet !== view.currentBet) s.currentBet = view.currentBet;
    if (s.minRaiseTo !== view.minRaiseTo) s.minRaiseTo = view.minRaiseTo;
    if (s.board.length !== view.board.length) replaceAll(s.board, view.board);
    while (s.pots.length > view.pots.length) s.pots.pop();
    view.pots.forEach((pot, i) => {
      let target = s.pots[i];
      if (!target) {
        target = new PotSchema();
        s.pots.push(target);
      }
      if (target.amount !== pot.amount) target.amount = pot.amount;
    });
    view.seats.forEach((seat, i) => {
      const target = s.seats[i];
      if (!target) return;
      if (target.occupied !== (seat !== null)) target.occupied = seat !== null;
      if (seat === null) return;
      if (target.player !== seat.player) target.player = seat.player;
      if (target.name !== seat.name) target.name = seat.name;
      if (target.status !== seat.status) target.status = seat.status;
      if (target.chips !== seat.chips) target.chips = seat.chips;
      if (target.bet !== seat.bet) target.bet = seat.bet;
      if (target.inHand !== seat.inHand) target.inHand = seat.inHand;
      if (target.folded !== seat.folded) target.folded = seat.folded;
      if (target.allIn !== seat.allIn) target.allIn = seat.allIn;
      const shown = seat.shown ?? [];
      if (target.shown.length !== shown.length) replaceAll(target.shown, shown);
    });
  }
}

function replaceAll(
  target: { clear(): void; push(...items: string[]): number },
  items: readonly string[],
): void {
  target.clear();
  target.push(...items);
}
