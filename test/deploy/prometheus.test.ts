// deploy/prometheus and deploy/grafana, checked by the real tool where there is one: Prometheus's
// promtool (Debian's prometheus package, installed by the test line) validates the scrape
// configuration and the alert rules and runs the rules' unit tests; the Grafana dashboard is checked
// for shape here and for metric names against a running node in test/e2e/monitoring.test.ts.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const deploy = join(import.meta.dirname, '..', '..', 'deploy');

function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { encoding: 'utf8', cwd: join(deploy, 'prometheus') });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly datasource: { readonly uid: string };
  readonly targets: readonly { readonly expr: string }[];
}

describe('the monitoring files', () => {
  it('pass promtool check config (which checks the rule files too)', () => {
    const result = promtool('check', 'config', 'prometheus.yml');
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('pass promtool check rules', () => {
    const result = promtool('check', 'rules', 'alerts.yml');
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it('pass their unit tests (promtool test rules): each alert fires when it should and not before', () => {
    const result = promtool('test', 'rules', 'alerts.test.yml');
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('give every dashboard panel a unique id, the datasource variable and at least one query', () => {
    const dashboard = JSON.parse(readFileSync(join(deploy, 'grafana', 'pitboss-cluster.json'), 'utf8')) as {
      panels: Panel[];
      templating: { list: { name: string; type: string }[] };
    };
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Rows: the cluster, one node (the $node variable), the tables, the autoscaler.
    const rows = dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['Cluster overview', 'Per node: $node', 'Tables', 'Autoscaler']);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'node', type: 'query' }),
    );
    const perNode = dashboard.panels.filter((p) => p.title.endsWith('on $node'));
    expect(perNode.length).toBeGreaterThan(0);
    for (const panel of perNode)
      for (const t of panel.targets) expect(t.expr, panel.title).toContain('node=~"$node"');
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource.uid, panel.title).toBe('${datasource}');
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const t of panel.targets) expect(t.expr.trim(), panel.title).not.toBe('');
    }
  });
});
