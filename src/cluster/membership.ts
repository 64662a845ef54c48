// This node's membership in the cluster: it keeps itself listed in the Registry under a lease
// (a heartbeat every `heartbeatMs`, a lease of `leaseMs`, so a few late heartbeats never make it
// "dead"), publishes its state and load with every beat, and keeps a fresh list of the other
// members (their link addresses, states and loads) for placement and node links.

import type { Logger } from '../server/ops/logger.js';
import type { Member, MembershipChange, NodeLoad, NodeState, Registry } from '../ports/registry.js';
import type { Subscription } from '../ports/bus.js';

export interface MembershipOptions {
  readonly registry: Registry;
  readonly nodeId: string;
  readonly heartbeatMs: number;
  readonly leaseMs: number;
  readonly load: () => NodeLoad;
  readonly logger: Logger;
  readonly startedAt: number;
}

export class Membership {
  readonly #o: MembershipOptions;
  #state: NodeState = 'starting';
  #members = new Map<string, Member>();
  #timer: NodeJS.Timeout | null = null;
  #watch: Subscription | null = null;
  #registered = false;
  #stopped = false;
  #address = '';
  /** When the registry last took a heartbeat of ours, and since when it has without a gap. */
  #lastBeatAt = 0;
  #healthySince = 0;
  readonly #listeners = new Set<(change: MembershipChange) => void>();
  readonly #lostLease = new Set<() => void>();

  constructor(options: MembershipOptions) {
    this.#o = options;
  }

  get state(): NodeState {
    return this.#state;
  }

  /**
   * Registers at `address` (the node-to-node link URL, known once the node listens) in state
   * `starting`, then heartbeats and watches the other members.
   */
  async start(address: string): Promise<void> {
    this.#address = address;
    await this.#beat();
    this.#watch = await this.#o.registry.watch((change) => {
      if (change.kind === 'left') this.#members.delete(change.nodeId);
      else this.#members.set(change.member.nodeId, change.member);
      for (const listener of this.#listeners) listener(change);
    }, this.#o.heartbeatMs);
    this.#members = new Map((await this.#o.registry.members()).map((m) => [m.nodeId, m]));
    this.#schedule();
  }

  /** Changes this node's state and tells the cluster at once. */
  async setState(state: NodeState): Promise<void> {
    this.#state = state;
    await this.#beat().catch((error: unknown) => this.#o.logger.warn({ err: error }, 'heartbeat failed'));
  }

  /** Every join, update and leave (clean, or a lease that ran out) from now on. */
  onChange(listener: (change: MembershipChange) => void): void {
    this.#listeners.add(listener);
  }

  /** Called when this node finds its own lease had expired (it was frozen; others took over). */
  onLeaseLost(listener: () => void): void {
    this.#lostLease.add(listener);
  }

  members(): Member[] {
    return [...this.#members.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  addressOf(nodeId: string): string | null {
    return this.#members.get(nodeId)?.address ?? null;
  }

  isLive(nodeId: string): boolean {
    return this.#members.has(nodeId);
  }

  /** Leaves the registry (a clean exit: the others see it go at once). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#watch?.unsubscribe();
    await this.#o.registry.leave(this.#o.nodeId).catch(() => undefined);
  }

  async #beat(): Promise<void> {
    const info = {
      nodeId: this.#o.nodeId,
      address: this.#address,
      state: this.#state,
      load: this.#o.load(),
      startedAt: this.#o.startedAt,
    };
    const result = await this.#o.registry.heartbeat(info, this.#o.leaseMs);
    if (result === 'joined' && this.#registered) {
      // Our lease ran out: the cluster treated this node as dead meanwhile (issue 11 handles
      // what that means for its tables; the fence already stops any write of ours).
      this.#o.logger.warn({ nodeId: this.#o.nodeId }, 'membership lease had expired; rejoined');
      for (const listener of this.#lostLease) listener();
    }
    this.#registered = true;
    const now = Date.now();
    if (now - this.#lastBeatAt > this.#o.leaseMs) this.#healthySince = now;
    this.#lastBeatAt = now;
    this.#members.set(info.nodeId, { ...info, leaseExpiresAt: now + this.#o.leaseMs });
  }

  /** Whether the registry took one of our heartbeats within the lease (Redis is reachable). */
  healthy(): boolean {
    return Date.now() - this.#lastBeatAt <= this.#o.leaseMs;
  }

  /**
   * How long to wait before trusting that a node whose lease ran out is dead: while we ourselves
   * could not reach the registry, nobody could heartbeat, so leases that ran out then prove
   * nothing. Zero once we have been healthy for a whole lease.
   */
  judgeableIn(): number {
    if (!this.healthy()) return this.#o.leaseMs;
    return Math.max(0, this.#healthySince + this.#o.leaseMs - Date.now());
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#beat()
        .catch((error: unknown) => this.#o.logger.warn({ err: error }, 'heartbeat failed'))
        .finally(() => this.#schedule());
    }, this.#o.heartbeatMs);
  }
}
