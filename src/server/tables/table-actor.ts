// A table actor: one mailbox, one game state, one durable log.
//
// Every command goes through the mailbox, one at a time: the game decides (pure `apply`); an
// accepted command is appended to the TableLog and only then does anyone hear of it — the state
// advances, events go to every watcher (projected per seat), turn timers and bots are re-armed,
// and the side effects (cash-outs, hand histories) run through an effects queue whose completion
// is marked by the next snapshot. A rejected command changes nothing and writes nothing.
//
// Recovery (see table-recovery.ts) rebuilds the same actor from snapshot + log, so a crash, a
// restart or a move to another node resumes at the last acknowledged command, with the same cards.

import {
  reject,
  type Command,
  type Rejection,
  type SeatInfo,
  type TableStatus,
  type Viewer,
} from '../../games/contract.js';
import { FencedError, InsufficientFundsError, UnavailableError } from '../../ports/errors.js';
import { ErrorCode, TableClosedReason } from '../../protocol/codes.js';
import type { TurnClock } from '../../protocol/messages.js';
import { EventRing } from './event-ring.js';
import { Fanout, type TableSubscriber } from './fanout.js';
import { encodeRecord, encodeSnapshot, type LogRecord, type PendingDeposit } from './log-records.js';
import { LogOutage } from './log-outage.js';
import { Mailbox } from './mailbox.js';
import { RecentRefusals, type Refusal } from './recent-refusals.js';
import { TableOutbox } from './table-outbox.js';
import { TablePacer } from './table-pacer.js';
import type { TableActorDeps } from './table-deps.js';
import type { CommitResult, SeatCommand } from './table-handle.js';

const RING_CAPACITY = 512;
/** Log entries between snapshots (taken only between hands): bounds replay on recovery. */
const SNAPSHOT_EVERY_ENTRIES = 48;
/** Refused player commands kept for the operator's drill-down. */
const RECENT_REFUSALS = 10;

export type { CommitResult };

/** Where the actor starts from: a fresh table, or what recovery rebuilt. */
export interface ActorStart {
  readonly state: unknown;
  readonly logSeq: number;
  /** Log seq the loaded snapshot covers (0 without one). */
  readonly snapshotSeq: number;
  readonly eventSeq: number;
  readonly deposits: readonly PendingDeposit[];
  /** When an operator paused the table, if it is paused (from the snapshot and the log). */
  readonly heldSince?: number | null;
}

type GameEvent = { readonly type: string } & Record<string, unknown>;

export class TableActor {
  readonly id: string;
  readonly #deps: TableActorDeps;
  readonly #mailbox = new Mailbox();
  readonly #outbox: TableOutbox;
  readonly #fanout: Fanout;
  readonly #ring = new EventRing<GameEvent>(RING_CAPACITY);
  readonly #pacer: TablePacer;
  readonly #deposits = new Map<string, PendingDeposit>();
  readonly #refusals = new RecentRefusals(RECENT_REFUSALS);
  /** The away seats last told to everyone (see #presenceChanged). */
  #awayKey = '';
  #state: unknown;
  #logSeq: number;
  /** Log seq of the newest snapshot taken (or loaded). */
  #snapshotSeq: number;
  #stopped = false;
  #needsResync = false;
  /** The log could not be reached: timers are frozen until a re-read of the log succeeds. */
  readonly #outage: LogOutage;
  /** An operator paused the table at this time (null: not paused): see setHeld. */
  #heldSince: number | null;

  constructor(deps: TableActorDeps, start: ActorStart) {
    this.id = deps.tableId;
    this.#deps = deps;
    this.#state = start.state;
    this.#logSeq = start.logSeq;
    this.#snapshotSeq = start.snapshotSeq;
    this.#ring.reset(start.eventSeq);
    for (const d of start.deposits) this.#deposits.set(d.req, d);
    this.#heldSince = start.heldSince ?? null;
    this.#outage = new LogOutage(deps.clock, {
      freeze: () => this.#pacer.freeze(),
      thaw: () => {
        // The operator's pause also freezes the pacer: whichever ends last thaws it.
        if (this.#stopped || this.held) return;
        this.#pacer.thaw();
        deps.logger.info({ table: deps.tableId }, 'table resumed: its log answers again');
      },
      probe: () =>
        this.#mailbox.run(async () => {
          if (!this.#outage.paused || this.#stopped) return true;
          if (!this.#needsResync) return this.#outage.end();
          return this.#resync();
        }),
      onProbeError: (error) => deps.logger.error({ table: deps.tableId, err: error }, 'log probe failed'),
    });
    this.#outbox = new TableOutbox(deps, {
      stopped: () => this.#stopped,
      lost: (error) => this.#lose(error),
    });
    this.#fanout = new Fanout(deps.game, deps.tableId);
    this.#fanout.updateSeats(this.seats());
    this.#pacer = new TablePacer({
      clock: deps.clock,
      timing: deps.timing,
      turnMs: deps.options.turnSeconds * 1000,
      randomSeed: deps.randomSeed,
      table: this,
      game: deps.game,
      onError: (error) =>
        deps.logger.error({ table: deps.tableId, err: error }, 'timer-driven command failed'),
    });
  }

  // ── Reading ────────────────────────────────────────────────────────────────────────────────

  get game(): TableActorDeps['game'] {
    return this.#deps.game;
  }

  get options(): TableActorDeps['options'] {
    return this.#deps.options;
  }

  get epoch(): number {
    return this.#deps.epoch;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** The current state. Read-only by convention: game states are never mutated in place. */
  get state(): unknown {
    return this.#state;
  }

  get eventSeq(): number {
    return this.#ring.lastSeq;
  }

  get logSeq(): number {
    return this.#logSeq;
  }

  get watchers(): number {
    return this.#fanout.size;
  }

  /** Commands queued or running (for drain and back-pressure). */
  get backlog(): number {
    return this.#mailbox.pending;
  }

  status(): TableStatus {
    return this.#deps.game.status(this.#state);
  }

  seats(): readonly SeatInfo[] {
    return this.#deps.game.seats(this.#state);
  }

  seatOf(accountId: string): number | undefined {
    return this.#fanout.seatOf(accountId);
  }

  pendingDeposits(): PendingDeposit[] {
    return [...this.#deposits.values()];
  }

  /** The players' commands this table refused lately, newest first (operators: /admin). */
  recentRefusals(): Refusal[] {
    return this.#refusals.list();
  }

  /** A player's command, answered: a refusal is noted for the operator. */
  async #answer<R extends { readonly ok: boolean }>(
    accountId: string,
    result: Promise<R | Rejection>,
  ): Promise<R | Rejection> {
    return this.#refusals.note(this.#deps.clock.now(), accountId, await result);
  }

  // ── Watching ───────────────────────────────────────────────────────────────────────────────

  /**
   * Adds a watcher. With `since`, sends exactly the events after it when the ring still holds them
   * and no seat change makes replaying them unsafe for this viewer; otherwise a fresh view.
   * Runs in the mailbox so nothing slips between the view and the live events. `beforeFirst` runs
   * just before the first message to `sub` (the gateway sends its ack there, so the ack comes first).
   * Null if the table stopped here first (it moved): nothing was sent.
   */
  watch(
    sub: TableSubscriber,
    since?: number,
    beforeFirst?: (resumed: boolean) => void,
  ): Promise<{ resumed: boolean } | null> {
    return this.#mailbox.run(() => {
      if (this.#stopped) return null;
      const viewer = this.#fanout.add(sub);
      this.#presenceChanged(sub.accountId);
      const missed = since === undefined ? null : this.#ring.since(since);
      const safe = missed !== null && !missed.some((m) => touchesSeat(m.event, viewer));
      beforeFirst?.(Boolean(missed && safe));
      if (missed && safe) {
        for (const { seq, event } of missed) {
          const projected: unknown = this.#deps.game.viewEvent(event, viewer);
          sub.send(this.#fanout.eventMessage(seq, projected));
        }
      } else {
        sub.send(this.viewMessage(viewer));
      }
      this.#pacer.sendTurnIfActing(sub, viewer);
      return { resumed: Boolean(missed && safe) };
    });
  }

  unwatch(sub: TableSubscriber): void {
    if (this.#fanout.remove(sub)) this.#presenceChanged(sub.accountId);
  }

  /**
   * Seats whose players have no connection watching the table (bots are never away). Shown on the
   * seat, in the lobby and on the operator page, so the others know who they are waiting for.
   */
  awaySeats(): number[] {
    const present = new Set<string>();
    for (const sub of this.#fanout.subscribers()) present.add(sub.accountId);
    return this.seats()
      .filter((s) => !s.bot && !present.has(s.player))
      .map((s) => s.seat);
  }

  /** A connection of `accountId` came or went: the pacer's absences, and who is away for everyone. */
  #presenceChanged(accountId: string): void {
    this.#pacer.presenceChanged(accountId, this.#presenceOf(accountId));
    if (this.#fanout.seatOf(accountId) === undefined) return;
    const away = this.awaySeats();
    const key = away.join(',');
    if (key === this.#awayKey) return;
    this.#awayKey = key;
    const message = JSON.stringify({ type: 'table.presence', table: this.id, away });
    for (const other of this.#fanout.subscribers()) other.send(message);
    this.#deps.onChange(this.id, PRESENCE_CHANGE);
  }

  isWatching(sub: TableSubscriber): boolean {
    return this.#fanout.has(sub);
  }

  viewMessage(viewer: Viewer): string {
    const view: unknown = this.#deps.game.view(this.#state, viewer);
    return JSON.stringify({
      type: 'table.view',
      table: this.id,
      game: this.#deps.game.id,
      seq: this.#ring.lastSeq,
      seat: viewer === 'spectator' ? null : viewer,
      view,
      clocks: this.#clocks(),
      away: this.awaySeats(),
      paused: this.held,
    });
  }

  /**
   * The running turn timers of the seats to act now. Views sent for a seat change go out before the
   * pacer has seen the command, so a timer of a seat no longer to act is left out here.
   */
  #clocks(): TurnClock[] {
    const toAct = new Set(this.status().toAct);
    return this.#pacer.clocks().filter((clock) => toAct.has(clock.seat));
  }

  /** Sends `data` to the connections of one seat (turn notices). */
  sendToSeat(seat: number, data: string): void {
    this.#fanout.sendToSeat(seat, data);
  }

  subscribers(): IterableIterator<TableSubscriber> {
    return this.#fanout.subscribers();
  }

  // ── Commands ───────────────────────────────────────────────────────────────────────────────

  /** Queues a command; resolves once it is persisted and broadcast, or rejected. */
  submit(command: Command<unknown>): Promise<CommitResult> {
    return this.#mailbox.run(() => this.#commit(command));
  }

  /**
   * Queues a command built at its turn in the mailbox, from the state as it is then (timers, bots:
   * what was true when they were scheduled may not be any more). `build` returning null = nothing.
   */
  submitLazy(build: () => Command<unknown> | null): Promise<CommitResult | null> {
    return this.#mailbox.run(() => {
      if (this.#stopped) return null;
      const command = build();
      return command ? this.#commit(command) : null;
    });
  }

  /** The seat a player's command is for, or why there is none to play from now. */
  #playingSeat(accountId: string): number | Rejection {
    const seat = this.#fanout.seatOf(accountId);
    if (seat === undefined) return notSeated();
    return this.held ? heldRejection() : seat;
  }

  /** A player's own game action, for their seat. */
  act(accountId: string, action: unknown): Promise<CommitResult> {
    return this.#answer(
      accountId,
      this.#mailbox.run(() => {
        const seat = this.#playingSeat(accountId);
        return typeof seat === 'number' ? this.#commit({ kind: 'act', seat, action }) : seat;
      }),
    );
  }

  /**
   * A player's random value for the next hand's deck (docs/fair-deals.md): logged like any command,
   * so replay mixes it in again; the game refuses it outside the window between hands.
   */
  contribute(accountId: string, hand: number, value: string): Promise<CommitResult> {
    return this.#answer(
      accountId,
      this.#mailbox.run(() => {
        const seat = this.#playingSeat(accountId);
        return typeof seat === 'number' ? this.#commit({ kind: 'entropy', seat, hand, value }) : seat;
      }),
    );
  }

  /**
   * Stand up / sit out / sit in, for the caller's seat; `stand_up` is the operator's leave for a
   * player (a kick), which a pause does not stop.
   */
  seatCommand(accountId: string, kind: SeatCommand): Promise<CommitResult> {
    return this.#answer(
      accountId,
      this.#mailbox.run(() => {
        const seat =
          kind === 'stand_up'
            ? (this.#fanout.seatOf(accountId) ?? notSeated())
            : this.#playingSeat(accountId);
        if (typeof seat !== 'number') return seat;
        if (kind === 'sit_in') this.#pacer.clearAutoSitOut(accountId);
        return this.#commit({ kind: kind === 'stand_up' ? 'leave' : kind, seat });
      }),
    );
  }

  /**
   * Takes a seat with `amount` chips from the player's wallet. The deposit is logged before the
   * wallet is debited, so a crash in between is always settled by recovery (refund).
   */
  join(request: {
    accountId: string;
    name: string;
    seat?: number | undefined;
    amount: number;
    requestId: string;
    bot?: boolean;
  }): Promise<{ ok: true; seat: number; balance: number } | Rejection> {
    return this.#answer(
      request.accountId,
      this.#mailbox.run(async () => {
        if (this.#fanout.seatOf(request.accountId) !== undefined)
          return reject(ErrorCode.alreadySeated, 'you already have a seat at this table');
        const seat = request.seat ?? this.#freeSeat();
        if (seat === undefined) return reject(ErrorCode.tableFull, 'no free seat');
        const sit: Command<unknown> = {
          kind: 'sit',
          seat,
          player: request.accountId,
          name: request.name,
          chips: request.amount,
          bot: request.bot ?? false,
        };
        const paid = await this.#payIn(sit, request);
        return paid.ok ? { ok: true as const, seat, balance: paid.balance } : paid;
      }),
    );
  }

  /**
   * Adds `amount` chips from the player's wallet to their stack (a rebuy after busting, or a
   * top-up), through the same logged deposit as a buy-in: the game refuses it first if it breaks
   * a table rule, so a refused top-up never moves a chip.
   */
  topUp(request: {
    accountId: string;
    amount: number;
    requestId: string;
  }): Promise<{ ok: true; balance: number } | Rejection> {
    return this.#answer(
      request.accountId,
      this.#mailbox.run(async () => {
        const seat = this.#fanout.seatOf(request.accountId);
        if (seat === undefined) return reject(ErrorCode.notSeated, 'you have no seat at this table');
        return this.#payIn({ kind: 'top_up', seat, chips: request.amount }, request);
      }),
    );
  }

  /**
   * Runs `command` paid for by `amount` chips from the wallet: checked against the game first,
   * the deposit logged, the wallet debited, then the command committed with the deposit marked
   * done. Runs inside the mailbox.
   */
  async #payIn(
    command: Command<unknown>,
    request: { accountId: string; amount: number; requestId: string },
  ): Promise<{ ok: true; balance: number } | Rejection> {
    if (this.#stopped) return movedAway();
    if (this.held) return heldRejection();
    if (this.#needsResync && !(await this.#resync()))
      return reject(ErrorCode.tableUnavailable, 'the table log is unavailable');
    const dryRun = this.#deps.game.apply(this.#state, command);
    if (!dryRun.ok) return dryRun;

    const deposit: PendingDeposit = {
      req: request.requestId,
      player: request.accountId,
      amount: request.amount,
    };
    const logged = await this.#appendRecords([{ k: 'deposit', ...deposit }]);
    if (!logged.ok) return logged;

    let balance: number;
    try {
      balance = await this.#deps.effects.buyIn(deposit.req, deposit.player, this.id, deposit.amount);
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        await this.#settleDeposit(deposit.req);
        return reject(ErrorCode.insufficientFunds, `your wallet holds ${error.available} chips`);
      }
      // Unknown whether the debit happened: the deposit stays pending and is settled (refunded
      // if it was taken) in the background and again by recovery.
      this.#deps.logger.warn(
        { table: this.id, account: deposit.player, err: error },
        'buy-in failed; deposit left for settlement',
      );
      this.#scheduleDepositSettlement(deposit);
      return reject(ErrorCode.tableUnavailable, 'the wallet is unavailable; try again');
    }
    this.#deps.effects.walletChanged(deposit.player, balance);
    const committed = await this.#commit(command, [{ k: 'deposit_done', req: deposit.req }]);
    if (!committed.ok) {
      // Settled in the background once the log is known; a command that landed after all keeps
      // the chips.
      this.#scheduleDepositSettlement(deposit);
      return committed;
    }
    return { ok: true, balance };
  }

  /**
   * Starts a table that recovery rebuilt: the events of the log entries after the snapshot go into
   * the resume buffer (clients connected before a crash resume without a gap), their effects run
   * again (idempotent), unsettled deposits are refunded, and timers are armed.
   */
  begin(
    replayed: readonly { seq: number; at: number; events: readonly { readonly type: string }[] }[] = [],
    turnStarts: ReadonlyMap<number, number> = new Map(),
  ): void {
    for (const entry of replayed) {
      const events = entry.events as readonly GameEvent[];
      for (const event of events) this.#ring.push(event);
      this.#queueEffects(events, entry.seq, entry.at, false);
    }
    // Not inside the loop: the state is already the final one there, and a snapshot pairs the
    // state with the event seq it ends at.
    this.#maybeSnapshot();
    for (const deposit of this.#deposits.values()) this.#scheduleDepositSettlement(deposit);
    if (this.#heldSince === null) this.#pacer.begin(turnStarts);
    else this.#pacer.beginFrozen(turnStarts, this.#heldSince);
  }

  /** An operator paused the table (setHeld): players' commands are refused and every clock is stopped. */
  get held(): boolean {
    return this.#heldSince !== null;
  }

  /**
   * The operator's pause and resume. Logged (a `hold` record) before anyone hears of it, like a
   * command, so the table stays paused when it moves or its node fails over. While paused, every
   * player's command — actions, seats, buy-ins — is refused with `table/paused` before anything
   * moves, and the pacer is frozen: turns keep the time they had left, bots and absences wait, no
   * hand starts. Watching goes on. Asking for the state it is already in changes nothing.
   */
  setHeld(on: boolean): Promise<{ ok: true; paused: boolean } | Rejection> {
    return this.#mailbox.run(async () => {
      if (this.#stopped) return movedAway();
      if (this.held === on) return { ok: true, paused: on };
      if (this.#needsResync && !(await this.#resync()))
        return reject(ErrorCode.tableUnavailable, 'the table log is unavailable');
      const at = this.#deps.clock.now();
      const logged = await this.#appendRecords([{ k: 'hold', on, at }]);
      if (!logged.ok) return logged;
      this.#heldSince = on ? at : null;
      // The log outage's own pause also freezes the pacer: whichever ends last thaws it.
      if (on) this.#pacer.freeze();
      else if (!this.#outage.paused) this.#pacer.thaw();
      this.#announceHold();
      return { ok: true, paused: on };
    });
  }

  /** Tells every watcher, the lobby and the log that the operator's pause began or ended. */
  #announceHold(): void {
    const message = JSON.stringify({ type: 'table.paused', table: this.id, paused: this.held });
    for (const sub of this.#fanout.subscribers()) sub.send(message);
    this.#deps.onChange(this.id, HOLD_CHANGE);
    this.#deps.logger.warn(
      { table: this.id, paused: this.held },
      this.held ? 'table paused by an operator' : 'table resumed by an operator',
    );
  }

  /**
   * Stops taking commands at the next command boundary, for a hand-off: the commands ahead of this
   * one finish (persisted and broadcast), timers stop, and every command behind it is answered
   * `table/moved` without being applied — the gateway sends it on to the new owner. Nothing is
   * appended after this resolves, so another node may fence the log and carry on from it.
   * Effects already queued (cash-outs, histories) still run; they are idempotent.
   */
  async suspend(): Promise<void> {
    this.#pacer.stop();
    await this.#mailbox.run(() => {
      this.#stopped = true;
    });
  }

  /** Drops everything in flight (after the mailbox drains) and stops timers. */
  async stop(): Promise<void> {
    await this.suspend();
    await this.#outbox.idle();
  }

  /** Resolves when no command or effect is queued (tests and drain). */
  async idle(): Promise<void> {
    await this.#mailbox.idle();
    await this.#outbox.idle();
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────

  async #commit(command: Command<unknown>, extra: LogRecord[] = []): Promise<CommitResult> {
    const started = performance.now();
    const game = this.#deps.game;
    if (this.#stopped) return movedAway();
    if (this.#needsResync && !(await this.#resync()))
      return reject(ErrorCode.tableUnavailable, 'the table log is unavailable');
    const outcome = game.apply(this.#state, command);
    if (!outcome.ok) {
      this.#deps.metrics.rejected(outcome.code);
      return outcome;
    }
    const at = this.#deps.clock.now();
    const cmdSeq = this.#logSeq + 1;
    const logged = await this.#appendRecords([{ k: 'cmd', cmd: command, at }, ...extra]);
    if (!logged.ok) return logged;

    this.#state = outcome.state;
    const events = outcome.events as readonly GameEvent[];
    this.#publish(events);
    this.#pacer.afterCommit(command, this.status(), this.seats(), at);
    this.#queueEffects(events, cmdSeq, at);
    this.#deps.metrics.observeAction(game.id, performance.now() - started);
    this.#deps.onChange(this.id, events);
    return { ok: true, seq: this.#ring.lastSeq };
  }

  async #appendRecords(records: LogRecord[]): Promise<{ ok: true } | Rejection> {
    const started = performance.now();
    try {
      this.#logSeq = await this.#deps.log.append(
        this.id,
        this.#deps.epoch,
        this.#logSeq + 1,
        records.map(encodeRecord),
      );
      this.#deps.metrics.observeAppend(performance.now() - started);
      // Deposit bookkeeping follows the log at once, so a snapshot taken right after never
      // carries a deposit that this very append settled.
      for (const record of records) {
        if (record.k === 'deposit')
          this.#deposits.set(record.req, { req: record.req, player: record.player, amount: record.amount });
        else if (record.k === 'deposit_done') this.#deposits.delete(record.req);
      }
      return { ok: true };
    } catch (error) {
      if (error instanceof FencedError) {
        this.#lose(error);
      } else {
        // The write may or may not have landed; re-read the log before the next command. Until
        // that succeeds the table is paused: nobody times out because of our outage.
        this.#needsResync = true;
        this.#deps.logger.error({ table: this.id, err: error }, 'table log append failed');
        this.#pause();
      }
      return reject(ErrorCode.tableUnavailable, 'the table could not record this action; try again');
    }
  }

  /** After an ambiguous append failure: adopt whatever of ours reached the log. */
  async #resync(): Promise<boolean> {
    try {
      const entries = await this.#deps.log.read(this.id, this.#logSeq + 1);
      for (const entry of entries) {
        const record = JSON.parse(entry.data) as LogRecord;
        if (record.k === 'cmd') {
          const outcome = this.#deps.game.apply(this.#state, record.cmd);
          if (!outcome.ok) throw new Error(`logged command rejected on resync: ${outcome.code}`);
          this.#state = outcome.state;
          const events = outcome.events as readonly GameEvent[];
          this.#publish(events);
          this.#pacer.afterCommit(record.cmd, this.status(), this.seats(), record.at);
          this.#queueEffects(events, entry.seq, record.at);
        } else if (record.k === 'deposit') {
          this.#deposits.set(record.req, { req: record.req, player: record.player, amount: record.amount });
        } else if (record.k === 'deposit_done') {
          this.#deposits.delete(record.req);
        } else {
          // A pause or resume whose append looked failed but landed: it holds, and is told now.
          this.#heldSince = record.on ? record.at : null;
          this.#announceHold();
        }
        this.#logSeq = entry.seq;
      }
      this.#needsResync = false;
      this.#outage.end();
      return true;
    } catch (error) {
      if (error instanceof FencedError) this.#lose(error);
      this.#deps.logger.error({ table: this.id, err: error }, 'table log resync failed');
      this.#pause();
      return false;
    }
  }

  /** True while the table waits for its log to come back (a Redis outage): timers are frozen. */
  get paused(): boolean {
    return this.#outage.paused;
  }

  /**
   * The log is unreachable: freeze the timers and re-read the log in the background until it
   * answers (log-outage.ts); commands meanwhile get `table/unavailable` (retryable), or succeed if
   * the log is back by then.
   */
  #pause(): void {
    if (this.#stopped) return;
    if (this.#outage.begin())
      this.#deps.logger.warn({ table: this.id }, 'table paused: its log is unavailable');
  }

  #publish(events: readonly GameEvent[]): void {
    if (events.length === 0) return;
    let seatsChanged = false;
    const firstSeq = this.#ring.lastSeq + 1;
    for (const event of events) {
      this.#ring.push(event);
      if (event.type === 'seat_taken' || event.type === 'seat_vacated') seatsChanged = true;
      if (event.type === 'hand_ended') this.#deps.metrics.handEnded(this.#deps.game.id);
    }
    this.#fanout.broadcast(firstSeq, events);
    if (seatsChanged) {
      // The fresh views below carry who is away among the new seats.
      this.#awayKey = this.awaySeats().join(',');
      for (const sub of this.#fanout.updateSeats(this.seats())) {
        const viewer = this.#fanout.viewerOf(sub);
        // At a table without spectators, a connection whose account no longer has a seat may not
        // watch any more (a fresh watch would be refused too).
        if (viewer === 'spectator' && !this.#deps.options.spectators) this.#endWatch(sub);
        else sub.send(this.viewMessage(viewer));
      }
    }
  }

  /** Ends a watch from the table's side: the subscriber is told, and forgets the table. */
  #endWatch(sub: TableSubscriber): void {
    this.unwatch(sub);
    sub.send(JSON.stringify({ type: 'table.closed', table: this.id, reason: TableClosedReason.unwatched }));
    sub.unwatched?.(this.id);
  }

  /** The outbox effects of a logged command's events (table-outbox.ts), then maybe a snapshot. */
  #queueEffects(events: readonly GameEvent[], cmdSeq: number, at: number, snapshot = true): void {
    this.#outbox.eventsLogged(events, cmdSeq, at);
    if (snapshot) this.#maybeSnapshot();
  }

  /**
   * Between hands, once enough has been logged since the last one: a snapshot is a whole-state
   * write plus a trim, and replaying a few dozen entries on recovery costs well under a millisecond.
   */
  #maybeSnapshot(): void {
    if (!this.status().inHand && this.#logSeq - this.#snapshotSeq >= SNAPSHOT_EVERY_ENTRIES)
      this.#queueSnapshot();
  }

  #queueSnapshot(): void {
    this.#snapshotSeq = this.#logSeq;
    const snapshot = {
      seq: this.#logSeq,
      data: encodeSnapshot({
        v: 1,
        state: this.#state,
        eventSeq: this.#ring.lastSeq,
        deposits: this.pendingDeposits(),
        heldSince: this.#heldSince,
      }),
    };
    this.#outbox.snapshot(snapshot);
  }

  /**
   * Refunds a deposit that did not end in a seat — but only against a log this actor has read to
   * the end: after an ambiguous append the `sit` may have landed after all, and refunding a seated
   * buy-in would create chips. So: resync first, and settle only if the deposit is still pending.
   */
  #scheduleDepositSettlement(deposit: PendingDeposit): void {
    this.#outbox.run(`deposit ${deposit.req}`, async () => {
      const pending = await this.#mailbox.run(async () => {
        if (this.#needsResync && !(await this.#resync())) throw new UnavailableError('table log unavailable');
        return this.#deposits.has(deposit.req);
      });
      if (!pending) return;
      await settleDeposit(this.#deps, deposit);
      await this.#mailbox.run(() => this.#settleDeposit(deposit.req));
    });
  }

  async #settleDeposit(req: string): Promise<void> {
    await this.#appendRecords([{ k: 'deposit_done', req }]);
  }

  #lose(error: Error): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#pacer.stop();
    this.#deps.logger.warn(
      { table: this.id, epoch: this.#deps.epoch, err: error },
      'table ownership lost; stopping',
    );
    this.#deps.onLost(this.id, error);
  }

  #freeSeat(): number | undefined {
    const taken = new Set(this.seats().map((s) => s.seat));
    const count = this.#deps.game.seatCount(this.#state);
    for (let seat = 0; seat < count; seat++) if (!taken.has(seat)) return seat;
    return undefined;
  }

  #presenceOf(accountId: string): number {
    let n = 0;
    for (const sub of this.#fanout.subscribers()) if (sub.accountId === accountId) n++;
    return n;
  }
}

/**
 * Settles a deposit whose outcome is unknown: replaying the buy-in by its request id either finds
 * it already applied or applies it now; either way the chips are then returned. Net effect: the
 * player ends where they started, whatever happened before the crash.
 */
export async function settleDeposit(
  deps: Pick<TableActorDeps, 'effects' | 'tableId'>,
  deposit: PendingDeposit,
): Promise<void> {
  try {
    await deps.effects.buyIn(deposit.req, deposit.player, deps.tableId, deposit.amount);
  } catch (error) {
    if (error instanceof InsufficientFundsError) return; // never debited: nothing to return
    throw error;
  }
  const balance = await deps.effects.cashOut(
    `${deposit.req}:refund`,
    deposit.player,
    deps.tableId,
    deposit.amount,
  );
  deps.effects.walletChanged(deposit.player, balance);
}

/** What the host hears when who is away changed: the lobby shows it. */
const PRESENCE_CHANGE = [{ type: 'presence' }] as const;
/** What the host hears when an operator paused or resumed the table. */
const HOLD_CHANGE = [{ type: 'hold' }] as const;

function notSeated(): Rejection {
  return reject(ErrorCode.notSeated, 'you have no seat at this table');
}

function heldRejection(): Rejection {
  return reject(ErrorCode.tablePaused, 'an operator paused this table; it goes on when they resume it');
}

/** This actor no longer runs the table (it moved, was lost, or closed) and did not apply the command. */
function movedAway(): Rejection {
  return reject(ErrorCode.tableMoved, 'the table is not hosted here any more');
}

/** Replaying this event to `viewer` could show them something from before they held their seat. */
function touchesSeat(event: GameEvent, viewer: Viewer): boolean {
  return (
    viewer !== 'spectator' &&
    (event.type === 'seat_taken' || event.type === 'seat_vacated') &&
    event.seat === viewer
  );
}
