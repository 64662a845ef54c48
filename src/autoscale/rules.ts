// The autoscaler's rules: from the recent history of the cluster's load, decide to add nodes, to
// drain some away, or to hold. Pure — no clock, no I/O — so the controller, the simulator and the
// tests run the very same function. The defaults are the (docs/autoscaling.md):
//
//   up, urgent:  CPU > 90 % for 1 min, memory > 85 % for 1 min, error rate > 5 % for 2 min
//   up:          players per node > 100 for 3 min, table creations > 10/min for 2 min,
//                players waiting for a seat > 20 for 1 min
//   down:        CPU < 20 % for 10 min and players per node < 20 for 15 min
//   2 … 20 nodes, up by 1–3 (by urgency), down by 1–2, cooldowns 5 min after up, 15 min after down
//   predictive:  when the forecast (forecast.ts: the same time on recent days × today's level)
//                puts more than 90 % of `playersPerNodeUp` per node within the next 30 min, add
//                the nodes it needs now; never drain a node that forecast would need back
//
// Flapping is prevented three ways: the up and down thresholds are far apart (100 vs 20 players
// per node), every condition must hold for a whole window, and a scale-down is refused when the
// nodes left would be close to an up threshold (`downHeadroom`).

import type { Forecast, ForecastOptions } from './forecast.js';

/** One node's load as the registry reports it. CPU is a share of one core (0…1), memory of its limit. */
export interface NodeLoad {
  readonly nodeId: string;
  readonly cpu: number;
  readonly memory: number;
  readonly players: number;
  readonly tables: number;
}

/** The cluster at one moment: its ready nodes (draining and starting ones excluded) and its signals. */
export interface ClusterSample {
  readonly at: number;
  readonly nodes: readonly NodeLoad[];
  /** Nodes launched but not ready yet: they count toward the minimum and toward what is being added. */
  readonly starting: number;
  /** Error replies / client messages over the last interval (0…1). */
  readonly errorRate: number;
  readonly tableCreationsPerMinute: number;
  /** Players waiting for a seat. */
  readonly seatQueue: number;
}

export interface AutoscaleRules {
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly urgentCpu: number;
  readonly urgentCpuForMs: number;
  readonly urgentMemory: number;
  readonly urgentMemoryForMs: number;
  readonly urgentErrorRate: number;
  readonly urgentErrorRateForMs: number;
  readonly playersPerNodeUp: number;
  readonly playersPerNodeUpForMs: number;
  readonly tableCreationsUp: number;
  readonly tableCreationsUpForMs: number;
  readonly seatQueueUp: number;
  readonly seatQueueUpForMs: number;
  readonly cpuDown: number;
  readonly cpuDownForMs: number;
  readonly playersPerNodeDown: number;
  readonly playersPerNodeDownForMs: number;
  readonly maxStepUp: number;
  readonly maxStepDown: number;
  readonly cooldownAfterUpMs: number;
  readonly cooldownAfterDownMs: number;
  /** After a scale-down, players per node and CPU must stay below this share of their up thresholds. */
  readonly downHeadroom: number;
  /** The forecast's season (a day; a week where the weekly shape dominates); 0 turns prediction off. */
  readonly forecastSeasonMs: number;
  /** How far ahead the forecast looks: more than a node takes to start and fill. */
  readonly forecastLookaheadMs: number;
  /** Past seasons the forecast takes the median over. */
  readonly forecastSeasons: number;
  /** The forecast peak is planned at this share of `playersPerNodeUp` per node. */
  readonly forecastHeadroom: number;
}

const MINUTE = 60_000;

export const DEFAULT_RULES: AutoscaleRules = {
  minNodes: 2,
  maxNodes: 20,
  urgentCpu: 0.9,
  urgentCpuForMs: MINUTE,
  urgentMemory: 0.85,
  urgentMemoryForMs: MINUTE,
  urgentErrorRate: 0.05,
  urgentErrorRateForMs: 2 * MINUTE,
  playersPerNodeUp: 100,
  playersPerNodeUpForMs: 3 * MINUTE,
  tableCreationsUp: 10,
  tableCreationsUpForMs: 2 * MINUTE,
  seatQueueUp: 20,
  seatQueueUpForMs: MINUTE,
  cpuDown: 0.2,
  cpuDownForMs: 10 * MINUTE,
  playersPerNodeDown: 20,
  playersPerNodeDownForMs: 15 * MINUTE,
  maxStepUp: 3,
  maxStepDown: 2,
  cooldownAfterUpMs: 5 * MINUTE,
  cooldownAfterDownMs: 15 * MINUTE,
  downHeadroom: 0.6,
  forecastSeasonMs: 24 * 60 * MINUTE,
  forecastLookaheadMs: 30 * MINUTE,
  forecastSeasons: 3,
  forecastHeadroom: 0.9,
};

/** The forecast's settings from the rules, or null when prediction is off. */
export function forecastOptions(rules: AutoscaleRules): ForecastOptions | null {
  if (rules.forecastSeasonMs <= 0 || rules.forecastSeasons < 1) return null;
  return {
    seasonMs: rules.forecastSeasonMs,
    lookaheadMs: rules.forecastLookaheadMs,
    seasons: Math.floor(rules.forecastSeasons),
  };
}

/** How much recorded history the forecast reads: its seasons and lookahead, and a margin. */
export function forecastHistoryMs(rules: AutoscaleRules): number {
  return (
    Math.max(0, Math.floor(rules.forecastSeasons)) * rules.forecastSeasonMs +
    rules.forecastLookaheadMs +
    15 * MINUTE
  );
}

/** How often the controller records the cluster's players for the forecast. */
export const PLAYERS_RECORD_MS = MINUTE;

/** What the controller remembers between decisions. */
export interface ScalerMemory {
  readonly lastUpAt: number | null;
  readonly lastDownAt: number | null;
}

export type Decision =
  | { readonly action: 'hold'; readonly reason: string }
  | { readonly action: 'up'; readonly count: number; readonly urgent: boolean; readonly reason: string }
  | { readonly action: 'down'; readonly nodes: readonly string[]; readonly reason: string };

const cpuOf = (s: ClusterSample) => average(s.nodes.map((n) => n.cpu));
const memoryOf = (s: ClusterSample) => Math.max(0, ...s.nodes.map((n) => n.memory));
const playersOf = (s: ClusterSample) => s.nodes.reduce((sum, n) => sum + n.players, 0);
const playersPerNode = (s: ClusterSample) => (s.nodes.length === 0 ? 0 : playersOf(s) / s.nodes.length);

/**
 * The decision at `now`, from `history` (oldest first; the newest sample is the present). A
 * condition "for d" holds when the samples cover the last d and every one of them meets it.
 * `forecast`: the players expected within the lookahead (forecast.ts), or null when there is none.
 */
export function decide(
  history: readonly ClusterSample[],
  memory: ScalerMemory,
  now: number,
  rules: AutoscaleRules = DEFAULT_RULES,
  forecast: Forecast | null = null,
): Decision {
  const current = history[history.length - 1];
  if (current === undefined) return { action: 'hold', reason: 'no load reported yet' };
  const nodes = current.nodes.length;
  // Below the minimum (a node died, or the cluster is starting): replace at once, cooldowns or not
  // — counting the nodes already on their way.
  if (nodes + current.starting < rules.minNodes)
    return {
      action: 'up',
      count: Math.min(rules.minNodes - nodes - current.starting, rules.maxStepUp),
      urgent: true,
      reason: `${nodes} ready node(s) and ${current.starting} starting, fewer than the minimum of ${rules.minNodes}`,
    };
  if (current.starting > 0) return { action: 'hold', reason: `${current.starting} node(s) still starting` };

  const held = (forMs: number, test: (s: ClusterSample) => boolean) => holds(history, now, forMs, test);
  const urgent = [
    held(rules.urgentCpuForMs, (s) => cpuOf(s) > rules.urgentCpu) &&
      `CPU ${pct(cpuOf(current))} > ${pct(rules.urgentCpu)} for ${minutes(rules.urgentCpuForMs)}`,
    held(rules.urgentMemoryForMs, (s) => memoryOf(s) > rules.urgentMemory) &&
      `memory ${pct(memoryOf(current))} > ${pct(rules.urgentMemory)} for ${minutes(rules.urgentMemoryForMs)}`,
    held(rules.urgentErrorRateForMs, (s) => s.errorRate > rules.urgentErrorRate) &&
      `error rate ${pct(current.errorRate)} > ${pct(rules.urgentErrorRate)} for ${minutes(rules.urgentErrorRateForMs)}`,
  ].filter((r): r is string => typeof r === 'string');
  const pressing = [
    held(rules.playersPerNodeUpForMs, (s) => playersPerNode(s) > rules.playersPerNodeUp) &&
      `${Math.round(playersPerNode(current))} players per node > ${rules.playersPerNodeUp} for ${minutes(rules.playersPerNodeUpForMs)}`,
    held(rules.tableCreationsUpForMs, (s) => s.tableCreationsPerMinute > rules.tableCreationsUp) &&
      `${current.tableCreationsPerMinute} tables created per minute > ${rules.tableCreationsUp} for ${minutes(rules.tableCreationsUpForMs)}`,
    held(rules.seatQueueUpForMs, (s) => s.seatQueue > rules.seatQueueUp) &&
      `${current.seatQueue} players waiting for a seat > ${rules.seatQueueUp} for ${minutes(rules.seatQueueUpForMs)}`,
  ].filter((r): r is string => typeof r === 'string');

  if (urgent.length > 0 || pressing.length > 0) {
    if (nodes >= rules.maxNodes)
      return {
        action: 'hold',
        reason: `at the maximum of ${rules.maxNodes} nodes: ${[...urgent, ...pressing].join('; ')}`,
      };
    if (memory.lastUpAt !== null && now - memory.lastUpAt < rules.cooldownAfterUpMs)
      return {
        action: 'hold',
        reason: `cooling down after a scale-up: ${[...urgent, ...pressing].join('; ')}`,
      };
    // Enough nodes to bring players per node back under the threshold, at least 1 (2 when urgent,
    // 3 when several urgent signals agree), at most maxStepUp and the maximum.
    const byPlayers = Math.ceil(playersOf(current) / rules.playersPerNodeUp) - nodes;
    const byUrgency = urgent.length === 0 ? 1 : urgent.length === 1 ? 2 : 3;
    const count = Math.min(Math.max(byPlayers, byUrgency), rules.maxStepUp, rules.maxNodes - nodes);
    return { action: 'up', count, urgent: urgent.length > 0, reason: [...urgent, ...pressing].join('; ') };
  }

  // Predictive: the nodes a forecast peak needs, added before it comes.
  const forecastPerNode = rules.playersPerNodeUp * rules.forecastHeadroom;
  if (forecast !== null && forecastPerNode > 0) {
    const needed = Math.min(Math.ceil(forecast.players / forecastPerNode), rules.maxNodes);
    if (needed > nodes) {
      const why = `forecast: ${forecast.players} players within ${minutes(rules.forecastLookaheadMs)} need ${needed} nodes at ${Math.round(forecastPerNode)} per node (${forecast.basis})`;
      if (memory.lastUpAt !== null && now - memory.lastUpAt < rules.cooldownAfterUpMs)
        return { action: 'hold', reason: `cooling down after a scale-up: ${why}` };
      return { action: 'up', count: Math.min(needed - nodes, rules.maxStepUp), urgent: false, reason: why };
    }
  }

  const quiet =
    held(rules.cpuDownForMs, (s) => cpuOf(s) < rules.cpuDown) &&
    held(rules.playersPerNodeDownForMs, (s) => playersPerNode(s) < rules.playersPerNodeDown);
  if (!quiet) return { action: 'hold', reason: 'load within bounds' };
  if (nodes <= rules.minNodes)
    return { action: 'hold', reason: `quiet, and already at the minimum of ${rules.minNodes} nodes` };
  if (memory.lastDownAt !== null && now - memory.lastDownAt < rules.cooldownAfterDownMs)
    return { action: 'hold', reason: 'quiet, cooling down after a scale-down' };
  if (memory.lastUpAt !== null && now - memory.lastUpAt < rules.cooldownAfterUpMs)
    return { action: 'hold', reason: 'quiet, cooling down after a scale-up' };
  // Remove as many as keep the rest well below every up threshold (never below what the players
  // need), at most maxStepDown; the least-loaded nodes go.
  const totalCpu = current.nodes.reduce((sum, n) => sum + n.cpu, 0);
  let count = 0;
  let forecastKept = false;
  for (let k = 1; k <= rules.maxStepDown && nodes - k >= rules.minNodes; k++) {
    const left = nodes - k;
    const fits =
      playersOf(current) / left <= rules.playersPerNodeUp * rules.downHeadroom &&
      totalCpu / left <= rules.urgentCpu * rules.downHeadroom;
    // Never drain what the forecast would add back: that is flapping with extra steps.
    const forecastFits = forecast === null || forecast.players / left <= forecastPerNode;
    if (fits && !forecastFits) forecastKept = true;
    if (fits && forecastFits) count = k;
  }
  if (count === 0)
    return {
      action: 'hold',
      reason:
        forecastKept && forecast !== null
          ? `quiet, but the forecast of ${forecast.players} players within ${minutes(rules.forecastLookaheadMs)} needs these nodes`
          : 'quiet, but the nodes left would be too close to a scale-up',
    };
  const victims = [...current.nodes]
    .sort((a, b) => a.players - b.players || a.tables - b.tables || a.nodeId.localeCompare(b.nodeId))
    .slice(0, count)
    .map((n) => n.nodeId);
  return {
    action: 'down',
    nodes: victims,
    reason: `CPU ${pct(cpuOf(current))} < ${pct(rules.cpuDown)} for ${minutes(rules.cpuDownForMs)} and ${Math.round(playersPerNode(current))} players per node < ${rules.playersPerNodeDown} for ${minutes(rules.playersPerNodeDownForMs)}`,
  };
}

/** `test` held over the whole window [now − forMs, now], as far as the samples show. */
function holds(
  history: readonly ClusterSample[],
  now: number,
  forMs: number,
  test: (s: ClusterSample) => boolean,
): boolean {
  const from = now - forMs;
  const first = history[0];
  // The history must reach back to the window's start, or the condition has not held "for" it.
  if (first === undefined || first.at > from) return false;
  for (const sample of [...history].reverse()) {
    if (!test(sample)) return false;
    if (sample.at <= from) return true;
  }
  return true;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
const minutes = (ms: number) => `${ms / MINUTE} min`;
