import { MemoryTableLog } from '../../src/adapters/memory/table-log.js';
import { describeTableLogContract } from '../ports/table-log.contract.js';

describeTableLogContract('MemoryTableLog', () => {
  const adapter = new MemoryTableLog();
  return Promise.resolve({ adapter, cleanup: () => adapter.close(), peer: () => Promise.resolve(adapter) });
});
