// deploy/docker/Dockerfile and deploy/kubernetes/pitboss.yaml, checked without a Docker engine or a
// Kubernetes cluster (none runs here): the Dockerfile is parsed (dockerfile-ast) and held to what
// the image must do; every Kubernetes object is validated against the Kubernetes schemas
// (kubernetes-models) and against what a Pitboss node actually accepts and serves. What this does
// not exercise — building the image, scheduling the pods — is said in docs/operations.md.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Copy, DockerfileParser, type Instruction, JSONInstruction } from 'dockerfile-ast';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { NODE_RUNTIME_FLAGS } from '../../src/launcher/node-runtime-flags.js';
import { ConfigSchema, loadConfig } from '../../src/server/config.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const defaultPort = ConfigSchema.parse({}).port;

/** Values that stand in for the secrets a deployment provides. */
const SECRETS: Record<string, string> = {
  PITBOSS_CLUSTER__SECRET: 'c'.repeat(32),
  PITBOSS_TOKEN_SECRET: 't'.repeat(32),
  PITBOSS_ADMIN_TOKEN: 'a'.repeat(16),
  PITBOSS_CLUSTER__POSTGRES: 'postgres://pitboss:pw@postgres:5432/pitboss',
  PITBOSS_NODE_ID: 'pitboss-7d9f8-abcde',
  PITBOSS_CLUSTER__ADVERTISE_HOST: '10.0.0.7',
};

/** The node's own configuration loader accepts these variables, and knows every one of them. */
function expectNodeAccepts(env: Record<string, string>): void {
  const ignored: string[] = [];
  loadConfig([], env, (message) => ignored.push(message));
  expect(ignored).toEqual([]);
}

describe('the Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(read('deploy/docker/Dockerfile'));
  const instructions = dockerfile.getInstructions();
  const froms = dockerfile.getFROMs();
  const finalStage = instructions.slice(instructions.indexOf(froms[froms.length - 1] as Instruction));
  const find = (keyword: string) => finalStage.filter((i) => i.getKeyword() === keyword);
  const json = (i: Instruction | undefined) =>
    i instanceof JSONInstruction ? i.getJSONStrings().map((s) => s.getJSONValue()) : [];

  it('builds in one stage and runs from another, as a user that is not root', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms[0]?.getBuildStage()).toBe('build');
    const users = find('USER').map((u) => u.getArgumentsContent());
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('runs the node under an init process, checks /health, and exposes the port the node listens on', () => {
    expect(json(find('ENTRYPOINT')[0])).toEqual(['/usr/bin/tini', '--']);
    expect(json(find('CMD')[0])).toEqual(['node', ...NODE_RUNTIME_FLAGS, 'dist/src/cli.js', 'serve']);
    expect(existsSync(join(root, 'src', 'cli.ts'))).toBe(true);
    expect(find('HEALTHCHECK')[0]?.getArgumentsContent()).toContain(`127.0.0.1:${defaultPort}/health`);
    expect(find('EXPOSE').map((e) => e.getArgumentsContent())).toEqual([String(defaultPort)]);
  });

  it('copies only files that exist in the repository, and sets settings the node knows', () => {
    const copies = instructions.filter((i): i is Copy => i instanceof Copy);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      // Copies from the build stage are checked by the build itself; these come from the repository.
      if (copy.getFlags().some((f) => f.getName() === 'from')) continue;
      for (const source of copy
        .getArguments()
        .map((a) => a.getValue())
        .slice(0, -1))
        expect(existsSync(join(root, source)), source).toBe(true);
    }
    const env: Record<string, string> = {};
    for (const i of find('ENV')) {
      const content = i.getArgumentsContent() ?? '';
      for (const [, key, value] of content.matchAll(/(PITBOSS_[A-Z_]+)=(\S+)/g))
        if (key !== undefined && value !== undefined) env[key] = value;
    }
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expectNodeAccepts(env);
  });
});

describe('the Kubernetes manifests', () => {
  const documents = parseAllDocuments(read('deploy/kubernetes/pitboss.yaml')).map(
    (d) => d.toJSON() as { kind: string; metadata: { name: string } },
  );
  const models = {
    ConfigMap,
    Deployment,
    Service,
    PodDisruptionBudget,
    NetworkPolicy,
    HorizontalPodAutoscaler,
  } as const;
  const object = <K extends keyof typeof models>(kind: K): InstanceType<(typeof models)[K]> => {
    const found = documents.find((d) => d.kind === kind);
    if (!found) throw new Error(`no ${kind} in the manifests`);
    return new models[kind](found) as InstanceType<(typeof models)[K]>;
  };

  it('are all valid against the Kubernetes schemas', () => {
    expect(documents.map((d) => d.kind).sort()).toEqual(Object.keys(models).sort());
    for (const kind of Object.keys(models) as (keyof typeof models)[])
      expect(() => object(kind).validate()).not.toThrow();
  });

  it('would be refused by the schemas when wrong (the check can fail)', () => {
    const broken = structuredClone(documents.find((d) => d.kind === 'Deployment')) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    broken.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'eighty';
    expect(() => new Deployment(broken as never).validate()).toThrow(/containerPort/);
  });

  it('probe /ready and /health, drain before stopping, and allow a drain the time it takes', () => {
    const pod = object('Deployment').spec!.template.spec!;
    const container = pod.containers[0]!;
    expect(container.readinessProbe?.httpGet?.path).toBe('/ready');
    expect(container.livenessProbe?.httpGet?.path).toBe('/health');
    expect(container.ports?.[0]?.containerPort).toBe(defaultPort);
    expect(container.lifecycle?.preStop?.exec?.command).toEqual(
      expect.arrayContaining(['dist/src/cli.js', 'drain', `http://127.0.0.1:${defaultPort}`, '--wait']),
    );
    // A drain of 1,000 tables takes about a second (docs/benchmarks.md); leave ample room.
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
  });

  it('give the node only settings it knows, with every secret from the Secret', () => {
    const container = object('Deployment').spec!.template.spec!.containers[0]!;
    const configMap = object('ConfigMap').data ?? {};
    const env: Record<string, string> = { ...configMap };
    for (const e of container.env ?? []) {
      if (e.value !== undefined) env[e.name] = e.value;
      else env[e.name] = SECRETS[e.name] ?? '';
    }
    for (const name of [
      'PITBOSS_CLUSTER__SECRET',
      'PITBOSS_TOKEN_SECRET',
      'PITBOSS_ADMIN_TOKEN',
      'PITBOSS_CLUSTER__POSTGRES',
    ])
      expect(container.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name, name).toBe(
        'pitboss-secrets',
      );
    expectNodeAccepts(env);
  });

  it('select the same pods everywhere, and scale between 2 and 20 on players per pod', () => {
    const labels = object('Deployment').spec!.template.metadata!.labels!;
    const matches = (selector: Record<string, string> | undefined) =>
      Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
    expect(matches(object('Deployment').spec!.selector.matchLabels)).toBe(true);
    expect(matches(object('Service').spec!.selector)).toBe(true);
    expect(matches(object('PodDisruptionBudget').spec!.selector?.matchLabels)).toBe(true);
    expect(matches(object('NetworkPolicy').spec!.podSelector.matchLabels)).toBe(true);
    const hpa = object('HorizontalPodAutoscaler').spec!;
    expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([2, 20]);
    expect(hpa.metrics?.[0]?.pods?.metric.name).toBe('pitboss_connections');
  });
});
