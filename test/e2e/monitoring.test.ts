// Every metric the alert rules and the Grafana dashboard (deploy/) query is one a running node —
// or the autoscaler (`pitboss autoscale --metrics-port`, its ControllerMetrics) — really exports,
// and the node's health gauges say what its state is.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ControllerMetrics } from '../../src/autoscale/controller-metrics.js';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { metricValue, untilMetric } from './helpers.js';

const deploy = join(import.meta.dirname, '..', '..', 'deploy');
let node: NodeProcess | null = null;

afterEach(async () => {
  if (node) {
    await node.stop();
    removeDataDir(node.dataDir);
    node = null;
  }
});

/** Names of the node's own and Node.js's metrics a query mentions (`up` is Prometheus's own). */
function metricNames(text: string): Set<string> {
  return new Set(text.match(/\b(?:pitboss|nodejs|process)_[a-z0-9_]+\b/g) ?? []);
}

/** Every series name /metrics can produce: each # TYPE line, and a histogram's _bucket/_sum/_count. */
function exported(metrics: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metrics.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (name === undefined) continue;
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

describe('monitoring a node', () => {
  it('exports every metric the alerts and the dashboard query, and reports itself healthy', async () => {
    node = await startNode();
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    // The autoscaler's own series, from the very registry its /metrics serves.
    const autoscaler = new ControllerMetrics('ctl', 3);
    autoscaler.leadership(true);
    const have = new Set([...exported(metrics), ...exported(await autoscaler.registry.metrics())]);
    const queried = new Set([
      ...metricNames(readFileSync(join(deploy, 'prometheus', 'alerts.yml'), 'utf8')),
      ...metricNames(readFileSync(join(deploy, 'grafana', 'pitboss-cluster.json'), 'utf8')),
    ]);
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !have.has(name))).toEqual([]);
    expect(await metricValue(node.url, 'pitboss_ready')).toBe(1);
    expect(await metricValue(node.url, 'pitboss_store_reachable')).toBe(1);
    expect(await metricValue(node.url, 'pitboss_registry_reachable')).toBe(1);
    expect(await metricValue(node.url, 'pitboss_tables_paused')).toBe(0);
    // The first ledger check runs as the node starts; wait until it has reported.
    await untilMetric(node.url, 'pitboss_ledger_balanced', (v) => v !== null, 10_000);
    expect(await metricValue(node.url, 'pitboss_ledger_balanced')).toBe(1);
  });
});
