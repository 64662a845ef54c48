// Opening a better-sqlite3 database the way every Pitboss SQLite adapter wants it: WAL journal,
// a chosen synchronous level, a busy timeout, and driver errors wrapped in port errors.

import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PortError, UnavailableError } from '../../ports/errors.js';

/**
 * NORMAL (default): in WAL mode a commit is durable once write() returns, so it survives the
 * process crashing or being SIGKILLed; only an OS crash or power loss can lose the last commits.
 * FULL: fsync on every commit, durable against power loss too, at a large cost per commit.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface SqliteOptions {
  readonly synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /**
   * Hold the file's lock for as long as it is open (`locking_mode = EXCLUSIVE`): no other process
   * can read or write it meanwhile, and in return SQLite keeps the WAL index in memory and takes no
   * file lock per transaction (measured: a one-append commit 35 → 24 µs of CPU, 8 fewer `fcntl`
   * calls; docs/benchmarks.md). For a file only one process may use — a node's data directory.
   */
  readonly exclusive?: boolean;
  /**
   * Pages the WAL may hold before a commit copies them back into the database file (SQLite's
   * `wal_autocheckpoint`; its default is 1,000). A checkpoint reads each page's newest frame from
   * the WAL and writes it to the file, then syncs both; a page written by many commits in between
   * (a table log's newest leaf, a busy index page) is copied once per checkpoint, so a larger WAL
   * copies fewer pages per commit. Measured in bench:node at 3,000 players: 10,000 pages took
   * ≈ 0.3–0.8 read and 0.4–0.7 write system calls off every player action (docs/benchmarks.md),
   * for a WAL file of up to ≈ 40 MB per database.
   */
  readonly walAutocheckpointPages?: number;
}

export type SqliteDatabase = Database.Database;

export function openSqlite(path: string, options: SqliteOptions = {}): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (path !== ':memory:' && path !== '') restrictToOwner(path);
    db = new Database(path);
  } catch (error) {
    throw new UnavailableError(`cannot open SQLite database ${path}`, { cause: error });
  }
  try {
    // Before the journal mode: a WAL opened in exclusive mode keeps its index in heap memory.
    if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    // Statement journals (a statement inside a longer transaction that may have to be undone on
    // its own: the Store's inserts, the log's trims) are temporary files by default, written with
    // a system call per page under /var/tmp; they never need to outlive the connection. Measured
    // in bench:node: ~0.5–2 fewer write system calls per player action.
    db.pragma('temp_store = MEMORY');
    if (options.walAutocheckpointPages !== undefined)
      db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(options.walAutocheckpointPages))}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    return db;
  } catch (error) {
    db.close();
    const busy = error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY';
    const why = busy ? ' (another process holds it: is another node using this data directory?)' : '';
    throw new UnavailableError(`cannot configure SQLite database ${path}${why}`, { cause: error });
  }
}

/**
 * Creates the database file readable by its owner only (0600), or tightens an existing one and its
 * WAL files: they hold seeds, RNG state and password hashes. SQLite creates the -wal and -shm
 * files with the main file's mode, so a new database stays private.
 */
function restrictToOwner(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/**
 * Runs synchronous database work and reports its outcome as a promise. Port errors and argument
 * errors pass through; anything the driver throws (busy, disk full, closed database) becomes an
 * UnavailableError that keeps the original as `cause`.
 */
export function runSqlite<T>(what: string, work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    if (error instanceof PortError || error instanceof RangeError || error instanceof TypeError) {
      return Promise.reject(error);
    }
    return Promise.reject(new UnavailableError(`SQLite ${what} failed`, { cause: error }));
  }
}

/** A database handed in by the caller stays the caller's to close; one opened from a path is ours. */
export function resolveDatabase(
  source: SqliteDatabase | string,
  options: SqliteOptions,
): { db: SqliteDatabase; owned: boolean } {
  return typeof source === 'string'
    ? { db: openSqlite(source, options), owned: true }
    : { db: source, owned: false };
}
