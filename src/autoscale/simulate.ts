// Replays a load curve through the autoscaler's rules with a simulated clock: the same `decide` the
// controller runs, against a model of a cluster in which players spread evenly over the ready nodes
// (HAProxy's least-connections), CPU and memory grow with players, a new node is ready after
// `startupMs`, and a drained node leaves at once (a drain takes about a second). Deterministic:
// the same curve and seed give the same decisions.

import { Rng } from '../games/rng.js';
import { forecastPlayers, type PlayersAt } from './forecast.js';
import {
  decide,
  DEFAULT_RULES,
  forecastHistoryMs,
  forecastOptions,
  PLAYERS_RECORD_MS,
  type AutoscaleRules,
  type ClusterSample,
  type Decision,
} from './rules.js';

/** The load at one moment; between points it changes linearly. */
export interface LoadPoint {
  readonly at: number;
  readonly players: number;
  readonly tableCreationsPerMinute?: number;
  readonly seatQueue?: number;
  readonly errorRate?: number;
}

export interface SimulationOptions {
  readonly curve: readonly LoadPoint[];
  readonly startNodes: number;
  readonly durationMs: number;
  readonly sampleMs?: number;
  /** A node's CPU (share of a core) per player it serves. */
  readonly cpuPerPlayer?: number;
  /** A node's memory (share of its limit) at rest and per player. */
  readonly memoryBase?: number;
  readonly memoryPerPlayer?: number;
  readonly startupMs?: number;
  /** Nodes that die (the oldest ready one) at these times. */
  readonly deaths?: readonly number[];
  /** Players vary by up to ± this share from sample to sample (a seeded generator). */
  readonly noise?: number;
  /** Any integer; the same seed, the same noise. */
  readonly seed?: number;
  readonly rules?: AutoscaleRules;
}

export interface SimulationStep {
  readonly at: number;
  readonly players: number;
  /** Ready nodes. */
  readonly nodes: number;
  /** Average CPU of the ready nodes (share of a core). */
  readonly cpu: number;
  /** The forecast players within the lookahead, when the rules predict and a season is recorded. */
  readonly forecast: number | null;
}

export interface SimulationResult {
  readonly steps: readonly SimulationStep[];
  readonly decisions: readonly {
    readonly at: number;
    readonly decision: Exclude<Decision, { action: 'hold' }>;
  }[];
}

/** History the rules look at: longer than their longest window. */
const HISTORY_MS = 30 * 60_000;

export function simulate(options: SimulationOptions): SimulationResult {
  const rules = options.rules ?? DEFAULT_RULES;
  const sampleMs = options.sampleMs ?? 15_000;
  const cpuPerPlayer = options.cpuPerPlayer ?? 0.006;
  const memoryBase = options.memoryBase ?? 0.15;
  const memoryPerPlayer = options.memoryPerPlayer ?? 0.002;
  const startupMs = options.startupMs ?? 30_000;
  // The games' seeded generator: the same seed, the same noise, the same decisions.
  const rng = Rng.fromSeed(
    Math.abs(Math.trunc(options.seed ?? 1))
      .toString(16)
      .padStart(64, '0')
      .slice(-64),
  );
  const random = () => rng.below(1_000_000) / 1_000_000;
  let nextId = 0;
  let ready = Array.from({ length: options.startNodes }, () => `node-${++nextId}`);
  let starting: { id: string; readyAt: number }[] = [];
  const deaths = [...(options.deaths ?? [])].sort((a, b) => a - b);
  const history: ClusterSample[] = [];
  const steps: SimulationStep[] = [];
  const decisions: SimulationResult['decisions'][number][] = [];
  let memory = { lastUpAt: null as number | null, lastDownAt: null as number | null };
  // The players recorded for the forecast, as the controller records them: one a minute.
  const recorded: PlayersAt[] = [];
  const predict = forecastOptions(rules);

  for (let at = 0; at <= options.durationMs; at += sampleMs) {
    ready = [...ready, ...starting.filter((s) => s.readyAt <= at).map((s) => s.id)];
    starting = starting.filter((s) => s.readyAt > at);
    while (deaths.length > 0 && (deaths[0] ?? Infinity) <= at) {
      deaths.shift();
      ready = ready.slice(1);
    }
    const load = loadAt(options.curve, at);
    const players = Math.max(0, Math.round(load.players * (1 + (options.noise ?? 0) * (2 * random() - 1))));
    const perNode = ready.length === 0 ? 0 : players / ready.length;
    const sample: ClusterSample = {
      at,
      nodes: ready.map((nodeId) => ({
        nodeId,
        cpu: Math.min(1, perNode * cpuPerPlayer),
        memory: Math.min(1, memoryBase + perNode * memoryPerPlayer),
        players: Math.round(perNode),
        tables: Math.round(perNode / 6),
      })),
      starting: starting.length,
      errorRate: load.errorRate ?? 0,
      tableCreationsPerMinute: load.tableCreationsPerMinute ?? 0,
      seatQueue: load.seatQueue ?? 0,
    };
    history.push(sample);
    while ((history[0]?.at ?? at) < at - HISTORY_MS) history.shift();
    const served = Math.round(perNode) * ready.length;
    if (recorded.length === 0 || at - (recorded[recorded.length - 1]?.at ?? 0) >= PLAYERS_RECORD_MS)
      recorded.push({ at, players: served });
    while ((recorded[0]?.at ?? at) < at - forecastHistoryMs(rules)) recorded.shift();
    const forecast = predict === null ? null : forecastPlayers(recorded, at, served, predict);
    steps.push({
      at,
      players,
      nodes: ready.length,
      cpu: ready.length === 0 ? 0 : Math.min(1, perNode * cpuPerPlayer),
      forecast: forecast?.players ?? null,
    });

    const decision = decide(history, memory, at, rules, forecast);
    if (decision.action === 'up') {
      for (let i = 0; i < decision.count; i++)
        starting.push({ id: `node-${++nextId}`, readyAt: at + startupMs });
      memory = { ...memory, lastUpAt: at };
      decisions.push({ at, decision });
    } else if (decision.action === 'down') {
      ready = ready.filter((id) => !decision.nodes.includes(id));
      memory = { ...memory, lastDownAt: at };
      decisions.push({ at, decision });
    }
  }
  return { steps, decisions };
}

/** The curve's value at `at`, linear between points, flat beyond the ends. */
function loadAt(curve: readonly LoadPoint[], at: number): LoadPoint {
  const after = curve.findIndex((p) => p.at >= at);
  const b = curve[after];
  if (b === undefined) return curve[curve.length - 1] ?? { at, players: 0 };
  const a = curve[after - 1];
  if (a === undefined || b.at === a.at) return b;
  const f = (at - a.at) / (b.at - a.at);
  const mix = (x = 0, y = 0) => x + (y - x) * f;
  return {
    at,
    players: mix(a.players, b.players),
    tableCreationsPerMinute: mix(a.tableCreationsPerMinute, b.tableCreationsPerMinute),
    seatQueue: mix(a.seatQueue, b.seatQueue),
    errorRate: mix(a.errorRate, b.errorRate),
  };
}
