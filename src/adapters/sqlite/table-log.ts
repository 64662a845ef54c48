// SQLite TableLog. Every write is one IMMEDIATE transaction that checks the fence and the next seq
// and writes, so the checks and the write are atomic even against another process on the same
// file. better-sqlite3 is synchronous, so a transaction never spans an await and never interleaves
// with another one on this connection. Schema and guarantees: docs/storage.md.

import { FencedError, PortError, SequenceConflictError, UnavailableError } from '../../ports/errors.js';
import type { LogEntry, Snapshot, TableLog } from '../../ports/table-log.js';
import { checkAppendArgs, checkEpoch, checkSeq } from '../validate.js';
import { resolveDatabase, runSqlite, type SqliteDatabase, type SqliteOptions } from './database.js';

// Layout chosen by measurement (docs/storage.md): entries live in a rowid table so appends land at
// the end of one b-tree, keyed by a small integer per table; a WITHOUT ROWID layout keyed by the
// text table id was 2–3× slower for 500 interleaved tables. A table's last seq is read from its
// newest entry (or its snapshot, once trimming has removed every entry) rather than kept in
// log_tables: an append then dirties one page fewer (a one-append commit 23 → 18 µs of CPU). The
// `last_seq` column stays for files written by earlier versions and is no longer maintained.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_tables (
    ref      INTEGER PRIMARY KEY,
    table_id TEXT NOT NULL UNIQUE,
    fence    INTEGER NOT NULL,
    last_seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS log_entries (
    ref   INTEGER NOT NULL,
    seq   INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    data  TEXT NOT NULL,
    PRIMARY KEY (ref, seq)
  );
  CREATE TABLE IF NOT EXISTS log_snapshots (
    ref   INTEGER PRIMARY KEY,
    seq   INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    data  TEXT NOT NULL
  );
`;

interface MetaRow {
  /** The table's integer key in log_entries and log_snapshots. */
  ref: number;
  fence: number;
  last_seq: number;
}

export interface SqliteTableLogOptions extends SqliteOptions {
  /**
   * Commit appends issued together in a single transaction (default true). Each append still
   * gets its own fence and seq check and its own outcome; only the commit is shared, which is
   * what costs (an fsync per commit with synchronous=FULL). An append resolves only after the
   * commit that holds it.
   */
  readonly groupCommit?: boolean;
  /**
   * Nothing else writes this file's log tables: no other connection (the file is opened
   * EXCLUSIVE, as a node's data directory is) and no other SqliteTableLog on this connection.
   * Each table's fence and last seq are then kept in memory after the first read instead of being
   * read inside every append (measured: that read was a third of an append's CPU;
   * docs/benchmarks.md). Default false: every check reads the file, so several processes or
   * instances may share it.
   */
  readonly soleWriter?: boolean;
}

interface PendingAppend {
  readonly tableId: string;
  readonly epoch: number;
  readonly nextSeq: number;
  readonly records: readonly string[];
  readonly resolve: (lastSeq: number) => void;
  readonly reject: (error: Error) => void;
}

export class SqliteTableLog implements TableLog {
  private readonly db: SqliteDatabase;
  private readonly owned: boolean;
  private readonly stmt;
  private readonly tx;
  private readonly groupCommit: boolean;
  /** With `soleWriter`: each table's meta row as last committed. Emptied when a transaction fails. */
  private readonly known: Map<string, MetaRow> | null;
  private pending: PendingAppend[] = [];
  /**
   * When a group commits. With synchronous=NORMAL a commit is cheap (no fsync), so the group
   * closes at the end of the current microtask run: low latency, and still one commit for all
   * the appends one event (a hand ending, a timer sweep) causes. With FULL every commit is an
   * fsync, so the group stays open for the whole event-loop turn to gather the appends of every
   * I/O callback in it.
   */
  private readonly schedule: (flush: () => void) => void;

  /** `source`: a file path (opened and later closed here) or an open database shared with others. */
  constructor(source: SqliteDatabase | string, options: SqliteTableLogOptions = {}) {
    ({ db: this.db, owned: this.owned } = resolveDatabase(source, options));
    this.groupCommit = options.groupCommit ?? true;
    this.known = options.soleWriter ? new Map() : null;
    this.schedule = options.synchronous === 'FULL' ? (flush) => setImmediate(flush) : queueMicrotask;
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      meta: db.prepare<[string], MetaRow>(
        `SELECT t.ref, t.fence, max(
           coalesce((SELECT max(e.seq) FROM log_entries e WHERE e.ref = t.ref), 0),
           coalesce((SELECT s.seq FROM log_snapshots s WHERE s.ref = t.ref), 0)) AS last_seq
         FROM log_tables t WHERE t.table_id = ?`,
      ),
      createMeta: db.prepare<[string, number, number]>(
        'INSERT INTO log_tables (table_id, fence, last_seq) VALUES (?, ?, ?)',
      ),
      putFence: db.prepare<[number, number]>('UPDATE log_tables SET fence = ? WHERE ref = ?'),
      insert: db.prepare<[number, number, number, string]>(
        'INSERT INTO log_entries (ref, seq, epoch, data) VALUES (?, ?, ?, ?)',
      ),
      read: db.prepare<[string, number, number], LogEntry>(
        `SELECT e.seq, e.epoch, e.data FROM log_entries e JOIN log_tables t ON e.ref = t.ref
         WHERE t.table_id = ? AND e.seq >= ? ORDER BY e.seq LIMIT ?`,
      ),
      snapshot: db.prepare<[string], Snapshot>(
        `SELECT s.seq, s.epoch, s.data FROM log_snapshots s JOIN log_tables t ON s.ref = t.ref
         WHERE t.table_id = ?`,
      ),
      snapshotSeq: db.prepare<[number], { seq: number }>('SELECT seq FROM log_snapshots WHERE ref = ?'),
      putSnapshot: db.prepare<[number, number, number, string]>(
        `INSERT INTO log_snapshots (ref, seq, epoch, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (ref) DO UPDATE SET seq = excluded.seq, epoch = excluded.epoch, data = excluded.data`,
      ),
      trim: db.prepare<[number, number]>('DELETE FROM log_entries WHERE ref = ? AND seq <= ?'),
      dropEntries: db.prepare<[number]>('DELETE FROM log_entries WHERE ref = ?'),
      dropSnapshot: db.prepare<[number]>('DELETE FROM log_snapshots WHERE ref = ?'),
      dropMeta: db.prepare<[number]>('DELETE FROM log_tables WHERE ref = ?'),
    };
    this.tx = {
      fence: db.transaction((tableId: string, epoch: number): number => {
        this.raiseFence(this.fenced(tableId, epoch), epoch);
        return epoch;
      }),
      append: db.transaction((tableId: string, epoch: number, nextSeq: number, records: readonly string[]) =>
        this.appendInTransaction(tableId, epoch, nextSeq, records),
      ),
      group: db.transaction((batch: readonly PendingAppend[]) =>
        batch.map((append) => {
          try {
            const { tableId, epoch, nextSeq, records } = append;
            return { append, outcome: this.appendInTransaction(tableId, epoch, nextSeq, records) };
          } catch (error) {
            // A failed check throws before anything is written, so the others may still commit.
            // Anything else (a driver error) aborts the whole group.
            if (error instanceof PortError) return { append, outcome: error };
            throw error;
          }
        }),
      ),
      snapshot: db.transaction((tableId: string, epoch: number, seq: number, data: string) => {
        const meta = this.fenced(tableId, epoch);
        // An older snapshot must never replace a newer one: trim may already have dropped the
        // entries the older one would need for replay.
        const current = this.stmt.snapshotSeq.get(meta.ref);
        if (!current || seq >= current.seq) this.stmt.putSnapshot.run(meta.ref, seq, epoch, data);
        meta.last_seq = Math.max(meta.last_seq, seq);
        this.raiseFence(meta, epoch);
      }),
      trim: db.transaction((tableId: string, epoch: number, uptoSeq: number) => {
        const meta = this.fenced(tableId, epoch);
        // Never beyond the snapshot: entries after it are the only record of those commands.
        const upto = Math.min(uptoSeq, this.stmt.snapshotSeq.get(meta.ref)?.seq ?? 0);
        if (upto > 0) this.stmt.trim.run(meta.ref, upto);
        this.raiseFence(meta, epoch);
      }),
      destroy: db.transaction((tableId: string) => {
        const ref = this.stmt.meta.get(tableId)?.ref;
        this.known?.delete(tableId);
        if (ref === undefined) return;
        this.stmt.dropEntries.run(ref);
        this.stmt.dropSnapshot.run(ref);
        this.stmt.dropMeta.run(ref);
      }),
    };
  }

  fence(tableId: string, epoch: number): Promise<number> {
    return runSqlite('fence', () => {
      checkEpoch(epoch);
      return this.forgetOnFailure(() => this.tx.fence.immediate(tableId, epoch));
    });
  }

  append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]): Promise<number> {
    if (!this.groupCommit) {
      return runSqlite('append', () => {
        checkAppendArgs(epoch, nextSeq, records);
        return this.forgetOnFailure(() => this.tx.append.immediate(tableId, epoch, nextSeq, records));
      });
    }
    return new Promise((resolve, reject) => {
      checkAppendArgs(epoch, nextSeq, records);
      // Copy the batch: the caller may reuse its array before the commit.
      this.pending.push({ tableId, epoch, nextSeq, records: [...records], resolve, reject });
      if (this.pending.length === 1) this.schedule(() => this.flush());
    });
  }

  /** Commits every queued append in one transaction and settles each with its own outcome. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let outcomes: { append: PendingAppend; outcome: number | PortError }[];
    try {
      outcomes = this.forgetOnFailure(() => this.tx.group.immediate(batch));
    } catch (error) {
      const failure = new UnavailableError('SQLite append failed', { cause: error });
      for (const p of batch) p.reject(failure);
      return;
    }
    for (const { append, outcome } of outcomes) {
      if (typeof outcome === 'number') append.resolve(outcome);
      else append.reject(outcome);
    }
  }

  read(tableId: string, fromSeq: number, limit?: number): Promise<LogEntry[]> {
    if (limit !== undefined && limit <= 0) return Promise.resolve([]);
    // SQLite reads LIMIT -1 as "no limit".
    return runSqlite('read', () => this.stmt.read.all(tableId, fromSeq, limit ?? -1));
  }

  lastSeq(tableId: string): Promise<number> {
    return runSqlite('lastSeq', () => this.meta(tableId)?.last_seq ?? 0);
  }

  writeSnapshot(tableId: string, epoch: number, snapshot: { seq: number; data: string }): Promise<void> {
    return runSqlite('writeSnapshot', () => {
      checkEpoch(epoch);
      checkSeq(snapshot.seq);
      this.forgetOnFailure(() => this.tx.snapshot.immediate(tableId, epoch, snapshot.seq, snapshot.data));
    });
  }

  readSnapshot(tableId: string): Promise<Snapshot | null> {
    return runSqlite('readSnapshot', () => this.stmt.snapshot.get(tableId) ?? null);
  }

  trim(tableId: string, epoch: number, uptoSeq: number): Promise<void> {
    return runSqlite('trim', () => {
      checkEpoch(epoch);
      this.forgetOnFailure(() => this.tx.trim.immediate(tableId, epoch, uptoSeq));
    });
  }

  destroy(tableId: string): Promise<void> {
    return runSqlite('destroy', () => this.forgetOnFailure(() => this.tx.destroy.immediate(tableId)));
  }

  close(): Promise<void> {
    return runSqlite('close', () => {
      if (this.db.open) this.flush();
      if (this.owned && this.db.open) this.db.close();
    });
  }

  private appendInTransaction(
    tableId: string,
    epoch: number,
    nextSeq: number,
    records: readonly string[],
  ): number {
    const meta = this.fenced(tableId, epoch);
    if (nextSeq !== meta.last_seq + 1) throw new SequenceConflictError(tableId, nextSeq, meta.last_seq + 1);
    let seq = nextSeq;
    for (const data of records) this.stmt.insert.run(meta.ref, seq++, epoch, data);
    this.raiseFence(meta, epoch);
    meta.last_seq = seq - 1;
    return seq - 1;
  }

  /**
   * The table's meta row once `epoch` has passed the fence check, created on a table's first
   * write. A write with a higher epoch than the fence then raises the fence to it (raiseFence: a
   * higher epoch writing proves a newer owner exists); a failed write changes nothing, fence
   * included.
   */
  private fenced(tableId: string, epoch: number): MetaRow {
    let meta = this.meta(tableId);
    if (!meta) {
      const ref = Number(this.stmt.createMeta.run(tableId, 0, 0).lastInsertRowid);
      meta = { ref, fence: 0, last_seq: 0 };
      this.known?.set(tableId, meta);
    }
    if (epoch < meta.fence) throw new FencedError(tableId, epoch, meta.fence);
    return meta;
  }

  /**
   * The table's meta row: from memory when this instance is the sole writer and has seen it,
   * else read. The object is the cached one: a transaction updates it as it writes, and a
   * transaction that fails empties the cache (forgetOnFailure), so it never outlives a rollback.
   */
  private meta(tableId: string): MetaRow | undefined {
    const cached = this.known?.get(tableId);
    if (cached) return cached;
    const meta = this.stmt.meta.get(tableId);
    if (meta) this.known?.set(tableId, meta);
    return meta;
  }

  /** After a write has passed every check: its epoch becomes the fence if it is higher. */
  private raiseFence(meta: MetaRow, epoch: number): void {
    if (epoch > meta.fence) {
      this.stmt.putFence.run(epoch, meta.ref);
      meta.fence = epoch;
    }
  }

  /**
   * A transaction that throws has been rolled back, and the cached rows it touched may describe
   * writes that never happened: forget them all (they are read again on next use).
   */
  private forgetOnFailure<T>(transaction: () => T): T {
    try {
      return transaction();
    } catch (error) {
      this.known?.clear();
      throw error;
    }
  }
}
