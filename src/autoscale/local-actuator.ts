// The `local` actuator: scales up by starting `pitboss serve` processes on this machine (each
// joins the cluster through the shared Redis and PostgreSQL it is configured with) and down by
// asking a node to drain through its operator API — the same request `pitboss drain` makes — after
// which it hands its tables to the others and exits. What `pitboss cluster --autoscale` and the
// end-to-end test use.

import type { NodeChild } from '../launcher/node-child.js';
import type { Member } from '../ports/registry.js';
import type { Logger } from '../server/ops/logger.js';
import type { Actuator } from './controller.js';

export interface LocalActuatorOptions {
  /** Starts one node process named `nodeId`; resolves once it answers (its ready line). */
  readonly launch: (nodeId: string) => Promise<NodeChild>;
  /** The next unused node name. */
  readonly nextNodeId: () => string;
  /** The admin token every node of the cluster accepts. */
  readonly adminToken: string;
  readonly logger: Logger;
  /** Called with each node started (e.g. to show it in `pitboss cluster`'s status line). */
  readonly onStarted?: (node: NodeChild) => void;
}

export class LocalActuator implements Actuator {
  readonly kind = 'local';
  readonly #o: LocalActuatorOptions;
  readonly #started = new Map<string, NodeChild>();
  #launching = 0;

  constructor(options: LocalActuatorOptions) {
    this.#o = options;
  }

  launching(): number {
    return this.#launching;
  }

  /** The node processes this actuator started and that have not exited. */
  nodes(): NodeChild[] {
    return [...this.#started.values()].filter(
      (n) => n.child.exitCode === null && n.child.signalCode === null,
    );
  }

  async add(count: number): Promise<void> {
    const ids = Array.from({ length: count }, () => this.#o.nextNodeId());
    this.#launching += ids.length;
    const results = await Promise.allSettled(
      ids.map(async (nodeId) => {
        try {
          const node = await this.#o.launch(nodeId);
          this.#started.set(nodeId, node);
          node.child.once('exit', () => this.#started.delete(nodeId));
          this.#o.logger.info({ nodeId, port: node.port }, 'autoscaler started a node');
          this.#o.onStarted?.(node);
        } finally {
          this.#launching--;
        }
      }),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0)
      throw new Error(`${failed.length} of ${count} node(s) did not start`, { cause: failed[0]?.reason });
  }

  async remove(node: Member): Promise<void> {
    const base = httpBaseOf(node);
    const response = await fetch(`${base}/api/admin/drain`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#o.adminToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 202) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      throw new Error(
        `${node.nodeId} refused to drain (HTTP ${response.status}): ${body.error ?? 'no reason'}`,
      );
    }
    this.#o.logger.info({ nodeId: node.nodeId }, 'autoscaler is draining a node');
  }

  /** Stops the nodes this actuator started (SIGTERM: a graceful stop) and waits for them. */
  async close(): Promise<void> {
    await Promise.allSettled(this.nodes().map((n) => n.stop()));
  }
}

/**
 * A node's HTTP base from its registry address: the node-to-node link is served on the node's one
 * HTTP port at /cluster (`ws://host:port/cluster` → `http://host:port`).
 */
export function httpBaseOf(node: Pick<Member, 'address'>): string {
  const url = new URL(node.address);
  const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
  return `${scheme}//${url.host}`;
}
