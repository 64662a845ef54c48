// SqliteTableLog against the TableLog contract, on a real file in a temp directory: peers are
// separate connections to the same file, reopen is a fresh connection after closing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FencedError, SequenceConflictError } from '../../src/ports/errors.js';
import { openSqlite } from '../../src/adapters/sqlite/database.js';
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

// The node's own data directory: one exclusive connection that keeps each table's fence and last
// seq in memory, and a WAL checkpointed every few pages here (10,000 on a node) so the contract
// also runs across checkpoints. Reopen is a fresh connection (and an empty cache) after closing.
function soleWriterHarness(): Promise<AdapterHarness<TableLog>> {
  const dir = makeTempDir('log');
  const file = join(dir.path, 'log.db');
  const options = { exclusive: true, soleWriter: true, walAutocheckpointPages: 4 } as const;
  const open: SqliteTableLog[] = [new SqliteTableLog(file, options)];
  return Promise.resolve({
    adapter: open[0]!,
    reopen: async () => {
      await open[0]!.close();
      const log = new SqliteTableLog(file, options);
      open.push(log);
      return log;
    },
    cleanup: async () => {
      await Promise.all(open.map((log) => log.close()));
      dir.remove();
    },
  });
}

describeTableLogContract('SqliteTableLog (exclusive, sole writer: meta kept in memory)', soleWriterHarness);

describe('openSqlite', () => {
  it("sets the WAL's checkpoint threshold when asked, and keeps SQLite's default otherwise", () => {
    const dir = makeTempDir('wal');
    try {
      const tuned = openSqlite(join(dir.path, 'tuned.db'), { walAutocheckpointPages: 10_000 });
      const plain = openSqlite(join(dir.path, 'plain.db'));
      expect(tuned.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      expect(plain.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
      tuned.close();
      plain.close();
    } finally {
      dir.remove();
    }
  });
});

describe('SqliteTableLog as sole writer', () => {
  it('forgets what a rolled-back append created: a refused first append leaves no phantom table', async () => {
    for (const groupCommit of [true, false]) {
      const log = new SqliteTableLog(':memory:', { soleWriter: true, groupCommit });
      // The first append of a new table creates its meta row, then fails the seq check.
      await expect(log.append('t1', 1, 2, ['x'])).rejects.toBeInstanceOf(SequenceConflictError);
      await log.append('t1', 1, 1, ['a']);
      await log.append('t1', 1, 2, ['b']);
      expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(['a', 'b']);
      expect(await log.lastSeq('t1')).toBe(2);
      await log.close();
    }
  });

  it('a raised fence and a later snapshot are seen by the next check without reading the file', async () => {
    const log = new SqliteTableLog(':memory:', { soleWriter: true });
    await log.append('t1', 1, 1, ['a']);
    await log.fence('t1', 3);
    await expect(log.append('t1', 2, 2, ['b'])).rejects.toBeInstanceOf(FencedError);
    await log.writeSnapshot('t1', 3, { seq: 5, data: 'snap' });
    expect(await log.lastSeq('t1')).toBe(5);
    await expect(log.append('t1', 3, 2, ['b'])).rejects.toBeInstanceOf(SequenceConflictError);
    await log.append('t1', 3, 6, ['f']);
    await log.destroy('t1');
    expect(await log.lastSeq('t1')).toBe(0);
    await log.append('t1', 1, 1, ['again']);
    expect((await log.read('t1', 1)).map((e) => e.data)).toEqual(['again']);
    await log.close();
  });
});
