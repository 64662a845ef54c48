// The in-memory AutoscaleState against its contract; peers share one instance, as several
// controllers in one test process would.
import { MemoryAutoscaleState } from '../../src/adapters/memory/autoscale-state.js';
import { describeAutoscaleStateContract } from '../ports/autoscale-state.contract.js';

describeAutoscaleStateContract('MemoryAutoscaleState', () => {
  const adapter = new MemoryAutoscaleState();
  return Promise.resolve({ adapter, cleanup: () => adapter.close(), peer: () => Promise.resolve(adapter) });
});
