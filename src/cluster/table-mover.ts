// Moving tables off this node, live: one table (an operator's move) or all of them (a drain). Each
// move is TableHost.handOff — the actor stops at a command boundary, the target takes the table over
// with a compare-and-set on our epoch (fence, snapshot, replay), commands that arrived meanwhile
// are held and then applied by the new owner. Targets are the other ready members, spread by the
// node's placement strategy with the moves already sent counted as load.

import { reject, type Rejection } from '../games/contract.js';
import type { Member } from '../ports/registry.js';
import type { TableRecord } from '../ports/store.js';
import { ErrorCode } from '../protocol/codes.js';
import type { Logger } from '../server/ops/logger.js';
import type { TableHost } from '../server/tables/table-host.js';
import { LinkResultSchemas } from './link-protocol.js';
import type { Membership } from './membership.js';
import type { NodeLinks } from './node-links.js';
import type { PlacementStrategy } from './placement.js';

/** Rounds over the tables a drain could not move yet (a target died, a link blinked). */
const DRAIN_ROUNDS = 5;
const DRAIN_ROUND_PAUSE_MS = 250;

export interface MoveAllResult {
  readonly moved: number;
  /** Tables still hosted here when the drain gave up (no target took them). */
  readonly left: number;
}

export class TableMover {
  readonly #nodeId: string;
  readonly #host: TableHost;
  readonly #membership: Membership;
  readonly #links: NodeLinks;
  readonly #placement: PlacementStrategy;
  readonly #logger: Logger;
  /** Tables sent to each node since the drain began (load they may not have reported yet). */
  readonly #sent = new Map<string, number>();

  constructor(deps: {
    nodeId: string;
    host: TableHost;
    membership: Membership;
    links: NodeLinks;
    placement: PlacementStrategy;
    logger: Logger;
  }) {
    this.#nodeId = deps.nodeId;
    this.#host = deps.host;
    this.#membership = deps.membership;
    this.#links = deps.links;
    this.#placement = deps.placement;
    this.#logger = deps.logger;
  }

  /** The members that can take tables from this node now. */
  targets(): Member[] {
    return this.#membership.members().filter((m) => m.state === 'ready' && m.nodeId !== this.#nodeId);
  }

  /** Moves one table to `to` (a ready node), or to where placement says. */
  async move(tableId: string, to?: string): Promise<{ ok: true; to: string } | Rejection> {
    if (!this.#host.get(tableId))
      return reject(ErrorCode.tableNotFound, `table ${tableId} is not hosted here`);
    const targets = this.targets();
    const target =
      to === undefined
        ? this.#placement.choose(targets, tableId, this.#sent)
        : (targets.find((m) => m.nodeId === to) ?? null);
    if (!target)
      return reject(
        ErrorCode.tableUnavailable,
        to === undefined ? 'no other node is ready to take the table' : `node ${to} is not a ready peer`,
      );
    this.#sent.set(target.nodeId, (this.#sent.get(target.nodeId) ?? 0) + 1);
    const moved = await this.#host.handOff(tableId, (record, epoch) =>
      this.#transfer(target.nodeId, record, epoch),
    );
    if (!moved) {
      this.#sent.set(target.nodeId, (this.#sent.get(target.nodeId) ?? 1) - 1);
      return reject(ErrorCode.tableUnavailable, `node ${target.nodeId} did not take table ${tableId}`);
    }
    return { ok: true, to: target.nodeId };
  }

  /**
   * Moves every table this node hosts, `concurrency` at a time, in a few rounds (a table whose
   * target failed is tried again, elsewhere). Stops early when no target is left.
   */
  async moveAll(concurrency: number): Promise<MoveAllResult> {
    this.#sent.clear();
    let moved = 0;
    for (let round = 1; round <= DRAIN_ROUNDS; round++) {
      const queue = this.#host.tables().map((actor) => actor.id);
      if (queue.length === 0 || this.targets().length === 0) break;
      const worker = async (): Promise<void> => {
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          const result = await this.move(id);
          if (result.ok) moved += 1;
          else this.#logger.warn({ table: id, code: result.code, round }, result.message);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
      if (this.#host.size > 0) await new Promise((resolve) => setTimeout(resolve, DRAIN_ROUND_PAUSE_MS));
    }
    return { moved, left: this.#host.size };
  }

  /** Asks `peer` to take the table over with a CAS on `epoch`; true once it serves it. */
  async #transfer(peer: string, record: TableRecord, epoch: number): Promise<boolean> {
    const tableId = record.id;
    const link = await this.#links.link(peer);
    const answer = await link.request({ op: 'adopt', table: tableId, epoch, record });
    const parsed = LinkResultSchemas.adopt.safeParse(answer);
    if (!parsed.success) throw new Error(`node ${peer} sent an invalid answer to adopt`);
    if (!parsed.data.ok)
      this.#logger.warn({ table: tableId, peer, code: parsed.data.code }, parsed.data.message);
    return parsed.data.ok;
  }
}
