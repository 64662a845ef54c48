// Placement strategies over live members: only ready nodes, least load first, and rendezvous
// hashing that keeps a key on its node and moves only that node's share when one goes away.

import { describe, expect, it } from 'vitest';
import { leastLoaded, rendezvous } from '../../src/cluster/placement.js';
import type { Member, NodeState } from '../../src/ports/registry.js';
import { nodeLoad } from '../support/node-load.js';

function member(nodeId: string, tables: number, players = 0, state: NodeState = 'ready'): Member {
  return {
    nodeId,
    address: `ws://127.0.0.1/${nodeId}`,
    state,
    load: nodeLoad({ tables, players }),
    startedAt: 0,
    leaseExpiresAt: 0,
  };
}

describe('least-loaded placement', () => {
  it('picks the node with the least tables and players, counting pending placements', () => {
    const members = [member('a', 5, 30), member('b', 2, 6), member('c', 2, 60)];
    expect(leastLoaded.choose(members, 'k')?.nodeId).toBe('b');
    expect(leastLoaded.choose(members, 'k', new Map([['b', 8]]))?.nodeId).toBe('a'); // a 10, b 3+8, c 12
  });

  it('never picks a node that is starting or draining, and picks nothing when none is ready', () => {
    const members = [member('a', 0, 0, 'draining'), member('b', 0, 0, 'starting'), member('c', 9)];
    expect(leastLoaded.choose(members, 'k')?.nodeId).toBe('c');
    expect(leastLoaded.choose(members.slice(0, 2), 'k')).toBeNull();
  });
});

describe('rendezvous placement', () => {
  it('keeps each key on one node, spreads keys, and moves only the lost node’s keys', () => {
    const three = [member('a', 0), member('b', 0), member('c', 0)];
    const keys = Array.from({ length: 300 }, (_, i) => `table-${i}`);
    const before = new Map(keys.map((k) => [k, rendezvous.choose(three, k)?.nodeId]));
    expect(new Set(before.values())).toEqual(new Set(['a', 'b', 'c']));
    for (const k of keys) expect(rendezvous.choose(three, k)?.nodeId).toBe(before.get(k));
    const two = three.filter((m) => m.nodeId !== 'b');
    for (const k of keys) {
      const after = rendezvous.choose(two, k)?.nodeId;
      if (before.get(k) !== 'b') expect(after).toBe(before.get(k));
      else expect(['a', 'c']).toContain(after);
    }
    expect(rendezvous.choose([member('x', 0, 0, 'draining')], 'k')).toBeNull();
  });
});
