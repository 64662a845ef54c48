// The Registry contract: membership under leases. Every adapter (memory, Redis) runs it unchanged.
// Leases here are short real-time ones; the suite waits for behaviour (an expiry, a change) with
// polling, never asserting how long anything took.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MembershipChange, NodeInfo, Registry } from '../../src/ports/registry.js';
import { nodeLoad } from '../support/node-load.js';
import type { AdapterHarness, MakeAdapter } from './harness.js';

function node(nodeId: string, patch: Partial<NodeInfo> = {}): NodeInfo {
  return {
    nodeId,
    address: `ws://127.0.0.1:9${nodeId.length}00/cluster`,
    state: 'ready',
    load: nodeLoad({ tables: 3, players: 12, cpu: 0.25, loopLagMs: 1.5, memory: 0.3, errorRate: 0.01 }),
    startedAt: 1_700_000_000_000,
    ...patch,
  };
}

const LONG = 60_000;
const SHORT = 300;

export function describeRegistryContract(name: string, makeAdapter: MakeAdapter<Registry>): void {
  describe(`Registry contract: ${name}`, () => {
    let harness: AdapterHarness<Registry>;
    let registry: Registry;

    beforeEach(async () => {
      harness = await makeAdapter();
      registry = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('lists a node after its first heartbeat, with everything it said about itself', async () => {
      expect(await registry.members()).toEqual([]);
      expect(await registry.heartbeat(node('node-b'), LONG)).toBe('joined');
      expect(await registry.heartbeat(node('node-a', { state: 'starting' }), LONG)).toBe('joined');
      const members = await registry.members();
      expect(members.map((m) => m.nodeId)).toEqual(['node-a', 'node-b']);
      expect(members[1]).toMatchObject(node('node-b'));
      expect(members[0]?.state).toBe('starting');
      expect(members[1]!.leaseExpiresAt).toBeGreaterThan(Date.now() + LONG / 2);
    });

    it('renews a live lease and takes the newest state and load', async () => {
      await registry.heartbeat(node('node-a'), LONG);
      const draining = node('node-a', {
        state: 'draining',
        load: nodeLoad(),
      });
      expect(await registry.heartbeat(draining, LONG)).toBe('renewed');
      expect(await registry.members()).toEqual([expect.objectContaining(draining)]);
    });

    it('drops a node whose lease expired, and says joined when it comes back', async () => {
      await registry.heartbeat(node('node-a'), SHORT);
      await registry.heartbeat(node('node-b'), LONG);
      await vi.waitFor(
        async () => expect((await registry.members()).map((m) => m.nodeId)).toEqual(['node-b']),
        {
          timeout: 10_000,
          interval: 50,
        },
      );
      // A zombie's next heartbeat learns it was considered dead.
      expect(await registry.heartbeat(node('node-a'), LONG)).toBe('joined');
      expect((await registry.members()).map((m) => m.nodeId)).toEqual(['node-a', 'node-b']);
    });

    it('forgets a node that leaves at once', async () => {
      await registry.heartbeat(node('node-a'), LONG);
      await registry.leave('node-a');
      expect(await registry.members()).toEqual([]);
      await registry.leave('never-there');
    });

    it('reports joins, updates and leaves (clean or by expiry) to a watcher', async () => {
      await registry.heartbeat(node('node-a'), LONG);
      const changes: MembershipChange[] = [];
      const watching = await registry.watch((c) => changes.push(c), 50);
      expect(changes.map((c) => (c.kind === 'left' ? c.nodeId : [c.kind, c.member.nodeId]))).toEqual([
        ['joined', 'node-a'],
      ]);
      await registry.heartbeat(node('node-b'), SHORT);
      await registry.heartbeat(node('node-a', { state: 'draining' }), LONG);
      const seen = (kind: string, id: string) =>
        changes.some((c) => c.kind === kind && (c.kind === 'left' ? c.nodeId : c.member.nodeId) === id);
      await vi.waitFor(() => expect(seen('joined', 'node-b') && seen('updated', 'node-a')).toBe(true), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(seen('left', 'node-b')).toBe(true), { timeout: 10_000 });
      // A new load is an update too: placement elsewhere reads it from the watcher's list.
      const busy = nodeLoad({ tables: 40, players: 12, cpu: 0.25, loopLagMs: 1.5, memory: 0.3 });
      await registry.heartbeat(node('node-a', { state: 'draining', load: busy }), LONG);
      await vi.waitFor(
        () =>
          expect(
            changes.some(
              (c) => c.kind === 'updated' && c.member.nodeId === 'node-a' && c.member.load.tables === 40,
            ),
          ).toBe(true),
        { timeout: 10_000 },
      );
      await registry.leave('node-a');
      await vi.waitFor(() => expect(seen('left', 'node-a')).toBe(true), { timeout: 10_000 });
      await watching.unsubscribe();
      const count = changes.length;
      await registry.heartbeat(node('node-c'), LONG);
      await new Promise((r) => setTimeout(r, 200));
      expect(changes).toHaveLength(count);
    });

    it('shows every client of the same backing service the same members', async (ctx) => {
      if (!harness.peer) return ctx.skip();
      const other = await harness.peer();
      await registry.heartbeat(node('node-a'), LONG);
      await other.heartbeat(node('node-b'), LONG);
      expect((await other.members()).map((m) => m.nodeId)).toEqual(['node-a', 'node-b']);
      expect(await other.heartbeat(node('node-a'), LONG)).toBe('renewed');
    });
  });
}
