// The CatalogCache contract: a table's record kept beside its log comes back exactly as it was
// written — to another client of the same service too — and is gone once forgotten.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogCache } from '../../src/ports/catalog-cache.js';
import type { TableRecord } from '../../src/ports/store.js';
import type { AdapterHarness, MakeAdapter } from './harness.js';

const RECORD: TableRecord = {
  id: 't-cached1',
  game: 'holdem',
  name: "Ann's table",
  config: { rules: { seats: 6, smallBlind: 5 }, options: { bots: 2, turnSeconds: 20 } },
  seed: 'ab'.repeat(32),
  createdBy: 'acc-1',
  createdAt: 1_700_000_000_000,
  closedAt: null,
};

export function describeCatalogCacheContract(name: string, makeAdapter: MakeAdapter<CatalogCache>): void {
  describe(`CatalogCache contract: ${name}`, () => {
    let harness: AdapterHarness<CatalogCache>;
    let cache: CatalogCache;

    beforeEach(async () => {
      harness = await makeAdapter();
      cache = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('gives back a kept record exactly, to another client as well, and nothing for an unknown table', async () => {
      await cache.remember(RECORD);
      expect(await cache.recall(RECORD.id)).toEqual(RECORD);
      const peer = harness.peer ? await harness.peer() : cache;
      expect(await peer.recall(RECORD.id)).toEqual(RECORD);
      expect(await cache.recall('t-never')).toBeNull();
    });

    it('keeps the newest write, and forgets a table closed for good', async () => {
      await cache.remember(RECORD);
      await cache.remember({ ...RECORD, name: 'Renamed' });
      expect((await cache.recall(RECORD.id))?.name).toBe('Renamed');
      await cache.forget(RECORD.id);
      expect(await cache.recall(RECORD.id)).toBeNull();
      await cache.forget('t-never');
    });
  });
}
