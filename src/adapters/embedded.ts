// The embedded node's storage in one data directory:
//   log.db   — TableLog + Directory, sharing one better-sqlite3 connection (both only ever run
//              synchronous transactions, so they cannot interleave)
//   store.db — the Store (accounts, ledger, tables, hands) on its own connection, because
//              kysely holds a transaction open across awaits; on a shared connection a log append
//              could land inside (and roll back with) a store transaction, and on a second
//              connection to the same file it would block on the store's write lock.
// Both files use WAL. Coordination (Bus) is in memory: there is only one node.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryBus } from './memory/bus.js';
import type { KyselyStoreOptions } from './sql/kysely-store.js';
import { createSqliteStore } from './sql/sqlite-store.js';
import type { KyselyStore } from './sql/kysely-store.js';
import { openSqlite, type SqliteSynchronous } from './sqlite/database.js';
import { SqliteDirectory } from './sqlite/directory.js';
import { SqliteTableLog } from './sqlite/table-log.js';

export interface EmbeddedStorageOptions extends KyselyStoreOptions {
  /** Created if missing. */
  readonly dataDir: string;
  /** For both files (default NORMAL: durable against a process crash; FULL also against power loss). */
  readonly synchronous?: SqliteSynchronous;
  /** TableLog group commit (default true). */
  readonly groupCommit?: boolean;
}

export interface EmbeddedStorage {
  readonly tableLog: SqliteTableLog;
  readonly directory: SqliteDirectory;
  readonly store: KyselyStore;
  readonly bus: MemoryBus;
  /** Flushes pending appends and closes everything; call once, on shutdown. */
  close(): Promise<void>;
}

export async function openEmbeddedStorage(options: EmbeddedStorageOptions): Promise<EmbeddedStorage> {
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = { synchronous: options.synchronous ?? 'NORMAL' } as const;
  const logDb = openSqlite(join(options.dataDir, 'log.db'), sqlite);
  let store: KyselyStore;
  try {
    store = await createSqliteStore(join(options.dataDir, 'store.db'), { ...options, ...sqlite });
  } catch (error) {
    logDb.close();
    throw error;
  }
  const tableLog = new SqliteTableLog(logDb, { ...sqlite, groupCommit: options.groupCommit ?? true });
  const directory = new SqliteDirectory(logDb);
  const bus = new MemoryBus();
  return {
    tableLog,
    directory,
    store,
    bus,
    async close() {
      await bus.close();
      await tableLog.close();
      await directory.close();
      logDb.close();
      await store.close();
    },
  };
}
