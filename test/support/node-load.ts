// A node's load as the registry carries it, for tests: every field present, idle unless patched.
import type { NodeLoad } from '../../src/ports/registry.js';

export function nodeLoad(patch: Partial<NodeLoad> = {}): NodeLoad {
  return {
    tables: 0,
    players: 0,
    cpu: 0,
    loopLagMs: 0,
    memory: 0,
    errorRate: 0,
    tablesCreatedPerMinute: 0,
    seatQueue: 0,
    ...patch,
  };
}
