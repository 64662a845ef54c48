// The operator API's JSON (`GET /api/admin/overview`), checked field by field: a node answers
// with one NodeOverview; a cluster endpoint may answer `{ nodes: [...] }`. Either way the page
// works on a list of nodes.

import type {
  AdminTableSummary,
  AutoscalerView,
  ClusterMemberView,
  CodeCount,
  DecisionRecord,
  NodeOverview,
} from '../../../src/protocol/admin.js';

export type { NodeOverview };

export class OverviewFormatError extends Error {
  constructor(message: string) {
    super(`unexpected overview: ${message}`);
    this.name = 'OverviewFormatError';
  }
}

type Json = Record<string, unknown>;

function object(x: unknown, where: string): Json {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new OverviewFormatError(`${where} is not an object`);
  return x as Json;
}

function num(x: unknown, where: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new OverviewFormatError(`${where} is not a number`);
  return x;
}

function numOrNull(x: unknown, where: string): number | null {
  return x === null || x === undefined ? null : num(x, where);
}

function str(x: unknown, where: string): string {
  if (typeof x !== 'string') throw new OverviewFormatError(`${where} is not a string`);
  return x;
}

function table(x: unknown, i: number): AdminTableSummary {
  const t = object(x, `tables[${i}]`);
  const game = t.game;
  if (game !== 'holdem' && game !== 'hokm') throw new OverviewFormatError(`tables[${i}].game is unknown`);
  const players = Array.isArray(t.players) ? t.players : [];
  return {
    id: str(t.id, `tables[${i}].id`),
    game,
    name: str(t.name, `tables[${i}].name`),
    stake: num(t.stake, `tables[${i}].stake`),
    ...(typeof t.smallBlind === 'number' ? { smallBlind: t.smallBlind } : {}),
    seats: num(t.seats, `tables[${i}].seats`),
    occupied: num(t.occupied, `tables[${i}].occupied`),
    players: players.map((p, j) => {
      const o = object(p, `tables[${i}].players[${j}]`);
      return {
        seat: num(o.seat, 'seat'),
        name: str(o.name, 'name'),
        chips: num(o.chips, 'chips'),
        bot: o.bot === true,
        ...(o.away === true ? { away: true } : {}),
        account: typeof o.account === 'string' ? o.account : '',
        ...(typeof o.status === 'string' ? { status: o.status } : {}),
      };
    }),
    minBuyIn: num(t.minBuyIn, `tables[${i}].minBuyIn`),
    maxBuyIn: num(t.maxBuyIn, `tables[${i}].maxBuyIn`),
    turnSeconds: num(t.turnSeconds, `tables[${i}].turnSeconds`),
    handNumber: num(t.handNumber, `tables[${i}].handNumber`),
    watchers: num(t.watchers, `tables[${i}].watchers`),
    ...(typeof t.inHand === 'boolean' ? { inHand: t.inHand } : {}),
    ...(t.paused === true ? { paused: true } : {}),
    ...(Array.isArray(t.refusals)
      ? { refusals: t.refusals.map((r, j) => refusal(r, `tables[${i}].refusals[${j}]`)) }
      : {}),
  };
}

function refusal(x: unknown, where: string): { at: number; code: string; account: string } {
  const o = object(x, where);
  return {
    at: num(o.at, `${where}.at`),
    code: str(o.code, `${where}.code`),
    account: str(o.account, `${where}.account`),
  };
}

/** `{code, count}[]` (absent from nodes older than the field: none). */
function codeCounts(x: unknown, where: string): CodeCount[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) throw new OverviewFormatError(`${where} is not a list`);
  return x.map((c, i) => {
    const o = object(c, `${where}[${i}]`);
    return { code: str(o.code, `${where}[${i}].code`), count: num(o.count, `${where}[${i}].count`) };
  });
}

export function parseNodeOverview(x: unknown): NodeOverview {
  const o = object(x, 'overview');
  const latency = object(o.actionLatencyMs, 'actionLatencyMs');
  const memory = object(o.memory, 'memory');
  if (!Array.isArray(o.tables)) throw new OverviewFormatError('tables is not a list');
  return {
    node: str(o.node, 'node'),
    now: num(o.now, 'now'),
    startedAt: num(o.startedAt, 'startedAt'),
    connections: num(o.connections, 'connections'),
    players: num(o.players, 'players'),
    handsTotal: num(o.handsTotal, 'handsTotal'),
    actionsTotal: num(o.actionsTotal, 'actionsTotal'),
    actionLatencyMs: { p50: numOrNull(latency.p50, 'p50'), p99: numOrNull(latency.p99, 'p99') },
    eventLoopLagMs: numOrNull(o.eventLoopLagMs, 'eventLoopLagMs'),
    memory: {
      rssBytes: num(memory.rssBytes, 'rssBytes'),
      heapUsedBytes: num(memory.heapUsedBytes, 'heapUsedBytes'),
    },
    errors: codeCounts(o.errors, 'errors'),
    closes: codeCounts(o.closes, 'closes'),
    tables: o.tables.map(table),
    cluster: Array.isArray(o.cluster) ? o.cluster.map(member) : null,
    autoscaler: o.autoscaler === null || o.autoscaler === undefined ? null : autoscaler(o.autoscaler),
  };
}

function autoscaler(x: unknown): AutoscalerView {
  const a = object(x, 'autoscaler');
  if (!Array.isArray(a.decisions)) throw new OverviewFormatError('autoscaler.decisions is not a list');
  return {
    leader: a.leader === null ? null : str(a.leader, 'autoscaler.leader'),
    decisions: a.decisions.map(decision),
  };
}

function decision(x: unknown, i: number): DecisionRecord {
  const d = object(x, `decisions[${i}]`);
  const action = d.action;
  if (action !== 'up' && action !== 'down' && action !== 'hold')
    throw new OverviewFormatError(`decisions[${i}].action is unknown`);
  const inputs = object(d.inputs, `decisions[${i}].inputs`);
  const n = (key: string) => num(inputs[key], `decisions[${i}].inputs.${key}`);
  return {
    at: num(d.at, `decisions[${i}].at`),
    controller: str(d.controller, `decisions[${i}].controller`),
    action,
    ...(typeof d.count === 'number' ? { count: d.count } : {}),
    ...(Array.isArray(d.nodes)
      ? { nodes: d.nodes.map((id, j) => str(id, `decisions[${i}].nodes[${j}]`)) }
      : {}),
    ...(typeof d.urgent === 'boolean' ? { urgent: d.urgent } : {}),
    reason: str(d.reason, `decisions[${i}].reason`),
    outcome: str(d.outcome, `decisions[${i}].outcome`),
    inputs: {
      readyNodes: n('readyNodes'),
      startingNodes: n('startingNodes'),
      drainingNodes: n('drainingNodes'),
      players: n('players'),
      tables: n('tables'),
      cpu: n('cpu'),
      memory: n('memory'),
      errorRate: n('errorRate'),
      tablesCreatedPerMinute: n('tablesCreatedPerMinute'),
      seatQueue: n('seatQueue'),
      // Only when the autoscaler had a forecast (predictive scaling, a recorded day).
      ...(typeof inputs.forecastPlayers === 'number' ? { forecastPlayers: inputs.forecastPlayers } : {}),
    },
  };
}

function member(x: unknown, i: number): ClusterMemberView {
  const m = object(x, `cluster[${i}]`);
  const state = m.state;
  if (state !== 'starting' && state !== 'ready' && state !== 'draining')
    throw new OverviewFormatError(`cluster[${i}].state is not a node state`);
  return {
    nodeId: str(m.nodeId, `cluster[${i}].nodeId`),
    state,
    tables: num(m.tables, `cluster[${i}].tables`),
    players: num(m.players, `cluster[${i}].players`),
    // Absent from nodes older than the autoscaler.
    cpu: numOrNull(m.cpu, `cluster[${i}].cpu`) ?? 0,
    memory: numOrNull(m.memory, `cluster[${i}].memory`) ?? 0,
  };
}

/** One node's overview, or a cluster's `{ nodes }`, as a list of nodes. */
export function parseOverview(x: unknown): NodeOverview[] {
  const o = object(x, 'overview');
  if (Array.isArray(o.nodes)) return o.nodes.map(parseNodeOverview);
  return [parseNodeOverview(o)];
}
