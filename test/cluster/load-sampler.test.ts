// What a node heartbeats as its load: its counts, and rates since the previous sample.

import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { LoadSampler } from '../../src/cluster/load-sampler.js';

describe('LoadSampler', () => {
  it('reports the counts, errors per message and creations per minute since the last sample, and memory as a share', () => {
    let totals = { messagesIn: 100, errors: 1, tablesCreated: 2 };
    const sampler = new LoadSampler({ counts: () => ({ tables: 7, players: 40 }), totals: () => totals });
    try {
      totals = { messagesIn: 300, errors: 21, tablesCreated: 5 };
      const load = sampler.sample();
      expect(load).toMatchObject({ tables: 7, players: 40, errorRate: 0.1, seatQueue: 0 });
      expect(load.tablesCreatedPerMinute).toBeGreaterThan(0);
      // At least as full as the V8 heap is (the limit a Node process meets first), never over 1.
      const heap = getHeapStatistics();
      expect(load.memory).toBeGreaterThanOrEqual(
        Math.floor((heap.used_heap_size / heap.heap_size_limit) * 100) / 100 - 0.01,
      );
      expect(load.memory).toBeGreaterThan(0);
      expect(load.memory).toBeLessThanOrEqual(1);
      // Nothing new since: no errors, no creations.
      expect(sampler.sample()).toMatchObject({ errorRate: 0, tablesCreatedPerMinute: 0 });
    } finally {
      sampler.stop();
    }
  });
});
