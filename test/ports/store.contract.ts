// The Store contract: accounts, the wallet ledger, the table catalog and hand histories. The
// kysely store runs it on SQLite now and will on PostgreSQL; every check goes through the port.

import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/ports/store.js';
import type { AdapterHarness, MakeAdapter } from './harness.js';
import { describeStoreAccounts } from './store-accounts.cases.js';
import { describeStoreCatalog } from './store-catalog.cases.js';
import { describeStoreWallet } from './store-wallet.cases.js';

export function describeStoreContract(name: string, makeAdapter: MakeAdapter<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: AdapterHarness<Store> | undefined;

    beforeEach(async () => {
      harness = await makeAdapter();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    const current = (): AdapterHarness<Store> => {
      if (!harness) throw new Error('no store: used outside a test');
      return harness;
    };
    describeStoreAccounts(current);
    describeStoreWallet(current);
    describeStoreCatalog(current);
  });
}
