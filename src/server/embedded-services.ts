// The embedded default: everything one node needs, with no external service. The TableLog and the
// Directory share one SQLite file (their writes are synchronous, one transaction each); the Store
// has its own file and connection (kysely holds transactions across awaits). The Bus is in memory:
// on one node nobody else listens.

import { join } from 'node:path';
import { MemoryBus } from '../adapters/memory/bus.js';
import { createSqliteStore } from '../adapters/sql/sqlite-store.js';
import { openSqlite } from '../adapters/sqlite/database.js';
import { SqliteDirectory } from '../adapters/sqlite/directory.js';
import { SqliteTableLog } from '../adapters/sqlite/table-log.js';
import type { Config } from './config.js';
import { createAuth } from './accounts-auth-service.js';
import type { Logger } from './ops/logger.js';
import type { NodeSecrets, NodeServices } from './node.js';

export async function createEmbeddedServices(
  config: Config,
  secrets: NodeSecrets,
  logger: Logger,
): Promise<NodeServices> {
  // Exclusive: a data directory belongs to one node process, and per-transaction file locks are
  // a measurable part of every commit. A 10,000-page WAL (≈ 40 MB) checkpoints a tenth as often
  // as SQLite's default, copying each hot page back once per checkpoint (database.ts).
  const sqlite = { synchronous: config.sqliteSynchronous, exclusive: true, walAutocheckpointPages: 10_000 };
  const store = await createSqliteStore(join(config.dataDir, 'pitboss.db'), sqlite);
  const tablesDb = openSqlite(join(config.dataDir, 'tables.db'), sqlite);
  const log = new SqliteTableLog(tablesDb, { ...sqlite, soleWriter: true });
  const directory = new SqliteDirectory(tablesDb, sqlite);
  const bus = new MemoryBus({
    onHandlerError: (error, topic) => logger.warn({ err: error, topic }, 'bus handler failed'),
  });
  return {
    store,
    log,
    directory,
    bus,
    auth: createAuth(config, secrets.tokenSecret, store),
    async close() {
      await bus.close();
      await log.close();
      await directory.close();
      tablesDb.close();
      await store.close();
    },
  };
}
