// Public index of the adapters: one implementation of each port per backing technology.
export { openEmbeddedStorage, type EmbeddedStorage, type EmbeddedStorageOptions } from './embedded.js';
export { MemoryBus, MemoryBusHub, type MemoryBusOptions } from './memory/bus.js';
export { MemoryDirectory } from './memory/directory.js';
export { MemoryTableLog } from './memory/table-log.js';
export { KyselyStore, type KyselyStoreOptions } from './sql/kysely-store.js';
export { migrateStore } from './sql/migrations/index.js';
export type { SqlDialect, StoreSchema } from './sql/schema.js';
export { createSqliteStore, type SqliteStoreOptions } from './sql/sqlite-store.js';
export {
  openSqlite,
  type SqliteDatabase,
  type SqliteOptions,
  type SqliteSynchronous,
} from './sqlite/database.js';
export { SqliteDirectory } from './sqlite/directory.js';
export { SqliteTableLog, type SqliteTableLogOptions } from './sqlite/table-log.js';
