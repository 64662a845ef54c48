// In-memory Registry: the reference implementation, for tests and several nodes in one process
// (hand every node the same instance). Time comes from `now` (default Date.now).

import type { Subscription } from '../../ports/bus.js';
import type { Member, MembershipChange, NodeInfo, Registry } from '../../ports/registry.js';
import { watchMembers } from '../membership-watch.js';

export class MemoryRegistry implements Registry {
  readonly #now: () => number;
  readonly #members = new Map<string, Member>();
  readonly #watches = new Set<Subscription>();

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  heartbeat(info: NodeInfo, leaseMs: number): Promise<'joined' | 'renewed'> {
    const now = this.#now();
    const previous = this.#members.get(info.nodeId);
    const alive = previous !== undefined && previous.leaseExpiresAt > now;
    this.#members.set(info.nodeId, { ...copy(info), leaseExpiresAt: now + leaseMs });
    return Promise.resolve(alive ? 'renewed' : 'joined');
  }

  leave(nodeId: string): Promise<void> {
    this.#members.delete(nodeId);
    return Promise.resolve();
  }

  members(): Promise<Member[]> {
    const now = this.#now();
    const live = [...this.#members.values()].filter((m) => m.leaseExpiresAt > now);
    return Promise.resolve(live.sort((a, b) => a.nodeId.localeCompare(b.nodeId)));
  }

  async watch(listener: (change: MembershipChange) => void, pollMs = 250): Promise<Subscription> {
    const subscription = await watchMembers(() => this.members(), listener, pollMs);
    this.#watches.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#watches].map((w) => w.unsubscribe()));
    this.#watches.clear();
  }
}

function copy(info: NodeInfo): NodeInfo {
  return { ...info, load: { ...info.load } };
}
