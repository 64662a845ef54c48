// The in-memory CatalogCache against the CatalogCache contract.
import { MemoryCatalogCache } from '../../src/adapters/memory/catalog-cache.js';
import { describeCatalogCacheContract } from '../ports/catalog-cache.contract.js';

describeCatalogCacheContract('MemoryCatalogCache', () => {
  const adapter = new MemoryCatalogCache();
  return Promise.resolve({ adapter, cleanup: () => adapter.close(), peer: () => Promise.resolve(adapter) });
});
