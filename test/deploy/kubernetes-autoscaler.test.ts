// deploy/kubernetes/autoscaler.yaml, checked without a Kubernetes cluster (none runs here): every
// object validated against the Kubernetes schemas (kubernetes-models), the container's arguments
// parsed by the autoscale command's own option parser, and the names tied to pitboss.yaml's
// objects. That the Role allows exactly what the actuator does is checked beside the actuator
// (test/autoscale/kubernetes-actuator.test.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseAutoscaleArgs } from '../../src/launcher/autoscale-command.js';

const root = join(import.meta.dirname, '..', '..');
type Doc = { kind: string; metadata: { name: string } } & Record<string, unknown>;
const documents = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(join(root, 'deploy', 'kubernetes', file), 'utf8')).map(
    (d) => d.toJSON() as Doc,
  );

const autoscaler = documents('autoscaler.yaml');
const nodes = documents('pitboss.yaml');
const find = (docs: Doc[], kind: string): Doc => {
  const found = docs.find((d) => d.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};
const serviceAccount = new ServiceAccount(find(autoscaler, 'ServiceAccount'));
const role = new Role(find(autoscaler, 'Role'));
const binding = new RoleBinding(find(autoscaler, 'RoleBinding') as never);
const deployment = new Deployment(find(autoscaler, 'Deployment'));
const nodeDeployment = new Deployment(find(nodes, 'Deployment'));

describe("the autoscaler's Kubernetes manifests", () => {
  it('are all valid against the Kubernetes schemas, and the check can fail', () => {
    expect(autoscaler.map((d) => d.kind).sort()).toEqual([
      'Deployment',
      'Role',
      'RoleBinding',
      'ServiceAccount',
    ]);
    for (const object of [serviceAccount, role, binding, deployment])
      expect(() => object.validate()).not.toThrow();
    const broken = structuredClone(find(autoscaler, 'Role')) as unknown as { rules: { verbs: unknown }[] };
    broken.rules[0]!.verbs = 'patch';
    expect(() => new Role(broken as never).validate()).toThrow(/verbs/);
  });

  it("bind the Role to the pod's service account, and grant nothing beyond the nodes' Deployment and pods", () => {
    const pod = deployment.spec!.template.spec!;
    expect(pod.serviceAccountName).toBe(serviceAccount.metadata!.name);
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: role.metadata!.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: serviceAccount.metadata!.name }]);
    const rules = role.rules ?? [];
    for (const rule of rules) {
      expect(rule.verbs).not.toContain('*');
      expect(rule.resources).not.toContain('*');
      expect(rule.verbs.every((v) => ['get', 'patch'].includes(v))).toBe(true);
    }
    const scaleRule = rules.find((r) => r.resources?.includes('deployments/scale'));
    expect(scaleRule?.resourceNames).toEqual([nodeDeployment.metadata!.name]);
  });

  it("run the image's init process and pass arguments the autoscale command accepts, aimed at the nodes' Deployment", () => {
    const pod = deployment.spec!.template.spec!;
    const container = pod.containers[0]!;
    // `command` would replace the image's ENTRYPOINT (tini); only `args` may be set.
    expect(container.command).toBeUndefined();
    const args = container.args ?? [];
    expect(args.slice(0, 3)).toEqual(['node', 'dist/src/cli.js', 'autoscale']);
    // Kubernetes substitutes $(VAR) from the container's env; resolve them as it would.
    const nodeConfig = new ConfigMap(find(nodes, 'ConfigMap')).data ?? {};
    const env = new Map<string, string>();
    for (const e of container.env ?? []) {
      const key = e.valueFrom?.configMapKeyRef?.key;
      if (key !== undefined) {
        expect(e.valueFrom?.configMapKeyRef?.name).toBe(find(nodes, 'ConfigMap').metadata.name);
        expect(nodeConfig[key], key).toBeDefined();
        env.set(e.name, nodeConfig[key] ?? '');
      } else if (e.valueFrom?.fieldRef) env.set(e.name, 'pitboss-autoscaler-6c8d-x2k');
      else env.set(e.name, e.value ?? '');
    }
    const resolved = args.slice(3).map((a) =>
      a.replace(/\$\(([A-Z_]+)\)/g, (_, name: string) => {
        const value = env.get(name);
        if (value === undefined)
          throw new Error(`${a} names ${name}, which the container's env does not set`);
        return value;
      }),
    );
    const options = parseAutoscaleArgs(resolved);
    if (typeof options === 'string') throw new Error(options);
    expect(options.actuator).toBe('kubernetes');
    expect(options.deployment).toBe(nodeDeployment.metadata!.name);
    expect(options.redis).toBe(nodeConfig.PITBOSS_CLUSTER__REDIS);
    expect(options.metricsHost).toBe('0.0.0.0');
    const metricsPort = container.ports?.find((p) => p.name === 'metrics')?.containerPort;
    expect(options.metricsPort).toBe(metricsPort);
    expect(container.readinessProbe?.httpGet?.path).toBe('/health');
    expect(deployment.spec!.template.metadata!.annotations?.['prometheus.io/port']).toBe(String(metricsPort));
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    // One leads, one stands by.
    expect(deployment.spec!.replicas).toBe(2);
  });

  it('would be refused by the autoscale command when an argument is wrong (the check can fail)', () => {
    expect(parseAutoscaleArgs(['--actuator', 'kubernetes', '--metrics-port', 'ninety'])).toMatch(
      /metricsPort/,
    );
    expect(parseAutoscaleArgs(['--actuator', 'docker'])).toMatch(/actuator/);
  });
});
