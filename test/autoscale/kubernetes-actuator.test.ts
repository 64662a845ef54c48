// The kubernetes actuator's requests, against an HTTP server standing in for the API server (no
// cluster runs here): it reads and patches the Deployment's scale subresource and marks the pod to
// remove with the lowest deletion cost before scaling down. Each body is applied as the merge patch
// it says it is, and the result validated against the Kubernetes schemas (kubernetes-models).

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Scale } from 'kubernetes-models/autoscaling/v1/Scale';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  DELETION_COST_ANNOTATION,
  DRAIN_FIRST_COST,
  KubernetesActuator,
} from '../../src/autoscale/kubernetes-actuator.js';
import { createLogger } from '../../src/server/ops/logger.js';
import { nodeLoad } from '../support/node-load.js';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A toy API server: one Deployment `pitboss` in `games` with its scale, and its pods. */
class FakeApiServer {
  readonly seen: Seen[] = [];
  replicas = 3;
  refuseScale = false;
  readonly pods = new Map<string, Pod>(
    ['pitboss-a', 'pitboss-b', 'pitboss-c'].map((name) => [
      name,
      new Pod({
        metadata: { name, namespace: 'games' },
        spec: { containers: [{ name: 'pitboss', image: 'pitboss' }] },
      }),
    ]),
  );
  readonly #server: Server;

  constructor() {
    this.#server = createServer((req, res) => {
      void readBody(req).then((text) => {
        const body: unknown = text === '' ? null : JSON.parse(text);
        const path = req.url ?? '';
        this.seen.push({
          method: req.method ?? '',
          path,
          contentType: req.headers['content-type'],
          authorization: req.headers.authorization,
          body,
        });
        const reply = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (path.startsWith('/apis/apps/v1/namespaces/games/deployments/pitboss/scale')) {
          if (req.method === 'PATCH' && this.refuseScale)
            return reply(409, { kind: 'Status', code: 409, message: 'the object has been modified' });
          if (req.method === 'PATCH') {
            const next = new Scale(mergePatch(this.scale(), body) as ConstructorParameters<typeof Scale>[0]);
            next.validate();
            this.replicas = next.spec?.replicas ?? this.replicas;
          }
          return reply(200, this.scale());
        }
        const pod = /^\/api\/v1\/namespaces\/games\/pods\/([^/?]+)/.exec(path)?.[1];
        if (pod !== undefined && req.method === 'PATCH') {
          const current = this.pods.get(pod);
          if (!current) return reply(404, { kind: 'Status', code: 404, message: `pods "${pod}" not found` });
          const next = new Pod(mergePatch(current.toJSON(), body) as ConstructorParameters<typeof Pod>[0]);
          next.validate();
          this.pods.set(pod, next);
          return reply(200, next.toJSON());
        }
        reply(404, { kind: 'Status', code: 404 });
      });
    });
  }

  scale() {
    return {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'pitboss', namespace: 'games' },
      spec: { replicas: this.replicas },
    };
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.#server.listen(0, '127.0.0.1', () => {
        const address = this.#server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      }),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? target : {};
  const entries = new Map<string, unknown>(Object.entries(base));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) entries.delete(key);
    else entries.set(key, mergePatch(entries.get(key), value));
  }
  return Object.fromEntries(entries);
}

let api: FakeApiServer | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

async function actuatorAgainst(server: FakeApiServer): Promise<KubernetesActuator> {
  const port = await server.listen();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'test', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'autoscaler', token: 'sa-token' }],
    contexts: [{ name: 'test', cluster: 'test', user: 'autoscaler', namespace: 'games' }],
    currentContext: 'test',
  });
  return new KubernetesActuator({
    kubeConfig,
    namespace: 'games',
    deployment: 'pitboss',
    logger: createLogger({ level: 'silent', nodeId: 'autoscaler' }),
  });
}

const member = (nodeId: string) => ({
  nodeId,
  address: `ws://10.0.0.7:8080/cluster`,
  state: 'ready' as const,
  load: nodeLoad(),
  startedAt: 0,
  leaseExpiresAt: 0,
});

describe('the kubernetes actuator', () => {
  it('scales up by patching the Deployment scale subresource with a merge patch', async () => {
    api = new FakeApiServer();
    const actuator = await actuatorAgainst(api);
    await actuator.add(2);
    expect(api.replicas).toBe(5);
    const patch = api.seen.find((s) => s.method === 'PATCH');
    expect(patch).toMatchObject({
      path: '/apis/apps/v1/namespaces/games/deployments/pitboss/scale',
      contentType: 'application/merge-patch+json',
      authorization: 'Bearer sa-token',
      body: { spec: { replicas: 5 } },
    });
  });

  it('scales down by marking the pod to remove first, then lowering the scale by one', async () => {
    api = new FakeApiServer();
    const actuator = await actuatorAgainst(api);
    await actuator.remove(member('pitboss-b'));
    const patches = api.seen.filter((s) => s.method === 'PATCH');
    expect(patches.map((p) => p.path)).toEqual([
      '/api/v1/namespaces/games/pods/pitboss-b',
      '/apis/apps/v1/namespaces/games/deployments/pitboss/scale',
    ]);
    expect(patches.every((p) => p.contentType === 'application/merge-patch+json')).toBe(true);
    expect(api.pods.get('pitboss-b')?.metadata?.annotations).toEqual({
      [DELETION_COST_ANNOTATION]: DRAIN_FIRST_COST,
    });
    expect(api.pods.get('pitboss-a')?.metadata?.annotations).toBeUndefined();
    expect(api.replicas).toBe(2);
  });

  it('fails, changing nothing, when the pod to remove is not there', async () => {
    api = new FakeApiServer();
    const actuator = await actuatorAgainst(api);
    await expect(actuator.remove(member('pitboss-zz'))).rejects.toThrow();
    expect(api.replicas).toBe(3);
    expect(api.seen.some((s) => s.path.includes('/scale') && s.method === 'PATCH')).toBe(false);
  });
});

/** What RBAC calls a request: its API group, resource (with subresource), object name and verb. */
function rbacRequest(seen: Seen): { group: string; resource: string; name: string; verb: string } {
  const match =
    /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/[^/]+\/([^/]+)\/([^/?]+)(?:\/([^/?]+))?/.exec(
      seen.path,
    );
  if (!match) throw new Error(`not a namespaced object request: ${seen.path}`);
  const [, group = '', resource = '', name = '', subresource] = match;
  const verbs: Record<string, string> = { GET: 'get', PATCH: 'patch', PUT: 'update', DELETE: 'delete' };
  return {
    group,
    resource: subresource === undefined ? resource : `${resource}/${subresource}`,
    name,
    verb: verbs[seen.method] ?? seen.method,
  };
}

describe('the kubernetes actuator when the scale is refused', () => {
  it('takes the mark off the pod again, so a later scale-down does not remove it instead', async () => {
    api = new FakeApiServer();
    api.refuseScale = true;
    const actuator = await actuatorAgainst(api);
    await expect(actuator.remove(member('pitboss-b'))).rejects.toThrow();
    expect(api.replicas).toBe(3);
    expect(api.pods.get('pitboss-b')?.metadata?.annotations ?? {}).toEqual({});
    expect(api.seen.filter((s) => s.path === '/api/v1/namespaces/games/pods/pitboss-b')).toHaveLength(2);
  });
});

describe('the autoscaler Role in deploy/kubernetes/autoscaler.yaml', () => {
  it('allows every request the actuator makes', async () => {
    const role = new Role(
      parseAllDocuments(
        readFileSync(join(import.meta.dirname, '../../deploy/kubernetes/autoscaler.yaml'), 'utf8'),
      )
        .map((d) => d.toJSON() as { kind: string })
        .find((d) => d.kind === 'Role') as ConstructorParameters<typeof Role>[0],
    );
    api = new FakeApiServer();
    const actuator = await actuatorAgainst(api);
    await actuator.add(1);
    await actuator.remove(member('pitboss-a'));
    const requests = api.seen.map(rbacRequest);
    expect(new Set(requests.map((r) => `${r.verb} ${r.resource}`))).toEqual(
      new Set(['get deployments/scale', 'patch deployments/scale', 'patch pods']),
    );
    const allowed = (r: ReturnType<typeof rbacRequest>) =>
      (role.rules ?? []).some(
        (rule) =>
          (rule.apiGroups ?? []).includes(r.group) &&
          (rule.resources ?? []).includes(r.resource) &&
          rule.verbs.includes(r.verb) &&
          (rule.resourceNames === undefined || rule.resourceNames.includes(r.name)),
      );
    for (const request of requests) expect(allowed(request), JSON.stringify(request)).toBe(true);
    // And the check can fail: a delete of the Deployment is not allowed.
    expect(allowed({ group: 'apps', resource: 'deployments', name: 'pitboss', verb: 'delete' })).toBe(false);
  });
});
