// The embedded node's storage: one data directory, everything survives a restart together.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStorage } from '../../src/adapters/embedded.js';
import { FencedError } from '../../src/ports/errors.js';
import { makeTempDir } from './temp-dir.js';

describe('embedded storage', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('embedded');
  });
  afterEach(() => dir.remove());

  it('keeps log, directory and store in one data directory across a restart', async () => {
    const dataDir = join(dir.path, 'data');
    let storage = await openEmbeddedStorage({ dataDir });
    const own = (await storage.directory.acquire('t1', 'node'))!;
    await storage.tableLog.fence('t1', own.epoch);
    // Not awaited one by one: the group commit takes both in one transaction.
    await Promise.all([
      storage.tableLog.append('t1', own.epoch, 1, ['a']),
      storage.tableLog.append('t1', own.epoch, 2, ['b']),
    ]);
    const account = await storage.store.createAccount({ kind: 'guest', nickname: 'g' });
    await storage.store.grant('g1', account.id, 100);
    await storage.store.buyIn('b1', account.id, 't1', 40);
    await storage.close();
    expect(existsSync(join(dataDir, 'log.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'store.db'))).toBe(true);

    storage = await openEmbeddedStorage({ dataDir });
    const again = (await storage.directory.acquire('t1', 'node', own.epoch))!;
    await storage.tableLog.fence('t1', again.epoch);
    expect((await storage.tableLog.read('t1', 1)).map((e) => e.data)).toEqual(['a', 'b']);
    await expect(storage.tableLog.append('t1', own.epoch, 3, ['stale'])).rejects.toBeInstanceOf(FencedError);
    expect(await storage.store.balance(account.id)).toBe(60);
    const audit = await storage.store.audit();
    expect(audit.balanced).toBe(true);
    expect(audit.atTables.get('t1')).toBe(40);
    await storage.close();
  });

  it('commits appends still queued when it is closed', async () => {
    const dataDir = join(dir.path, 'data');
    let storage = await openEmbeddedStorage({ dataDir });
    const pending = storage.tableLog.append('t1', 1, 1, ['queued']);
    await storage.close();
    expect(await pending).toBe(1);
    storage = await openEmbeddedStorage({ dataDir });
    expect(await storage.tableLog.lastSeq('t1')).toBe(1);
    await storage.close();
  });
});
