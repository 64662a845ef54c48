// Registry: cluster membership. Each node keeps itself listed under a lease it renews with
// heartbeats; a node is dead when its lease expires — never because one heartbeat was late. The
// lease is measured on the registry's own clock (Redis TIME for the Redis adapter), so the nodes'
// clocks may disagree. Contract: test/ports/registry.contract.ts.

import type { Subscription } from './bus.js';

export type NodeState = 'starting' | 'ready' | 'draining';

export interface NodeLoad {
  readonly tables: number;
  readonly players: number;
  /** Process CPU use over the last interval, 0–1 per core used. */
  readonly cpu: number;
  readonly loopLagMs: number;
  /** Resident memory as a share of what the process may use (its cgroup limit, else the machine's RAM), 0–1. */
  readonly memory: number;
  /** Error replies and rejections per client message since the previous report, 0–1. */
  readonly errorRate: number;
  /** Tables created on this node per minute since the previous report (takeovers not counted). */
  readonly tablesCreatedPerMinute: number;
  /** Players waiting for a seat. Pitboss has no seat wait-list yet, so nodes report 0. */
  readonly seatQueue: number;
}

export interface NodeInfo {
  readonly nodeId: string;
  /** Where other nodes reach this one (node-to-node link), e.g. `ws://127.0.0.1:9301/cluster`. */
  readonly address: string;
  readonly state: NodeState;
  readonly load: NodeLoad;
  readonly startedAt: number;
}

export interface Member extends NodeInfo {
  /** When the lease runs out, on the registry's clock (epoch ms). */
  readonly leaseExpiresAt: number;
}

export type MembershipChange =
  | { readonly kind: 'joined' | 'updated'; readonly member: Member }
  | { readonly kind: 'left'; readonly nodeId: string };

export interface Registry {
  /**
   * Lists or renews `info` under a lease of `leaseMs`. 'joined' when the node was not listed — the
   * first heartbeat, or one after its lease had expired: the cluster has treated it as dead
   * meanwhile (its tables may have been taken), so it must rejoin as a fresh member.
   */
  heartbeat(info: NodeInfo, leaseMs: number): Promise<'joined' | 'renewed'>;

  /** Removes the node at once (a clean exit). */
  leave(nodeId: string): Promise<void>;

  /** Live members (lease not expired), sorted by node id. */
  members(): Promise<Member[]>;

  /**
   * Calls `listener` with every change from now on: joins, updates (state or address), and leaves
   * (clean or by expiry), noticed within `pollMs`. The first call lists the current members as
   * 'joined'.
   */
  watch(listener: (change: MembershipChange) => void, pollMs?: number): Promise<Subscription>;

  close(): Promise<void>;
}
