// The operator HTTP API's documents (`/api/admin/*`, bearer admin token). Shared by the node that
// produces them and the operator page that reads them.

import type { DecisionRecord } from '../ports/autoscale-state.js';
import type { TableSummary } from './messages.js';

export type { DecisionRecord };

/** `GET /api/admin/overview`: one node. A cluster endpoint answers `{ nodes: NodeOverview[] }`. */
export interface NodeOverview {
  readonly node: string;
  readonly now: number;
  readonly startedAt: number;
  readonly connections: number;
  readonly players: number;
  readonly handsTotal: number;
  readonly actionsTotal: number;
  /** Estimated from the action-latency histogram's buckets (upper bound of the bucket holding the quantile). */
  readonly actionLatencyMs: { readonly p50: number | null; readonly p99: number | null };
  readonly eventLoopLagMs: number | null;
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number };
  /** Error replies and rejections since the node started, by code, the most frequent first. */
  readonly errors: readonly CodeCount[];
  /** Connections the node closed since it started, by close code, the most frequent first. */
  readonly closes: readonly CodeCount[];
  readonly tables: readonly AdminTableSummary[];
  /** In a cluster: the members this node sees (id, state, load); null on a node that is the whole system. */
  readonly cluster: readonly ClusterMemberView[] | null;
  /** In a cluster: the autoscaler's leader and latest decisions (null where none can run). */
  readonly autoscaler: AutoscalerView | null;
}

export interface CodeCount {
  readonly code: string;
  readonly count: number;
}

/** A table as the operator sees it: the lobby's summary, with each player's account id. */
export interface AdminTableSummary extends Omit<TableSummary, 'players'> {
  readonly players: readonly (TableSummary['players'][number] & {
    readonly account: string;
    /** 'playing', 'sitting_out' or 'leaving' (absent from older nodes). */
    readonly status?: string;
  })[];
  /** A hand (Hokm: a hand of a game) is being played now (absent from older nodes). */
  readonly inHand?: boolean;
  /** Players' commands the table refused lately, newest first (absent from older nodes). */
  readonly refusals?: readonly { readonly at: number; readonly code: string; readonly account: string }[];
}

export interface AutoscalerView {
  /** The controller instance holding the lease, or null when no autoscaler runs. */
  readonly leader: string | null;
  /** Newest first. */
  readonly decisions: readonly DecisionRecord[];
}

export interface ClusterMemberView {
  readonly nodeId: string;
  readonly state: 'starting' | 'ready' | 'draining';
  readonly tables: number;
  readonly players: number;
  /** CPU in cores and memory as a share of the node's limit, as last reported. */
  readonly cpu: number;
  readonly memory: number;
}

/** `GET /api/admin/audit`: chip conservation. */
export interface ChipAudit {
  /** Every chip ever granted is in a wallet or at a table, per the ledger (one SQL query). */
  readonly balanced: boolean;
  readonly granted: number;
  readonly inWallets: number;
  readonly atTables: number;
  readonly tables: readonly { readonly id: string; readonly ledger: number; readonly onTable: number }[];
  /** Every table holds exactly the chips the ledger says it does. */
  readonly tablesMatch: boolean;
}
