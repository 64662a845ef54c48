// The tables this node hosts: creating them, opening them (fresh or after a restart), looking them
// up, keeping the lobby informed, and stopping them. Each table is taken through the Directory
// (a new epoch) before it is opened, so the TableLog's fence guards it.

import { randomBytes, randomUUID } from 'node:crypto';
import { reject, type Rejection } from '../../games/contract.js';
import type { CatalogCache } from '../../ports/catalog-cache.js';
import type { Directory } from '../../ports/directory.js';
import { ConflictError, UnavailableError } from '../../ports/errors.js';
import type { Store, TableRecord } from '../../ports/store.js';
import type { TableLog } from '../../ports/table-log.js';
import { ErrorCode, TableClosedReason } from '../../protocol/codes.js';
import {
  TableOptionsSchema,
  type GameId,
  type TableOptions,
  type TableSummary,
} from '../../protocol/messages.js';
import type { Clock } from '../clock.js';
import type { Lobby } from '../lobby/lobby.js';
import type { Logger } from '../ops/logger.js';
import type { NodeMetrics } from '../ops/metrics.js';
import { BotSeater } from './bot-seater.js';
import type { GameCatalog, GameDescriptor } from './game-catalog.js';
import type { TableActor } from './table-actor.js';
import type { CreateRequest } from './table-handle.js';
import type { TableEffects, TableTiming } from './table-deps.js';
import { openTable } from './table-recovery.js';

export interface TableHostDeps {
  readonly nodeId: string;
  readonly catalog: GameCatalog;
  readonly store: Store;
  readonly log: TableLog;
  readonly directory: Directory;
  readonly lobby: Lobby;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
  readonly timing: TableTiming;
  readonly walletChanged: (accountId: string, balance: number) => void;
  readonly limits: TableLimits;
  /** A copy of open tables' catalog records for takeovers while the Store is down (a cluster). */
  readonly catalogCache?: CatalogCache;
}

/** Limits on creating tables (issue 9: one guest made 237 tables of 10 bots in 10 s). */
export interface TableLimits {
  /** Open tables one account may have created (on this node). */
  readonly tablesPerAccount: number;
  /** Tables this node hosts at most. */
  readonly maxTables: number;
  /** Bots a player may ask for at a table they create. */
  readonly maxBotsAtPlayerTables: number;
}

/** Events after which a table's lobby summary (seats, stacks, hand number) and bot seats are refreshed. */
const LOBBY_EVENTS: ReadonlySet<string> = new Set([
  // Not a game event: a player's connections all went, or one came back (TableActor.awaySeats).
  'presence',
  // Not a game event either: an operator paused or resumed the table (TableActor.setHeld).
  'hold',
  'seat_taken',
  'seat_vacated',
  'seat_status',
  'hand_started',
  'hand_ended',
  'game_over',
]);

/** How long a closing table waits between checks that its seats have emptied. */
const CLOSE_POLL_MS = 250;
/** A closing table whose seats are still taken after this gives up closing (and is logged). */
const CLOSE_GIVE_UP_MS = 30 * 60_000;

/** What the catalog stores as a table's configuration: the game's rules and the runtime options. */
interface StoredTableConfig {
  readonly rules: unknown;
  readonly options: TableOptions;
}

interface HostedTable {
  readonly actor: TableActor;
  readonly record: TableRecord;
  readonly descriptor: GameDescriptor;
  readonly options: TableOptions;
}

export class TableHost {
  readonly #deps: TableHostDeps;
  readonly #tables = new Map<string, HostedTable>();
  readonly #effects: TableEffects;
  readonly #bots: BotSeater;
  /** Tables being closed: no new seats, no bots re-seated. */
  readonly #closing = new Set<string>();
  /** Creations in flight per account, so concurrent creates cannot pass the limit together. */
  readonly #creating = new Map<string, number>();
  /**
   * Tables in transition — being opened here (taken, then recovered from the log) or handed to
   * another node — each with a promise that resolves when that has ended, either way. Commands for
   * them wait instead of being refused (see TableEndpoint).
   */
  readonly #transitions = new Map<string, Promise<void>>();
  #accepting = true;

  constructor(deps: TableHostDeps) {
    this.#deps = deps;
    const { store } = deps;
    this.#effects = {
      buyIn: async (req, account, table, amount) => (await store.buyIn(req, account, table, amount)).balance,
      cashOut: async (req, account, table, amount) =>
        (await store.cashOut(req, account, table, amount)).balance,
      saveHand: (hand) => store.saveHand(hand),
      walletChanged: deps.walletChanged,
    };
    this.#bots = new BotSeater({ store, logger: deps.logger });
  }

  /**
   * Opens the tables the catalog lists as open: all of them (one node), or — with `claim` (a
   * cluster) — those `claim` hands this node, each taken with a compare-and-set on the epoch it
   * names, so two nodes never open the same table. A table that fails to open is logged and skipped.
   */
  async start(claim?: (record: TableRecord) => Promise<{ expectEpoch: number } | null>): Promise<void> {
    const records = await this.#deps.store.openTables();
    for (const record of records) {
      try {
        if (this.#tables.has(record.id)) continue;
        if (!claim) {
          await this.#open(record);
          continue;
        }
        const claimed = await claim(record);
        if (claimed && !(await this.#open(record, claimed.expectEpoch))) {
          this.#deps.logger.debug({ table: record.id }, 'another node took the table first');
        }
      } catch (error) {
        this.#deps.logger.error({ table: record.id, err: error }, 'table failed to open');
      }
    }
  }

  async create(request: CreateRequest): Promise<{ ok: true; table: TableSummary } | Rejection> {
    if (!this.#accepting) return reject(ErrorCode.shuttingDown, 'this node is shutting down');
    const descriptor = this.#deps.catalog.get(request.game as GameId);
    if (!descriptor) return reject(ErrorCode.invalidConfig, `unknown game ${request.game}`);
    const rules = descriptor.module.parseConfig(request.config);
    if (!rules.ok) return reject(ErrorCode.invalidConfig, rules.message);
    const options = TableOptionsSchema.safeParse(request.options ?? {});
    if (!options.success)
      return reject(ErrorCode.invalidConfig, options.error.issues[0]?.message ?? 'invalid options');
    const seats = descriptor.module.seatCount(descriptor.module.setup(rules.config, '0'.repeat(64)));
    if (options.data.bots >= seats + 1)
      return reject(ErrorCode.invalidConfig, `at most ${seats} bots fit at this table`);
    const limited = this.#creationLimit(request.createdBy, options.data.bots);
    if (limited) return limited;

    const creator = request.createdBy;
    if (creator !== null) this.#creating.set(creator, (this.#creating.get(creator) ?? 0) + 1);
    try {
      const stored: StoredTableConfig = { rules: rules.config, options: options.data };
      const record = await this.#deps.store
        .createTable({
          id: request.id ?? newTableId(),
          game: request.game,
          name: request.name,
          config: stored,
          seed: randomBytes(32).toString('hex'),
          createdBy: creator,
        })
        .catch((error: unknown) => {
          if (request.id !== undefined && error instanceof ConflictError) return null;
          throw error;
        });
      if (!record) return reject(ErrorCode.tableExists, `table ${request.id ?? ''} exists already`);
      // A new table has never been owned: epoch 0, so no other node can be opening it too.
      const hosted = await this.#open(record, 0);
      if (!hosted) return reject(ErrorCode.tableUnavailable, 'the new table was taken by another node');
      this.#deps.metrics.tableCreated();
      return { ok: true, table: this.summary(hosted.actor.id) ?? this.#summarize(hosted) };
    } finally {
      if (creator !== null) {
        const left = (this.#creating.get(creator) ?? 1) - 1;
        if (left <= 0) this.#creating.delete(creator);
        else this.#creating.set(creator, left);
      }
    }
  }

  /** Why this creation is over a limit, or null. Checked before anything is written. */
  #creationLimit(createdBy: string | null, bots: number): Rejection | null {
    const limits = this.#deps.limits;
    if (this.#tables.size + this.#creatingTotal() >= limits.maxTables)
      return reject(ErrorCode.tableLimit, `this node hosts its maximum of ${limits.maxTables} tables`);
    if (createdBy === null) return null;
    if (bots > limits.maxBotsAtPlayerTables)
      return reject(
        ErrorCode.tableLimit,
        `at most ${limits.maxBotsAtPlayerTables} bots at a table you create`,
      );
    let mine = this.#creating.get(createdBy) ?? 0;
    for (const [id, h] of this.#tables)
      if (h.record.createdBy === createdBy && !this.#closing.has(id)) mine++;
    if (mine >= limits.tablesPerAccount)
      return reject(ErrorCode.tableLimit, `at most ${limits.tablesPerAccount} open tables of your own`);
    return null;
  }

  #creatingTotal(): number {
    let n = 0;
    for (const count of this.#creating.values()) n += count;
    return n;
  }

  /** True while a table is closing: it takes no new seats. */
  isClosing(tableId: string): boolean {
    return this.#closing.has(tableId);
  }

  /** Player-created tables with what the idle sweep needs to know. */
  playerTables(): { id: string; people: boolean }[] {
    return [...this.#tables.entries()]
      .filter(([id, h]) => h.record.createdBy !== null && !this.#closing.has(id))
      .map(([id, h]) => ({
        id,
        people: h.actor.watchers > 0 || h.actor.seats().some((seat) => !seat.bot),
      }));
  }

  /**
   * The operator's close: starts `close` and answers at once (the hand in progress plays out and the
   * seats are paid out before the table is gone; the outcome is logged). False if it is not here.
   */
  startClose(tableId: string): boolean {
    if (!this.#tables.has(tableId)) return false;
    if (this.#closing.has(tableId)) return true;
    this.close(tableId).then(
      (closed) => this.#deps.logger.info({ table: tableId, closed }, 'operator close ended'),
      (error: unknown) => this.#deps.logger.warn({ table: tableId, err: error }, 'operator close failed'),
    );
    return true;
  }

  /**
   * Closes a table for good: no new seats, every seat stands up (a running hand or game plays out
   * under the pacer, as when players leave), their chips go back through the ledger, then the
   * catalog marks it closed, watchers get `table.closed`/`closed`, and ownership is released.
   * A table an operator paused is resumed first: its hand has to play out for the seats to empty.
   */
  async close(tableId: string): Promise<boolean> {
    const hosted = this.#tables.get(tableId);
    // A table being handed to another node is not closed from here: it is about to run there.
    if (!hosted || this.#closing.has(tableId) || this.#transitions.has(tableId)) return false;
    this.#closing.add(tableId);
    const { actor } = hosted;
    void this.#deps.lobby.remove(tableId);
    const started = this.#deps.clock.now();
    while (actor.seats().length > 0 && !actor.stopped) {
      if (actor.held) await actor.setHeld(false);
      for (const seat of actor.seats())
        if (seat.status !== 'leaving') await actor.seatCommand(seat.player, 'leave');
      if (actor.seats().length === 0) break;
      if (this.#deps.clock.now() - started > CLOSE_GIVE_UP_MS) {
        this.#deps.logger.warn({ table: tableId }, 'table did not empty; not closed');
        this.#closing.delete(tableId);
        return false;
      }
      await new Promise<void>((resolve) => this.#deps.clock.after(CLOSE_POLL_MS, resolve));
    }
    await actor.idle();
    if (actor.stopped) {
      // It moved (or was lost) while its seats were emptying: whoever runs it now closes it.
      this.#closing.delete(tableId);
      return false;
    }
    await this.#deps.store.closeTable(tableId);
    await this.#deps.catalogCache?.forget(tableId).catch(() => undefined);
    const notice = JSON.stringify({ type: 'table.closed', table: tableId, reason: TableClosedReason.closed });
    for (const sub of [...actor.subscribers()]) {
      actor.unwatch(sub);
      sub.send(notice);
      sub.unwatched?.(tableId);
    }
    await actor.stop();
    this.#tables.delete(tableId);
    this.#closing.delete(tableId);
    this.#updateGauges();
    await this.#deps.directory.release(tableId, this.#deps.nodeId, actor.epoch).catch((error: unknown) => {
      this.#deps.logger.warn({ table: tableId, err: error }, 'directory release failed');
    });
    this.#deps.logger.info({ table: tableId }, 'table closed');
    return true;
  }

  get(tableId: string): TableActor | undefined {
    const hosted = this.#tables.get(tableId);
    return hosted && !hosted.actor.stopped ? hosted.actor : undefined;
  }

  tables(): TableActor[] {
    return [...this.#tables.values()].map((h) => h.actor);
  }

  get size(): number {
    return this.#tables.size;
  }

  summary(tableId: string): TableSummary | null {
    const hosted = this.#tables.get(tableId);
    return hosted ? this.#summarize(hosted) : null;
  }

  /** The summary of every table this node hosts. */
  summaries(): TableSummary[] {
    return [...this.#tables.values()].map((hosted) => this.#summarize(hosted));
  }

  descriptorOf(tableId: string): GameDescriptor | undefined {
    return this.#tables.get(tableId)?.descriptor;
  }

  /**
   * Stops every actor after its in-flight commands. One node releases its tables; a cluster node
   * (`release: false`) leaves them recorded as its own, so the surviving nodes take them over
   * exactly as after a crash: a compare-and-set on the epoch it held.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.#accepting = false;
    const hosted = [...this.#tables.values()];
    await Promise.all(
      hosted.map(async (h) => {
        await h.actor.stop();
        if (options.release === false) return;
        await this.#deps.directory
          .release(h.actor.id, this.#deps.nodeId, h.actor.epoch)
          .catch((error: unknown) => {
            this.#deps.logger.warn({ table: h.actor.id, err: error }, 'directory release failed');
          });
      }),
    );
    this.#tables.clear();
    this.#updateGauges();
  }

  /** Resolves when every table is idle (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.#tables.values()].map((h) => h.actor.idle()));
    await this.#bots.idle();
  }

  /** Takes the table (with a CAS on `expectEpoch` when given) and opens it; null if the CAS lost. */
  async #open(record: TableRecord, expectEpoch?: number): Promise<HostedTable | null> {
    // Inside a hand-off the hand-off's own transition covers the reopening.
    if (this.#transitions.has(record.id)) return this.#openNow(record, expectEpoch);
    const ended = this.#beginTransition(record.id);
    try {
      return await this.#openNow(record, expectEpoch);
    } finally {
      ended();
    }
  }

  async #openNow(record: TableRecord, expectEpoch?: number): Promise<HostedTable | null> {
    const descriptor = this.#deps.catalog.get(record.game as GameId);
    if (!descriptor) throw new Error(`table ${record.id}: unknown game ${record.game}`);
    const stored = record.config as StoredTableConfig;
    const options = TableOptionsSchema.parse(stored.options);
    const ownership = await this.#deps.directory.acquire(record.id, this.#deps.nodeId, expectEpoch);
    if (!ownership) return null;
    const logger = this.#deps.logger.child({ table: record.id, game: record.game });
    const actor = await openTable(
      {
        tableId: record.id,
        game: descriptor.module,
        log: this.#deps.log,
        epoch: ownership.epoch,
        clock: this.#deps.clock,
        effects: this.#effects,
        options,
        timing: this.#deps.timing,
        logger,
        metrics: this.#deps.metrics,
        randomSeed: () => randomBytes(32).toString('hex'),
        onChange: (id, events) => this.#changed(id, events),
        onLost: (id) => this.#lost(id, ownership.epoch),
      },
      { config: stored.rules, seed: record.seed },
    );
    const hosted: HostedTable = { actor, record, descriptor, options };
    this.#tables.set(record.id, hosted);
    this.#deps.catalogCache?.remember(record).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not keep the table record beside its log');
    });
    this.#updateGauges();
    void this.#deps.lobby.publish(this.#summarize(hosted));
    this.#bots.adopt(actor);
    this.#bots.maintain(actor, descriptor, options);
    logger.info({ epoch: ownership.epoch, logSeq: actor.logSeq, eventSeq: actor.eventSeq }, 'table opened');
    return hosted;
  }

  /**
   * Takes over `tableId` from a node that is gone, if its epoch is still `expectEpoch` (a
   * compare-and-set: of several nodes trying, one wins). Opening it runs the usual recovery:
   * fence the log, newest snapshot, replay — same cards, same turn. Returns whether this node won.
   * `known` is the table's catalog record when the caller has it (a live hand-off sends it along,
   * so a move works while the Store is down); otherwise it is read from the Store. Counted in
   * pitboss_table_takeovers_total as a `move` when the record came along, a `failover` otherwise.
   */
  async adopt(tableId: string, expectEpoch: number, known?: TableRecord): Promise<boolean> {
    if (this.#tables.has(tableId) || this.#transitions.has(tableId) || !this.#accepting) return false;
    const record = known ?? (await this.#recordOf(tableId));
    if (!record || record.closedAt !== null) return false;
    const taken = (await this.#open(record, expectEpoch)) !== null;
    if (taken) this.#deps.metrics.takeovers.inc({ reason: known ? 'move' : 'failover' });
    return taken;
  }

  /**
   * A table's catalog record from the Store — or, while the Store is unreachable, the copy kept
   * beside the logs, so a dead node's tables can still be taken over during a PostgreSQL outage.
   */
  async #recordOf(tableId: string): Promise<TableRecord | null> {
    try {
      return await this.#deps.store.getTable(tableId);
    } catch (error) {
      const cache = this.#deps.catalogCache;
      if (!(error instanceof UnavailableError) || !cache) throw error;
      this.#deps.logger.warn(
        { table: tableId, err: error },
        'the Store is unavailable: taking the table from its kept record',
      );
      return cache.recall(tableId);
    }
  }

  /**
   * Hands a table to another node, live: the actor stops at a command boundary (commands behind it
   * are held by the endpoint, see `moving`), then `transfer` asks the target to take it over with a
   * compare-and-set on our epoch — it fences the log, recovers the same state and serves. Watchers
   * here are then told the table moved, and re-watch it at its new owner. If the transfer fails and
   * the Directory still names us, the table reopens here from its log (same state); if another node
   * took it meanwhile, it is theirs. Returns whether the table now runs elsewhere.
   */
  async handOff(
    tableId: string,
    transfer: (record: TableRecord, epoch: number) => Promise<boolean>,
  ): Promise<boolean> {
    const hosted = this.#tables.get(tableId);
    if (!hosted || hosted.actor.stopped || this.#closing.has(tableId) || this.#transitions.has(tableId))
      return false;
    const ended = this.#beginTransition(tableId);
    const { actor } = hosted;
    try {
      await actor.suspend();
      const moved = await transfer(hosted.record, actor.epoch).catch((error: unknown) => {
        this.#deps.logger.warn({ table: tableId, err: error }, 'hand-off failed');
        return false;
      });
      const owner = moved ? null : await this.#deps.directory.lookup(tableId).catch(() => null);
      const stillOurs = owner?.nodeId === this.#deps.nodeId && owner.epoch === actor.epoch;
      this.#tables.delete(tableId);
      this.#updateGauges();
      const subscribers = [...actor.subscribers()];
      const notice = JSON.stringify({
        type: 'table.closed',
        table: tableId,
        reason: TableClosedReason.moved,
      });
      if (stillOurs) {
        // Reopened from the log under a new epoch (a CAS on ours, so a late transfer cannot win too).
        if (!(await this.#open(hosted.record, actor.epoch).catch(() => null)))
          this.#deps.logger.warn({ table: tableId }, 'hand-off failed and the table could not reopen here');
      }
      for (const sub of subscribers) sub.send(notice);
      void actor.stop();
      this.#deps.metrics.handOffs.inc({ outcome: moved ? 'moved' : 'kept' });
      return moved;
    } finally {
      ended();
    }
  }

  /** While `tableId` is being opened here or handed off: resolves when that has ended. */
  transition(tableId: string): Promise<void> | undefined {
    return this.#transitions.get(tableId);
  }

  /** Marks `tableId` in transition; the returned function ends it. */
  #beginTransition(tableId: string): () => void {
    let resolve = (): void => undefined;
    const done = new Promise<void>((r) => (resolve = r));
    this.#transitions.set(tableId, done);
    return () => {
      if (this.#transitions.get(tableId) === done) this.#transitions.delete(tableId);
      resolve();
    };
  }

  /** Tables waiting for their log to be reachable again (pitboss_tables_paused). */
  pausedCount(): number {
    let n = 0;
    for (const hosted of this.#tables.values()) if (hosted.actor.paused) n++;
    return n;
  }

  /** This node takes no new or adopted tables any more (it is draining). */
  refuseNewTables(): void {
    this.#accepting = false;
  }

  /**
   * Drops the tables this node hosts whose ownership it no longer holds (a node that was frozen past
   * its lease while others took its tables over): their actors stop without writing, and watchers
   * are told the table moved. `holds` checks one table against the Directory.
   */
  async dropLost(holds: (tableId: string, epoch: number) => Promise<boolean>): Promise<string[]> {
    const dropped: string[] = [];
    for (const [id, hosted] of [...this.#tables]) {
      if (await holds(id, hosted.actor.epoch).catch(() => true)) continue;
      await hosted.actor.stop();
      this.#lost(id, hosted.actor.epoch);
      dropped.push(id);
    }
    return dropped;
  }

  /**
   * After a command: the lobby and the bot seats change only with seats and hands. A bet moves
   * stacks, but the lobby shows them as of the last hand; refreshing it on every action cost every
   * node of a cluster a bus message per table per action (measured in docs/benchmarks.md).
   */
  #changed(tableId: string, events: readonly { readonly type: string }[]): void {
    const hosted = this.#tables.get(tableId);
    if (!hosted || this.#closing.has(tableId)) return;
    if (!events.some((e) => LOBBY_EVENTS.has(e.type))) return;
    this.#deps.lobby.touch(tableId, () => (this.#tables.has(tableId) ? this.#summarize(hosted) : null));
    this.#bots.maintain(hosted.actor, hosted.descriptor, hosted.options);
  }

  /** The actor of epoch `epoch` lost the table: forget it (not a newer actor of the same table). */
  #lost(tableId: string, epoch: number): void {
    const hosted = this.#tables.get(tableId);
    if (!hosted || hosted.actor.epoch !== epoch) return;
    this.#tables.delete(tableId);
    this.#updateGauges();
    const notice = JSON.stringify({ type: 'table.closed', table: tableId, reason: TableClosedReason.moved });
    for (const sub of [...hosted.actor.subscribers()]) sub.send(notice);
  }

  #summarize(hosted: HostedTable): TableSummary {
    const { actor, record, descriptor, options } = hosted;
    const state = actor.state;
    const stakes = descriptor.stakes(descriptor.module.config(state));
    const seats = actor.seats();
    const away = new Set(actor.awaySeats());
    return {
      id: record.id,
      game: descriptor.id,
      name: record.name,
      stake: stakes.stake,
      ...(stakes.smallBlind === undefined ? {} : { smallBlind: stakes.smallBlind }),
      seats: descriptor.module.seatCount(state),
      occupied: seats.length,
      players: seats.map((s) => ({
        seat: s.seat,
        name: s.name,
        chips: s.chips,
        bot: s.bot,
        ...(away.has(s.seat) ? { away: true } : {}),
      })),
      minBuyIn: stakes.minBuyIn,
      maxBuyIn: stakes.maxBuyIn,
      turnSeconds: options.turnSeconds,
      handNumber: actor.status().handNumber,
      watchers: actor.watchers,
      spectators: options.spectators,
      ...(actor.held ? { paused: true } : {}),
    };
  }

  #updateGauges(): void {
    const byGame = new Map<string, number>();
    for (const h of this.#tables.values())
      byGame.set(h.descriptor.id, (byGame.get(h.descriptor.id) ?? 0) + 1);
    for (const id of this.#deps.catalog.keys())
      this.#deps.metrics.tables.set({ game: id }, byGame.get(id) ?? 0);
  }
}

function newTableId(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}
