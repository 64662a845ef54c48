// KyselyStore on SQLite against the Store contract: in a file (with restart) and in memory.
import { join } from 'node:path';
import { createSqliteStore } from '../../src/adapters/sql/sqlite-store.js';
import type { Store } from '../../src/ports/store.js';
import type { AdapterHarness } from '../ports/harness.js';
import { describeStoreContract } from '../ports/store.contract.js';
import { makeTempDir } from './temp-dir.js';

async function fileHarness(): Promise<AdapterHarness<Store>> {
  const dir = makeTempDir('store');
  const file = join(dir.path, 'store.db');
  const open: Store[] = [await createSqliteStore(file)];
  return {
    adapter: open[0]!,
    reopen: async () => {
      await open[0]!.close();
      const store = await createSqliteStore(file);
      open.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.allSettled(open.map((s) => s.close()));
      dir.remove();
    },
  };
}

describeStoreContract('KyselyStore on SQLite (file)', fileHarness);

describeStoreContract('KyselyStore on SQLite (:memory:)', async () => {
  const adapter = await createSqliteStore(':memory:');
  return { adapter, cleanup: () => adapter.close() };
});
