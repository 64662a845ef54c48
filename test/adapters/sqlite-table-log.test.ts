// SqliteTableLog against the TableLog contract, on a real file in a temp directory: peers are
// separate connections to the same file, reopen is a fresh connection after closing.
import { join } from 'node:path';
import { SqliteTableLog } from '../../src/adapters/sqlite/table-log.js';
import type { TableLog } from '../../src/ports/table-log.js';
import type { AdapterHarness } from '../ports/harness.js';
import { describeTableLogContract } from '../ports/table-log.contract.js';
import { makeTempDir } from './temp-dir.js';

function harness(): Promise<AdapterHarness<TableLog>> {
  const dir = makeTempDir('log');
  const file = join(dir.path, 'log.db');
  const open: SqliteTableLog[] = [new SqliteTableLog(file)];
  return Promise.resolve({
    adapter: open[0]!,
    peer: () => {
      const log = new SqliteTableLog(file);
      open.push(log);
      return Promise.resolve(log);
    },
    reopen: async () => {
      await open[0]!.close();
      const log = new SqliteTableLog(file);
      open.push(log);
      return log;
    },
    cleanup: async () => {
      await Promise.all(open.map((log) => log.close()));
      dir.remove();
    },
  });
}

describeTableLogContract('SqliteTableLog (file, synchronous=NORMAL)', harness);

describeTableLogContract('SqliteTableLog (:memory:, no group commit)', () => {
  const adapter = new SqliteTableLog(':memory:', { groupCommit: false });
  return Promise.resolve({ adapter, cleanup: () => adapter.close() });
});
