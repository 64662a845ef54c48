// The autoscaler's own Prometheus metrics (served by `pitboss autoscale --metrics-port`): whether
// this instance leads, the nodes by state as it last saw them, and its decisions by action — what
// the dashboard's autoscaler row and the "at max nodes" alert read.

import { Counter, Gauge, Registry } from 'prom-client';
import type { DecisionRecord } from '../ports/autoscale-state.js';
import type { Member } from '../ports/registry.js';
import type { ControllerObserver } from './controller.js';

export class ControllerMetrics implements ControllerObserver {
  readonly registry = new Registry();
  readonly #leader = new Gauge({
    name: 'pitboss_autoscaler_leader',
    help: '1 while this autoscaler instance holds the controller lease (acts), 0 on standby',
    registers: [this.registry],
  });
  readonly #nodes = new Gauge({
    name: 'pitboss_autoscaler_nodes',
    help: 'Cluster nodes by state, as the leading autoscaler last saw them',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly #maxNodes = new Gauge({
    name: 'pitboss_autoscaler_max_nodes',
    help: 'The most nodes the autoscaler may run (its maxNodes rule)',
    registers: [this.registry],
  });
  readonly #decisions = new Counter({
    name: 'pitboss_autoscaler_decisions_total',
    help: 'Autoscaler decisions by action (up, down, hold) and outcome (done, advised, failed, skipped)',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(controller: string, maxNodes: number) {
    this.registry.setDefaultLabels({ controller });
    this.#maxNodes.set(maxNodes);
    this.#leader.set(0);
  }

  leadership(leader: boolean): void {
    this.#leader.set(leader ? 1 : 0);
  }

  cluster(members: readonly Member[]): void {
    for (const state of ['starting', 'ready', 'draining'] as const)
      this.#nodes.set({ state }, members.filter((m) => m.state === state).length);
  }

  decided(record: DecisionRecord): void {
    this.#decisions.inc({ action: record.action, outcome: outcomeLabel(record.outcome) });
  }
}

/**
 * A journaled outcome as a label: `done`; `advised` (the none actuator); `failed` (the actuator
 * threw — what PitbossAutoscalerFailing alerts on); `skipped` (not attempted, e.g. the lease was
 * lost between deciding and acting).
 */
export function outcomeLabel(outcome: string): 'done' | 'advised' | 'failed' | 'skipped' {
  if (outcome === 'done') return 'done';
  if (outcome.startsWith('advised')) return 'advised';
  if (outcome.startsWith('failed')) return 'failed';
  return 'skipped';
}
