// deploy/compose/docker-compose.yml, checked without a Docker engine (none runs here): it parses,
// everything it builds from or mounts exists, its nodes get settings the node accepts and are the
// ones HAProxy and Prometheus point at, Redis keeps an fsync'd AOF, the autoscaler's arguments are
// ones `pitboss autoscale` accepts, and the HAProxy file it mounts is the rendering for these nodes
// and passes `haproxy -c`.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAutoscaleArgs } from '../../src/launcher/autoscale-command.js';
import { COMPOSE_HAPROXY, renderHaproxyConfig } from '../../src/launcher/haproxy-config.js';
import { loadConfig } from '../../src/server/config.js';

const root = join(import.meta.dirname, '..', '..');
const composeDir = join(root, 'deploy', 'compose');

interface Service {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly volumes?: readonly string[];
  readonly depends_on?: readonly string[] | Record<string, unknown>;
  readonly healthcheck?: unknown;
}

const compose = parse(readFileSync(join(composeDir, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const nodes = Object.entries(services).filter(([, s]) => s.build !== undefined);

/** What `${VAR:?…}` and `${VAR:-default}` would become with the operator's variables set. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::[-?]([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    if (name.endsWith('SECRET')) return 's'.repeat(32);
    if (name === 'PITBOSS_ADMIN_TOKEN') return 'a'.repeat(16);
    return fallback ?? '';
  });
}

describe('the compose file', () => {
  it('runs three nodes built from the Dockerfile, Redis, PostgreSQL, HAProxy, Prometheus, Grafana and the autoscaler', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'autoscaler',
        'grafana',
        'haproxy',
        'node-1',
        'node-2',
        'node-3',
        'postgres',
        'prometheus',
        'redis',
      ].sort(),
    );
    for (const [, node] of nodes)
      expect(existsSync(join(resolve(composeDir, node.build!.context), node.build!.dockerfile))).toBe(true);
  });

  it('mounts only files that exist, and depends only on services it defines', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.'))
          expect(existsSync(resolve(composeDir, source)), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name}: ${source}`).toContain(source);
      }
      const deps = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(Object.keys(services), `${name} → ${dep}`).toContain(dep);
    }
  });

  it('gives each node settings the node accepts, its own id, and the address the others reach it at', () => {
    const ids = new Set<string>();
    for (const [name, node] of nodes) {
      const env = Object.fromEntries(
        Object.entries(node.environment ?? {}).map(([k, v]) => [k, interpolate(v)]),
      );
      const ignored: string[] = [];
      const config = loadConfig([], env, (m) => ignored.push(m));
      expect(ignored).toEqual([]);
      expect(config.nodeId).toBe(name);
      expect(config.cluster.advertiseHost).toBe(name);
      expect(config.cluster.redis).toBe('redis://redis:6379');
      ids.add(config.nodeId);
    }
    expect(ids.size).toBe(3);
  });

  it('points HAProxy and Prometheus at exactly these nodes, and keeps Redis durable', () => {
    const names = nodes.map(([name]) => name).sort();
    expect(COMPOSE_HAPROXY.nodes.map((n) => n.address.split(':')[0]).sort()).toEqual(names);
    const prometheus = readFileSync(join(root, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8');
    const targets = (parse(prometheus) as { scrape_configs: { static_configs: { targets: string[] }[] }[] })
      .scrape_configs[0]!.static_configs[0]!.targets;
    expect(targets.map((t) => t.split(':')[0]).sort()).toEqual(names);
    expect(services.redis!.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'always']),
    );
  });

  it('runs the autoscaler in the image with arguments it accepts, advising only, where Prometheus scrapes it', () => {
    const autoscaler = services.autoscaler!;
    expect(autoscaler.image).toBe(nodes[0]![1].image);
    const command = autoscaler.command ?? [];
    expect(command.slice(0, 3)).toEqual(['node', 'dist/src/cli.js', 'autoscale']);
    const options = parseAutoscaleArgs(command.slice(3));
    if (typeof options === 'string') throw new Error(options);
    // No actuator starts containers on a Docker host: it must not try to start node processes.
    expect(options.actuator).toBe('none');
    expect(options.redis).toBe('redis://redis:6379');
    const prometheus = readFileSync(join(root, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8');
    const jobs = (
      parse(prometheus) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] }
    ).scrape_configs;
    const job = jobs.find((j) => j.job_name === 'pitboss-autoscaler');
    expect(job?.static_configs[0]?.targets).toEqual([`autoscaler:${options.metricsPort}`]);
    expect(options.metricsHost).toBe('0.0.0.0');
  });

  it('mounts the HAProxy rendering for these nodes, which haproxy -c accepts', () => {
    const mounted = services.haproxy!.volumes![0]!.split(':')[0]!;
    const file = resolve(composeDir, mounted);
    expect(readFileSync(file, 'utf8')).toBe(renderHaproxyConfig(COMPOSE_HAPROXY));
    const check = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', cwd: dirname(file) });
    expect(`${check.stdout}${check.stderr}`).toContain('Configuration file is valid');
    expect(check.status).toBe(0);
  });
});
