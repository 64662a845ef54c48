// The cluster as the autoscaler's rules see it, from the registry's member list: the ready nodes'
// loads (starting and draining nodes are excluded — one has no load yet, the other's players are
// about to move), the nodes on their way, and the cluster-wide signals. Pure, like the rules.

import type { DecisionInputs } from '../ports/autoscale-state.js';
import type { Member } from '../ports/registry.js';
import type { ClusterSample } from './rules.js';

/**
 * `launching`: nodes the actuator has started that are not listed yet (a process still booting);
 * they count as starting alongside the members that say so.
 */
export function clusterSample(members: readonly Member[], at: number, launching: number): ClusterSample {
  const ready = members.filter((m) => m.state === 'ready');
  const messagesWeighted = ready.reduce((sum, m) => sum + m.load.errorRate * Math.max(1, m.load.players), 0);
  const weight = ready.reduce((sum, m) => sum + Math.max(1, m.load.players), 0);
  return {
    at,
    nodes: ready.map((m) => ({
      nodeId: m.nodeId,
      cpu: m.load.cpu,
      memory: m.load.memory,
      players: m.load.players,
      tables: m.load.tables,
    })),
    starting: members.filter((m) => m.state === 'starting').length + launching,
    // Each node reports its own rate; the cluster's is their mean weighted by players, so a node
    // with few players and a few errors does not stand for the whole cluster.
    errorRate: weight === 0 ? 0 : messagesWeighted / weight,
    tableCreationsPerMinute: ready.reduce((sum, m) => sum + m.load.tablesCreatedPerMinute, 0),
    seatQueue: ready.reduce((sum, m) => sum + m.load.seatQueue, 0),
  };
}

/** The numbers a decision is journaled with (and shown on /admin). */
export function decisionInputs(sample: ClusterSample, members: readonly Member[]): DecisionInputs {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    readyNodes: sample.nodes.length,
    startingNodes: sample.starting,
    drainingNodes: members.filter((m) => m.state === 'draining').length,
    players: sample.nodes.reduce((sum, n) => sum + n.players, 0),
    tables: sample.nodes.reduce((sum, n) => sum + n.tables, 0),
    cpu: round(
      sample.nodes.length === 0 ? 0 : sample.nodes.reduce((s, n) => s + n.cpu, 0) / sample.nodes.length,
    ),
    memory: round(Math.max(0, ...sample.nodes.map((n) => n.memory))),
    errorRate: round(sample.errorRate),
    tablesCreatedPerMinute: round(sample.tableCreationsPerMinute),
    seatQueue: sample.seatQueue,
  };
}
