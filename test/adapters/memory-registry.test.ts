// The in-memory Registry against the Registry contract; peers share one instance, as several
// nodes in one test process would.
import { MemoryRegistry } from '../../src/adapters/memory/registry.js';
import { describeRegistryContract } from '../ports/registry.contract.js';

describeRegistryContract('MemoryRegistry', () => {
  const adapter = new MemoryRegistry();
  return Promise.resolve({ adapter, cleanup: () => adapter.close(), peer: () => Promise.resolve(adapter) });
});
