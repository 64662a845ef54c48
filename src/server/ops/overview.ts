// The operator page's data: one JSON document per node, with the cluster's members as this node
// sees them.

import type { Clock } from '../clock.js';
import type { Gateway } from '../gateway/gateway.js';
import type { TableHost } from '../tables/table-host.js';
import type { AutoscaleState } from '../../ports/autoscale-state.js';
import type { AutoscalerView, ClusterMemberView, NodeOverview } from '../../protocol/admin.js';
import type { NodeMetrics } from './metrics.js';

export async function nodeOverview(deps: {
  nodeId: string;
  startedAt: number;
  clock: Clock;
  gateway: Gateway;
  host: TableHost;
  metrics: NodeMetrics;
  /** The cluster's members as this node sees them (absent on a node that is the whole system). */
  members?: () => readonly ClusterMemberView[];
  /** Where the autoscaler journals its decisions (a cluster node). */
  autoscaleState?: AutoscaleState;
}): Promise<NodeOverview> {
  const { metrics } = deps;
  const hands = await metrics.hands.get();
  const actions = await metrics.actions.get();
  const lag = (await metrics.registry.getSingleMetric('nodejs_eventloop_lag_p99_seconds')?.get())?.values[0]
    ?.value;
  const buckets = new Map<number, number>();
  let count = 0;
  for (const v of actions.values) {
    if (v.metricName === 'pitboss_action_seconds_bucket') {
      const le = (v.labels as Record<string, string | number | undefined>).le;
      const bound = le === '+Inf' || le === undefined ? Infinity : Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + v.value);
    } else if (v.metricName === 'pitboss_action_seconds_count') {
      count += v.value;
    }
  }
  const memory = process.memoryUsage();
  const [errors, closes] = await Promise.all([byCode(metrics.errors), byCode(metrics.closes)]);
  return {
    node: deps.nodeId,
    now: deps.clock.now(),
    startedAt: deps.startedAt,
    connections: deps.gateway.connections,
    players: (await metrics.authenticated.get()).values[0]?.value ?? 0,
    handsTotal: hands.values.reduce((sum, v) => sum + v.value, 0),
    actionsTotal: count,
    actionLatencyMs: { p50: quantile(buckets, count, 0.5), p99: quantile(buckets, count, 0.99) },
    eventLoopLagMs: typeof lag === 'number' ? lag * 1000 : null,
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    errors,
    closes,
    tables: deps.host.tables().flatMap((t) => {
      const summary = deps.host.summary(t.id);
      if (summary === null) return [];
      // The account behind each seat, for the operator's actions (the lobby shows names only).
      const seats = new Map(t.seats().map((s) => [s.seat, s]));
      const players = summary.players.map((p) => ({
        ...p,
        account: seats.get(p.seat)?.player ?? '',
        status: seats.get(p.seat)?.status ?? 'playing',
      }));
      return [{ ...summary, players, inHand: t.status().inHand, refusals: t.recentRefusals() }];
    }),
    cluster: deps.members ? deps.members() : null,
    autoscaler: deps.autoscaleState ? await autoscalerView(deps.autoscaleState) : null,
  };
}

/** Decisions shown on the operator page. */
const DECISIONS_SHOWN = 10;

/** The autoscaler's state, or null when Redis cannot say (the page shows the rest regardless). */
async function autoscalerView(state: AutoscaleState): Promise<AutoscalerView | null> {
  try {
    const [leader, decisions] = await Promise.all([state.leader(), state.recent(DECISIONS_SHOWN)]);
    return { leader, decisions };
  } catch {
    return null;
  }
}

/** Cumulative buckets (bound → count ≤ bound) → the smallest bound covering quantile q, in ms. */
function quantile(buckets: Map<number, number>, count: number, q: number): number | null {
  if (count === 0) return null;
  const target = count * q;
  for (const bound of [...buckets.keys()].sort((a, b) => a - b)) {
    if ((buckets.get(bound) ?? 0) >= target) return Number.isFinite(bound) ? bound * 1000 : null;
  }
  return null;
}

/** A counter labelled by `code`, as counts since the node started, the most frequent first. */
async function byCode(counter: {
  get(): Promise<{ values: readonly { value: number; labels: Partial<Record<string, string | number>> }[] }>;
}): Promise<{ code: string; count: number }[]> {
  const { values } = await counter.get();
  return values
    .filter((v) => v.value > 0)
    .map((v) => ({ code: String(v.labels.code ?? ''), count: v.value }))
    .sort((a, b) => b.count - a.count);
}
