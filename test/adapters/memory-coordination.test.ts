// The in-memory Directory and Bus against their contracts. Peers share one backing object, as
// several nodes in one test process would.
import { MemoryBus, MemoryBusHub } from '../../src/adapters/memory/bus.js';
import { MemoryDirectory } from '../../src/adapters/memory/directory.js';
import { describeBusContract } from '../ports/bus.contract.js';
import { describeDirectoryContract } from '../ports/directory.contract.js';

describeDirectoryContract('MemoryDirectory', () => {
  const adapter = new MemoryDirectory();
  return Promise.resolve({ adapter, cleanup: () => adapter.close(), peer: () => Promise.resolve(adapter) });
});

describeBusContract('MemoryBus', () => {
  const hub = new MemoryBusHub();
  const buses = [new MemoryBus({ hub })];
  return Promise.resolve({
    adapter: buses[0]!,
    peer: () => {
      const bus = new MemoryBus({ hub });
      buses.push(bus);
      return Promise.resolve(bus);
    },
    cleanup: async () => {
      await Promise.all(buses.map((b) => b.close()));
    },
  });
});
