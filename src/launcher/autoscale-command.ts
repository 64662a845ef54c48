// `pitboss autoscale`: the autoscaler's controller process. It joins the cluster's Redis (the
// registry it reads, the lease that elects one acting instance, the journal /admin shows), and
// acts through an actuator: `local` starts and drains `pitboss serve` processes on this machine.
// Runs until SIGINT/SIGTERM, then gives its lease up (a standby takes over at once) and stops the
// nodes it started.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { RedisAutoscaleState } from '../adapters/redis/autoscale-state.js';
import { closeRedis, connectRedis, RedisKeys, type RedisConnection } from '../adapters/redis/client.js';
import { RedisRegistry } from '../adapters/redis/registry.js';
import { AdvisoryActuator } from '../autoscale/advisory-actuator.js';
import { AutoscaleController } from '../autoscale/controller.js';
import { ControllerMetrics } from '../autoscale/controller-metrics.js';
import { parseLoadCurve } from '../autoscale/load-curve.js';
import { KubernetesActuator } from '../autoscale/kubernetes-actuator.js';
import { LocalActuator } from '../autoscale/local-actuator.js';
import { simulate } from '../autoscale/simulate.js';
import { renderSimulationReport, summarizeSimulation } from '../autoscale/simulation-report.js';
import { parseRulesFile } from '../autoscale/rules-file.js';
import { DEFAULT_RULES, type AutoscaleRules } from '../autoscale/rules.js';
import { flagsToObject } from '../server/config.js';
import { createLogger, type Logger } from '../server/ops/logger.js';
import { freePort } from './free-port.js';
import { startNodeChild } from './node-child.js';

const OptionsSchema = z
  .object({
    redis: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'a redis:// URL')
      .optional(),
    redisCluster: z.string().min(1).optional(),
    actuator: z.enum(['local', 'kubernetes', 'none']).default('local'),
    nodeConfig: z.string().min(1).optional(),
    dir: z.string().min(1).optional(),
    adminToken: z.string().min(1).optional(),
    intervalSeconds: z.number().min(0.1).max(3600).default(15),
    minNodes: z.number().int().min(1).max(1000).optional(),
    maxNodes: z.number().int().min(1).max(1000).optional(),
    rules: z.string().min(1).optional(),
    id: z.string().min(1).max(100).optional(),
    metricsPort: z.number().int().min(0).max(65535).optional(),
    metricsHost: z.string().min(1).default('127.0.0.1'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    namespace: z.string().min(1).optional(),
    deployment: z.string().min(1).default('pitboss'),
    simulate: z.string().min(1).optional(),
    out: z.string().min(1).default('autoscale-simulation.html'),
    startNodes: z.number().int().min(0).max(1000).optional(),
    startupSeconds: z.number().min(0).max(3600).default(30),
    noise: z.number().min(0).max(1).default(0),
    seed: z.number().int().default(1),
  })
  .strict();

export const AUTOSCALE_USAGE = `pitboss autoscale — the cluster's autoscaler (one acts; more instances stand by)

Usage: pitboss autoscale --redis redis://HOST:PORT [--redis-cluster h:p,h:p]
         [--actuator local] --node-config FILE [--dir DIR] [--admin-token TOKEN]
         [--actuator kubernetes [--deployment pitboss] [--namespace NS]] [--actuator none]
         [--interval-seconds 15] [--min-nodes 2] [--max-nodes 20] [--rules rules.json]
         [--id NAME] [--metrics-port N] [--log-level info]

Every interval it samples the nodes' load from the registry, applies the rules (docs/autoscaling.md)
and, when it leads, adds nodes or drains the least-loaded ones away (their tables move live).
  --actuator local     start nodes on this machine: \`pitboss serve --config FILE\` (the cluster's
                       settings: Redis, PostgreSQL, secrets, the admin token), data and logs in DIR
  --rules rules.json   override any rule, e.g. {"maxNodes": 6, "playersPerNodeUp": 200}
  --admin-token        what drains are authorised with (or PITBOSS_ADMIN_TOKEN; default: the
                       node config's adminToken)
  --metrics-port N     serve /metrics (Prometheus) and /health on port N (--metrics-host, default
                       127.0.0.1; 0.0.0.0 in a container)

       pitboss autoscale --simulate load.csv [--out report.html] [--rules rules.json]
         [--start-nodes N] [--startup-seconds 30] [--interval-seconds 15] [--noise 0.1] [--seed 1]

  --simulate load.csv  replay a load curve (CSV: minute,players[,tableCreationsPerMinute,seatQueue,
                       errorRate]) through the same rules with a simulated clock; writes an HTML
                       report (load, nodes over time, every decision) and prints a summary
  --actuator kubernetes  scale the nodes' Deployment instead (--deployment pitboss, --namespace
                       NS; in a pod its service account, elsewhere ~/.kube/config): a scale-down
                       marks the drained pod with the lowest pod-deletion-cost, its preStop drains it
  --actuator none      advise only: decide, journal, count and show on /admin, carry nothing out
`;

export type AutoscaleOptions = z.infer<typeof OptionsSchema>;

/** The command line as options, or why it is not acceptable (also what deploy/ manifests are checked with). */
export function parseAutoscaleArgs(argv: readonly string[]): AutoscaleOptions | string {
  let raw: Record<string, unknown>;
  try {
    raw = flagsToObject(argv);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const parsed = OptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid options'}`;
}

export async function runAutoscaleCommand(argv: readonly string[], cli: string): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(AUTOSCALE_USAGE);
    return 0;
  }
  const fail = (why: string) => {
    process.stderr.write(`pitboss autoscale: ${why}\n\n${AUTOSCALE_USAGE}`);
    return 2;
  };
  const parsed = parseAutoscaleArgs(argv);
  if (typeof parsed === 'string') return fail(parsed);
  const o = parsed;
  let rules: AutoscaleRules;
  try {
    const overrides = o.rules === undefined ? {} : parseRulesFile(readFileSync(o.rules, 'utf8'));
    rules = {
      ...DEFAULT_RULES,
      ...overrides,
      ...(o.minNodes === undefined ? {} : { minNodes: o.minNodes }),
      ...(o.maxNodes === undefined ? {} : { maxNodes: o.maxNodes }),
    };
  } catch (error) {
    return fail(
      `cannot read the rules ${o.rules ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (rules.minNodes > rules.maxNodes) return fail(`minNodes ${rules.minNodes} > maxNodes ${rules.maxNodes}`);
  if (o.simulate !== undefined) return runSimulation(o.simulate, o, rules, fail);
  if (o.redis === undefined && o.redisCluster === undefined) return fail('give --redis or --redis-cluster');
  const id = o.id ?? `${hostname()}-${process.pid}`;
  const logger = createLogger({ level: o.logLevel, nodeId: `autoscaler:${id}` });
  const actuator =
    o.actuator === 'kubernetes'
      ? kubernetesActuator(o, logger)
      : o.actuator === 'none'
        ? new AdvisoryActuator()
        : localActuator(o, cli, logger);
  if (typeof actuator === 'string') return fail(actuator);
  const connection: RedisConnection = o.redisCluster
    ? { cluster: o.redisCluster.split(',') }
    : { url: o.redis ?? '' };
  const redis = connectRedis(connection, {
    onError: (error) => logger.warn({ err: error }, 'Redis connection problem'),
  });
  const keys = new RedisKeys();
  const registry = new RedisRegistry(redis, { keys, ownsClient: false });
  const state = new RedisAutoscaleState(redis, { keys, ownsClient: false });
  const metrics = new ControllerMetrics(id, rules.maxNodes);
  const controller = new AutoscaleController({
    id,
    registry,
    state,
    actuator,
    logger,
    rules,
    intervalMs: o.intervalSeconds * 1000,
    observer: metrics,
  });
  const server =
    o.metricsPort === undefined ? null : await serveMetrics(metrics, o.metricsPort, o.metricsHost);
  controller.start();
  logger.info(
    { id, actuator: actuator.kind, rules, metricsPort: server ? portOf(server) : null },
    'autoscaler started',
  );
  process.stderr.write(
    `pitboss autoscale ${id}: ${actuator.kind} actuator, ${rules.minNodes}–${rules.maxNodes} nodes, every ${o.intervalSeconds} s` +
      (server ? `; metrics on http://${o.metricsHost}:${portOf(server)}/metrics` : '') +
      '\n',
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  logger.info('autoscaler stopping');
  await controller.stop();
  await actuator.close();
  server?.close();
  await closeRedis(redis);
  return 0;
}

/** The local actuator, or why it cannot be made from these options. */
function localActuator(
  o: { nodeConfig?: string | undefined; adminToken?: string | undefined; dir?: string | undefined },
  cli: string,
  logger: Logger,
): LocalActuator | string {
  if (o.nodeConfig === undefined) return 'the local actuator needs --node-config FILE';
  let nodeSettings: Record<string, unknown>;
  try {
    nodeSettings = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(o.nodeConfig, 'utf8')));
  } catch (error) {
    return `cannot read ${o.nodeConfig}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const configToken = typeof nodeSettings.adminToken === 'string' ? nodeSettings.adminToken : undefined;
  const adminToken = o.adminToken ?? process.env.PITBOSS_ADMIN_TOKEN ?? configToken;
  if (adminToken === undefined)
    return 'no admin token to drain nodes with: --admin-token, PITBOSS_ADMIN_TOKEN or adminToken in the node config';
  const dir = resolve(o.dir ?? 'autoscaled-nodes');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const nodeConfig = resolve(o.nodeConfig);
  let launched = 0;
  return new LocalActuator({
    nextNodeId: () => `auto-${Date.now().toString(36)}-${++launched}`,
    launch: async (nodeId) =>
      startNodeChild({
        nodeId,
        cli,
        logFile: join(dir, `${nodeId}.log`),
        flags: {
          config: nodeConfig,
          'node-id': nodeId,
          port: await freePort(),
          'data-dir': join(dir, nodeId),
        },
      }),
    adminToken,
    logger,
  });
}

/** The kubernetes actuator: in a pod it uses the pod's service account, elsewhere ~/.kube/config. */
function kubernetesActuator(
  o: { namespace?: string | undefined; deployment: string },
  logger: Logger,
): KubernetesActuator | string {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromDefault();
  } catch (error) {
    return `no Kubernetes configuration: ${error instanceof Error ? error.message : String(error)}`;
  }
  const namespace =
    o.namespace ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ?? 'default';
  return new KubernetesActuator({ kubeConfig, namespace, deployment: o.deployment, logger });
}

/** `--simulate`: the load curve through the rules with a simulated clock, and its report. */
function runSimulation(
  file: string,
  o: {
    out: string;
    startNodes?: number | undefined;
    startupSeconds: number;
    intervalSeconds: number;
    noise: number;
    seed: number;
  },
  rules: AutoscaleRules,
  fail: (why: string) => number,
): number {
  let curve;
  try {
    curve = parseLoadCurve(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = simulate({
    curve,
    rules,
    startNodes: o.startNodes ?? rules.minNodes,
    durationMs: curve.at(-1)?.at ?? 0,
    sampleMs: o.intervalSeconds * 1000,
    startupMs: o.startupSeconds * 1000,
    noise: o.noise,
    seed: o.seed,
  });
  const out = resolve(o.out);
  writeFileSync(out, renderSimulationReport({ source: file, result, rules }));
  const s = summarizeSimulation(result);
  const lines = result.decisions.map(({ at, decision }) => {
    const what =
      decision.action === 'up'
        ? `+${decision.count}`
        : `-${decision.nodes.length} (${decision.nodes.join(', ')})`;
    return `  ${String(Math.round(at / 60_000)).padStart(5)} min  ${what}  ${decision.reason}\n`;
  });
  process.stdout.write(
    `simulated ${Math.round((curve.at(-1)?.at ?? 0) / 60_000)} min of load: ${s.scaleUps} scale-up(s), ` +
      `${s.scaleDowns} scale-down(s), nodes ${s.minNodes}–${s.maxNodes}, peak ${s.peakPlayersPerNode} players per node\n` +
      lines.join('') +
      `report: ${out}\n`,
  );
  return 0;
}

function serveMetrics(metrics: ControllerMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveServer(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}
