// SqliteDirectory against the Directory contract, plus the property the embedded node's restart
// depends on: epochs it hands out after a restart pass the fences the SQLite TableLog stored.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/database.js';
import { SqliteDirectory } from '../../src/adapters/sqlite/directory.js';
import { SqliteTableLog } from '../../src/adapters/sqlite/table-log.js';
import type { Directory } from '../../src/ports/directory.js';
import { FencedError } from '../../src/ports/errors.js';
import type { AdapterHarness } from '../ports/harness.js';
import { describeDirectoryContract } from '../ports/directory.contract.js';
import { makeTempDir } from './temp-dir.js';

function harness(): Promise<AdapterHarness<Directory>> {
  const dir = makeTempDir('dir');
  const file = join(dir.path, 'log.db');
  const open: SqliteDirectory[] = [new SqliteDirectory(file)];
  return Promise.resolve({
    adapter: open[0]!,
    peer: () => {
      const directory = new SqliteDirectory(file);
      open.push(directory);
      return Promise.resolve(directory);
    },
    reopen: async () => {
      await open[0]!.close();
      const directory = new SqliteDirectory(file);
      open.push(directory);
      return directory;
    },
    cleanup: async () => {
      await Promise.all(open.map((d) => d.close()));
      dir.remove();
    },
  });
}

describeDirectoryContract('SqliteDirectory (file)', harness);

describe('SqliteDirectory with SqliteTableLog on one connection', () => {
  it('re-acquires a table after a restart with an epoch the log accepts and the old owner cannot match', async () => {
    const dir = makeTempDir('restart');
    try {
      const file = join(dir.path, 'log.db');
      let db = openSqlite(file);
      let directory = new SqliteDirectory(db);
      let log = new SqliteTableLog(db);
      const first = (await directory.acquire('t1', 'node-1'))!;
      await log.fence('t1', first.epoch);
      await log.append('t1', first.epoch, 1, ['a', 'b']);
      // Simulated crash: the connection goes away without releasing anything.
      db.close();

      db = openSqlite(file);
      directory = new SqliteDirectory(db);
      log = new SqliteTableLog(db);
      const again = (await directory.acquire('t1', 'node-1', first.epoch))!;
      expect(again.epoch).toBeGreaterThan(first.epoch);
      await log.fence('t1', again.epoch);
      expect(await log.append('t1', again.epoch, (await log.lastSeq('t1')) + 1, ['c'])).toBe(3);
      await expect(log.append('t1', first.epoch, 4, ['stale'])).rejects.toBeInstanceOf(FencedError);
      // Closing the adapters leaves the shared connection to its owner.
      await directory.close();
      await log.close();
      expect(db.open).toBe(true);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
