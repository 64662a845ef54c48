// Everything time-driven at a table: turn timers (→ the game's timeout action), bots thinking,
// seats that are leaving mid-game, the pause between hands, and the grace period of a disconnected
// player before they sit out. All of it goes through the injected Clock and ends as an ordinary
// command in the table's mailbox, so it is logged and replayed like a player's action.

import type { AnyGameModule, Command, SeatInfo, TableStatus, Viewer } from '../../games/contract.js';
import { Rng } from '../../games/rng.js';
import type { TurnClock } from '../../protocol/messages.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { CommitResult } from './table-actor.js';
import type { TableSubscriber } from './fanout.js';
import type { TableTiming } from './table-deps.js';

/** The slice of the actor the pacer drives. */
interface PacedTable {
  readonly id: string;
  readonly state: unknown;
  readonly eventSeq: number;
  seats(): readonly SeatInfo[];
  status(): TableStatus;
  seatOf(accountId: string): number | undefined;
  sendToSeat(seat: number, data: string): void;
  submitLazy(build: () => Command<unknown> | null): Promise<CommitResult | null>;
}

interface Turn {
  readonly id: number;
  readonly deadline: number;
  readonly timers: TimerHandle[];
}

/** Commands after which whoever is to act has a new turn (and a fresh timer). */
const TURN_PASSING: ReadonlySet<string> = new Set(['act', 'timeout', 'start', 'leave']);

/**
 * A turn carried over to a new owner (failover, a move) whose deadline passed while the table was
 * between owners still gets this long — or its whole turn time if that is shorter — so nobody is
 * timed out by our outage. A turn with time left keeps exactly its deadline.
 */
export const RESUMED_TURN_FLOOR_MS = 5000;

/**
 * When each seat to act started its turn, carried forward over one accepted command accepted at
 * `at`: the same rule the pacer applies to its timers (a turn-passing command gives everyone to
 * act a new turn; any other keeps the turns still running). Recovery runs it over the replayed log
 * so a new owner arms each turn with the deadline the old owner had.
 */
export function advanceTurnStarts(
  starts: Map<number, number>,
  kind: string,
  toAct: readonly number[],
  at: number,
): void {
  const acting = new Set(toAct);
  const passing = TURN_PASSING.has(kind);
  for (const seat of [...starts.keys()]) if (passing || !acting.has(seat)) starts.delete(seat);
  for (const seat of toAct) if (!starts.has(seat)) starts.set(seat, at);
}

export class TablePacer {
  readonly #clock: Clock;
  readonly #timing: TableTiming;
  readonly #turnMs: number;
  readonly #randomSeed: () => string;
  readonly #table: PacedTable;
  readonly #game: AnyGameModule;
  readonly #onError: (error: unknown) => void;
  readonly #turns = new Map<number, Turn>();
  /** Per absent account: the grace timer, then the stand-up timer. */
  readonly #grace = new Map<string, TimerHandle>();
  /** Accounts this pacer sat out for being disconnected: they sit in again when they return. */
  readonly #autoSatOut = new Set<string>();
  readonly #presence = new Map<string, number>();
  /**
   * Players whose grace ran out while still seated. If the game would not let them sit out (Hokm
   * mid-game), their turns are played by the timeout action after `leavingMs` instead of the full
   * turn time, so the others are not held up.
   */
  readonly #away = new Set<string>();
  /** Busted seats (no chips, sat out by the game) waiting for a rebuy: seat → its player's timer. */
  readonly #busted = new Map<number, { readonly player: string; readonly timer: TimerHandle }>();
  #turnCounter = 0;
  #startTimer: TimerHandle | null = null;
  #stopped = false;
  /** Time left on each running turn when the pacer was frozen (null: not frozen). */
  #frozen: Map<number, number> | null = null;

  constructor(deps: {
    clock: Clock;
    timing: TableTiming;
    turnMs: number;
    randomSeed: () => string;
    table: PacedTable;
    game: AnyGameModule;
    onError: (error: unknown) => void;
  }) {
    this.#clock = deps.clock;
    this.#timing = deps.timing;
    this.#turnMs = deps.turnMs;
    this.#randomSeed = deps.randomSeed;
    this.#table = deps.table;
    this.#game = deps.game;
    this.#onError = deps.onError;
  }

  /**
   * Arms everything for a table that has just been created or recovered. `turnStarts` (recovery)
   * says when each running turn began, so it keeps its deadline under the new owner.
   */
  begin(turnStarts: ReadonlyMap<number, number> = new Map()): void {
    const status = this.#table.status();
    const seats = this.#table.seats();
    for (const seat of status.toAct) this.#startTurn(seat, seats, turnStarts.get(seat), true);
    this.#armStart(status);
    this.#armBusted(seats);
    for (const s of seats)
      if (!s.bot && (this.#presence.get(s.player) ?? 0) === 0) this.#startGrace(s.player);
  }

  /**
   * `begin` for a table an operator paused at `heldSince` (recovered while paused): nothing is
   * armed, and each running turn keeps, for `thaw`, the time it had left when the pause began.
   */
  beginFrozen(turnStarts: ReadonlyMap<number, number>, heldSince: number): void {
    this.stop();
    this.#frozen = new Map(
      this.#table.status().toAct.map((seat) => {
        const started = Math.min(turnStarts.get(seat) ?? heldSince, heldSince);
        return [seat, Math.max(0, started + this.#turnMs - heldSince)];
      }),
    );
  }

  /** After an accepted command (accepted at `at`): turns, the next hand, absences. */
  afterCommit(command: Command<unknown>, status: TableStatus, seats: readonly SeatInfo[], at: number): void {
    if (this.#stopped) return;
    const toAct = new Set(status.toAct);
    const passing = TURN_PASSING.has(command.kind);
    for (const [seat, turn] of this.#turns) {
      if (passing || !toAct.has(seat)) {
        for (const t of turn.timers) t.cancel();
        this.#turns.delete(seat);
      }
    }
    for (const seat of status.toAct) {
      const kept = this.#turns.get(seat);
      // A turn that carries on through someone else's command (a sit, a sit-out) is announced
      // again: clients treat any later event as the end of the turn they knew.
      if (kept) this.#table.sendToSeat(seat, this.#turnMessage(seat, kept.deadline));
      else this.#startTurn(seat, seats, at, false);
    }
    this.#armStart(status);
    // Chips run out only when a hand ends; a move inside a hand cannot bust or rebuy anyone, so the
    // per-action path skips the look at every seat.
    if (!status.inHand || (command.kind !== 'act' && command.kind !== 'timeout')) this.#armBusted(seats);
    // Someone who left their seat no longer needs a grace timer.
    const seated = new Set(seats.map((s) => s.player));
    for (const [account, timer] of this.#grace) {
      if (!seated.has(account)) {
        timer.cancel();
        this.#grace.delete(account);
        this.#autoSatOut.delete(account);
      }
    }
    for (const account of this.#away) {
      if (!seated.has(account)) {
        this.#away.delete(account);
      }
    }
    if (command.kind === 'sit' && (this.#presence.get(command.player) ?? 0) === 0 && command.bot !== true) {
      this.#startGrace(command.player);
    }
  }

  /** A watcher of `accountId` came or went; `count` is how many they have now. */
  presenceChanged(accountId: string, count: number): void {
    this.#presence.set(accountId, count);
    if (count === 0) this.#presence.delete(accountId);
    if (this.#stopped || this.#table.seatOf(accountId) === undefined) return;
    if (count === 0) {
      this.#startGrace(accountId);
    } else {
      this.#grace.get(accountId)?.cancel();
      this.#grace.delete(accountId);
      this.#away.delete(accountId);
      if (this.#autoSatOut.delete(accountId)) {
        this.#submit(() => {
          const seat = this.#table.seatOf(accountId);
          return seat === undefined ? null : { kind: 'sit_in', seat };
        });
      }
    }
  }

  clearAutoSitOut(accountId: string): void {
    this.#autoSatOut.delete(accountId);
  }

  /** The turn timers running now, by seat. */
  clocks(): TurnClock[] {
    return [...this.#turns].map(([seat, turn]) => ({ seat, deadline: turn.deadline }));
  }

  /** On watch: a seat whose turn it is gets its turn notice again. */
  sendTurnIfActing(sub: TableSubscriber, viewer: Viewer): void {
    if (viewer === 'spectator') return;
    const turn = this.#turns.get(viewer);
    if (turn) sub.send(this.#turnMessage(viewer, turn.deadline));
  }

  /**
   * Stops every timer but remembers how much of each running turn was left, for `thaw`: while the
   * table cannot record anything (its log is unreachable), or an operator paused it, nobody's time
   * runs out and no bot moves. Freezing a frozen pacer changes nothing.
   */
  freeze(): void {
    if (this.#stopped) return;
    const now = this.#clock.now();
    this.#frozen = new Map([...this.#turns].map(([seat, turn]) => [seat, Math.max(0, turn.deadline - now)]));
    this.stop();
  }

  /**
   * Starts again after `freeze`: each turn that was running gets the time it had left (at least
   * RESUMED_TURN_FLOOR_MS, or its whole turn if shorter), announced with its new deadline; bots
   * think afresh; the next hand and absences are re-armed as on a recovered table.
   */
  thaw(): void {
    if (!this.#stopped || this.#frozen === null) return;
    const now = this.#clock.now();
    const starts = new Map([...this.#frozen].map(([seat, left]) => [seat, now + left - this.#turnMs]));
    this.#frozen = null;
    this.#stopped = false;
    this.begin(starts);
  }

  stop(): void {
    this.#stopped = true;
    for (const turn of this.#turns.values()) for (const t of turn.timers) t.cancel();
    this.#turns.clear();
    for (const t of this.#grace.values()) t.cancel();
    this.#grace.clear();
    this.#startTimer?.cancel();
    this.#startTimer = null;
    for (const busted of this.#busted.values()) busted.timer.cancel();
    this.#busted.clear();
  }

  /**
   * Starts the turn of `seat`, begun at `startedAt` (the command that gave it the turn; now if
   * unknown). A `resumed` turn — one that was running before the table moved — whose deadline has
   * passed gets RESUMED_TURN_FLOOR_MS instead of timing out at once.
   */
  #startTurn(
    seat: number,
    seats: readonly SeatInfo[],
    startedAt: number | undefined,
    resumed: boolean,
  ): void {
    const id = ++this.#turnCounter;
    const now = this.#clock.now();
    let deadline = (startedAt ?? now) + this.#turnMs;
    if (resumed) deadline = Math.max(deadline, now + Math.min(this.#turnMs, RESUMED_TURN_FLOOR_MS));
    const timers = [this.#clock.after(Math.max(0, deadline - now), () => this.#timeout(seat, id))];
    const info = seats.find((s) => s.seat === seat);
    if (info?.bot) {
      const rng = Rng.fromSeed(this.#randomSeed());
      const span = Math.max(0, this.#timing.botMaxMs - this.#timing.botMinMs);
      const think = this.#timing.botMinMs + (span > 0 ? rng.below(span + 1) : 0);
      timers.push(this.#clock.after(think, () => this.#botMove(seat, id)));
    } else if (info?.status === 'leaving') {
      timers.push(this.#clock.after(this.#timing.leavingMs, () => this.#timeout(seat, id)));
    } else if (info && this.#away.has(info.player)) {
      // Away past the grace in a game that cannot go on one short (Hokm mid-game): the game's bot
      // plays for them — better for their partner than the timeout action — until they return.
      timers.push(this.#clock.after(this.#timing.leavingMs, () => this.#botMove(seat, id)));
    }
    this.#turns.set(seat, { id, deadline, timers });
    this.#table.sendToSeat(seat, this.#turnMessage(seat, deadline));
  }

  #turnMessage(seat: number, deadline: number): string {
    const legal: unknown = this.#game.legalActions(this.#table.state, seat);
    return JSON.stringify({
      type: 'table.turn',
      table: this.#table.id,
      seq: this.#table.eventSeq,
      seat,
      legal,
      deadline,
    });
  }

  #isCurrent(seat: number, turnId: number): boolean {
    return !this.#stopped && this.#turns.get(seat)?.id === turnId;
  }

  #timeout(seat: number, turnId: number): void {
    this.#submit(() => (this.#isCurrent(seat, turnId) ? { kind: 'timeout', seat } : null));
  }

  #botMove(seat: number, turnId: number): void {
    this.#submit(
      () => {
        if (!this.#isCurrent(seat, turnId)) return null;
        const state = this.#table.state;
        const view: unknown = this.#game.view(state, seat);
        const legal: unknown = this.#game.legalActions(state, seat);
        const action: unknown = this.#game.bot.decide(
          { view, seat, legal },
          Rng.fromSeed(this.#randomSeed()),
        );
        return { kind: 'act', seat, action };
      },
      (result) => {
        // A bot that picked an illegal action is a bug, but the table must not stall on it.
        if (result && !result.ok) this.#timeout(seat, turnId);
      },
    );
  }

  #armStart(status: TableStatus): void {
    const wanted = !status.inHand && status.canStart;
    if (!wanted) {
      this.#startTimer?.cancel();
      this.#startTimer = null;
      return;
    }
    if (this.#startTimer) return;
    this.#startTimer = this.#clock.after(this.#timing.handDelayMs, () => {
      this.#startTimer = null;
      this.#submit(() => {
        const now = this.#table.status();
        return !now.inHand && now.canStart ? { kind: 'start' } : null;
      });
    });
  }

  /**
   * A seat the game sat out for having no chips is held `bustedStandUpMs` for a rebuy, then stood
   * up so the seat is free for someone who wants to play. Re-armed in full on a new owner.
   */
  #armBusted(seats: readonly SeatInfo[]): void {
    const busted = new Map(
      seats.filter((s) => s.chips === 0 && s.status === 'sitting_out').map((s) => [s.seat, s.player]),
    );
    for (const [seat, held] of this.#busted) {
      if (busted.get(seat) === held.player) continue;
      held.timer.cancel();
      this.#busted.delete(seat);
    }
    if (this.#timing.bustedStandUpMs <= 0) return;
    for (const [seat, player] of busted) {
      if (this.#busted.has(seat)) continue;
      const timer = this.#clock.after(this.#timing.bustedStandUpMs, () => {
        this.#busted.delete(seat);
        this.#submit(() => {
          const info = this.#table.seats().find((s) => s.seat === seat);
          const still = info?.player === player && info.chips === 0 && info.status === 'sitting_out';
          return still ? { kind: 'leave', seat } : null;
        });
      });
      this.#busted.set(seat, { player, timer });
    }
  }

  /** Queues a command on the table; a failure is logged, never left as an unhandled rejection. */
  #submit(build: () => Command<unknown> | null, after?: (result: CommitResult | null) => void): void {
    this.#table.submitLazy(build).then(after, (error: unknown) => this.#onError(error));
  }

  #startGrace(accountId: string): void {
    if (this.#grace.has(accountId)) return;
    this.#grace.set(
      accountId,
      this.#clock.after(this.#timing.graceMs, () => {
        this.#grace.delete(accountId);
        this.#away.add(accountId);
        this.#submit(
          () => {
            const seat = this.#table.seatOf(accountId);
            if (seat === undefined || (this.#presence.get(accountId) ?? 0) > 0) return null;
            return { kind: 'sit_out', seat };
          },
          (result) => {
            if (result?.ok) this.#autoSatOut.add(accountId);
            this.#scheduleStandUp(accountId);
          },
        );
      }),
    );
  }

  /**
   * Second stage of an absence: a player still away `standUpMs` after sitting out is stood up, so
   * their chips go back to their wallet and the seat is free for someone who wants to play.
   */
  #scheduleStandUp(accountId: string): void {
    if (this.#timing.standUpMs <= 0 || this.#stopped || this.#grace.has(accountId)) return;
    if ((this.#presence.get(accountId) ?? 0) > 0 || this.#table.seatOf(accountId) === undefined) return;
    this.#grace.set(
      accountId,
      this.#clock.after(this.#timing.standUpMs, () => {
        this.#grace.delete(accountId);
        this.#submit(() => {
          const seat = this.#table.seatOf(accountId);
          if (seat === undefined || (this.#presence.get(accountId) ?? 0) > 0) return null;
          return { kind: 'leave', seat };
        });
      }),
    );
  }
}
