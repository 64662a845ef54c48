// `pitboss cluster`: a whole cluster on this machine, on loopback — redis-server, PostgreSQL,
// N Pitboss nodes and HAProxy in front of them — from the Debian binaries, in a temp (or given)
// directory. Prints where to connect, streams a compact status line, and stops everything it
// started (HAProxy, nodes, then the services) on Ctrl-C or SIGTERM.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RULES, type AutoscaleRules } from '../autoscale/rules.js';
import { parseRulesFile } from '../autoscale/rules-file.js';
import { flagsToObject } from '../server/config.js';
import { freePort } from './free-port.js';
import { ONE_ADDRESS_LIMITS } from './one-address-limits.js';
import { renderHaproxyConfig } from './haproxy-config.js';
import { startClusterAutoscaler, type ClusterAutoscaler, type NodeSlot } from './cluster-autoscaler.js';
import { startNodeChild, type NodeChild } from './node-child.js';
import { postgresAvailable, startPostgres, type PostgresServer } from './postgres-process.js';
import { redisAvailable, startRedis, type RedisServer } from './redis-process.js';

const OptionsSchema = z
  .object({
    nodes: z.number().int().min(1).max(16).default(3),
    port: z.number().int().min(0).max(65535).default(8080),
    dir: z.string().min(1).optional(),
    demoTables: z
      .object({ holdem: z.number().int().min(0).max(50), hokm: z.number().int().min(0).max(50) })
      .partial()
      .optional(),
    statusEverySeconds: z.number().min(0).max(3600).default(5),
    autoscale: z.boolean().default(false),
    maxNodes: z.number().int().min(1).max(16).optional(),
    autoscaleRules: z.string().min(1).optional(),
    autoscaleIntervalSeconds: z.number().min(0.1).max(3600).default(15),
  })
  .strict();

export const CLUSTER_USAGE = `pitboss cluster — a whole cluster on this machine (loopback only)

Usage: pitboss cluster [--nodes 3] [--port 8080] [--dir DIR] [--status-every-seconds 5]
         [--autoscale [--max-nodes N] [--autoscale-rules rules.json] [--autoscale-interval-seconds 15]]

Starts redis-server, PostgreSQL, N nodes and HAProxy (Debian packages redis-server, postgresql,
haproxy), prints the URL to open, and stops everything on Ctrl-C. Data lives in DIR (default: a
new temp directory, kept after exit so you can read the logs).

--autoscale runs the autoscaler too (docs/autoscaling.md): it adds nodes (up to --max-nodes,
default --nodes + 3) as players arrive and drains idle ones away, starting from --nodes. Its
decisions are in DIR/autoscaler.log and on the operator page.
`;

export async function runClusterCommand(argv: readonly string[], cli: string): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CLUSTER_USAGE);
    return 0;
  }
  const parsed = OptionsSchema.safeParse(flagsToObject(argv));
  if (!parsed.success) {
    process.stderr.write(
      `pitboss cluster: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}\n\n${CLUSTER_USAGE}`,
    );
    return 2;
  }
  const options = parsed.data;
  const missing = [
    redisAvailable() ? null : 'redis-server',
    postgresAvailable() ? null : 'postgresql',
    spawnSync('haproxy', ['-v']).status === 0 ? null : 'haproxy',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    process.stderr.write(
      `pitboss cluster needs ${missing.join(', ')}: run \`bash scripts/ensure-deps.sh --cluster\` (or apt-get install ${missing.join(' ')}).\n`,
    );
    return 2;
  }
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'pitboss-cluster-')));
  // Others may pass through (PostgreSQL runs as its own user) but not list it; each part keeps
  // its own directory private (nodes 0700, PostgreSQL 0700 owned by postgres).
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o711);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const started: {
    redis?: RedisServer;
    postgres?: PostgresServer;
    nodes: NodeChild[];
    haproxy?: ChildProcess;
    autoscaler?: ClusterAutoscaler;
  } = {
    nodes: [],
  };
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      say('\n› stopping the cluster');
      if (started.haproxy && started.haproxy.exitCode === null) {
        const haproxy = started.haproxy;
        await new Promise((r) => {
          haproxy.once('exit', r);
          haproxy.kill('SIGTERM');
        });
      }
      // The autoscaler first: it must not replace the nodes being stopped.
      await started.autoscaler?.stop().catch(() => undefined);
      await Promise.allSettled(started.nodes.map((n) => n.stop()));
      await Promise.allSettled([started.postgres?.stop(), started.redis?.stop()]);
      say(`› stopped; logs and data are in ${dir}`);
    })());
  const onSignal = () => void stopAll().then(() => process.exit(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The terminal went away (a closed pipe, say `| head`): stop what was started rather than crash
  // and leave the services and nodes running with nobody to stop them.
  process.stderr.on('error', onSignal);

  try {
    say(`› cluster directory ${dir}`);
    say('› starting redis-server (AOF, appendfsync always)');
    started.redis = await startRedis({ dir: join(dir, 'redis') });
    say(`› starting PostgreSQL`);
    started.postgres = await startPostgres({ dir: join(dir, 'postgres'), durable: true });
    const secret = randomBytes(32).toString('base64url');
    const tokenSecret = randomBytes(32).toString('base64url');
    const adminToken = randomBytes(24).toString('base64url');
    writeFileSync(join(dir, 'admin-token'), `${adminToken}\n`, { mode: 0o600 });
    const { redis, postgres } = started;
    const demoFlags = {
      ...(options.demoTables?.holdem === undefined
        ? {}
        : { 'demo-tables.holdem': options.demoTables.holdem }),
      ...(options.demoTables?.hokm === undefined ? {} : { 'demo-tables.hokm': options.demoTables.hokm }),
    };
    const nodeFlags = (nodeId: string, port: number, demo: boolean) => ({
      'node-id': nodeId,
      port,
      'data-dir': join(dir, nodeId),
      'cluster.redis': redis.url,
      'cluster.postgres': postgres.url(),
      'cluster.secret': secret,
      'token-secret': tokenSecret,
      'admin-token': adminToken,
      // Demo tables on the first nodes only; an added node starts empty and takes load by placement.
      ...(demo ? demoFlags : { 'demo-tables.holdem': 0, 'demo-tables.hokm': 0 }),
      // Every player arrives through HAProxy, from one address.
      ...ONE_ADDRESS_LIMITS,
    });
    for (let i = 1; i <= options.nodes; i++) {
      const nodeId = `node-${i}`;
      say(`› starting ${nodeId}`);
      started.nodes.push(
        await startNodeChild({
          nodeId,
          cli,
          logFile: join(dir, `${nodeId}.log`),
          flags: nodeFlags(nodeId, await freePort(), true),
        }),
      );
    }
    // Names and ports of the nodes the autoscaler may add, known now for HAProxy's configuration.
    const maxNodes = options.maxNodes ?? Math.min(16, options.nodes + 3);
    const slots: NodeSlot[] = [];
    if (options.autoscale)
      for (let i = 1; i <= maxNodes - options.nodes; i++)
        slots.push({ nodeId: `auto-${i}`, port: await freePort() });
    const port = options.port === 0 ? await freePort() : options.port;
    const statsPort = await freePort();
    const config = renderHaproxyConfig({
      bind: `127.0.0.1:${port}`,
      statsBind: `127.0.0.1:${statsPort}`,
      nodes: [...started.nodes, ...slots].map((n) => ({ name: n.nodeId, address: `127.0.0.1:${n.port}` })),
    });
    const cfgFile = join(dir, 'haproxy.cfg');
    writeFileSync(cfgFile, config);
    say(`› starting HAProxy on 127.0.0.1:${port}`);
    const haproxyLog = createWriteStream(join(dir, 'haproxy.log'), { flags: 'a' });
    started.haproxy = spawn('haproxy', ['-db', '-f', cfgFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.haproxy.stdout?.pipe(haproxyLog);
    started.haproxy.stderr?.pipe(haproxyLog);
    const haproxyExit = new Promise<never>((_resolve, reject) =>
      started.haproxy?.once('exit', (code) =>
        reject(new Error(`haproxy exited with ${code}; see ${join(dir, 'haproxy.log')}`)),
      ),
    );
    await Promise.race([waitForHttp(`http://127.0.0.1:${port}/ready`, 30_000), haproxyExit]);

    say('');
    say(`  Pitboss cluster is running: http://127.0.0.1:${port}   (open it in a browser)`);
    for (const n of started.nodes)
      say(`  ${n.nodeId}: http://127.0.0.1:${n.port}   pid ${n.child.pid ?? '?'}   log ${n.logFile}`);
    say(
      `  HAProxy stats: http://127.0.0.1:${statsPort}/   Redis ${started.redis.url}   PostgreSQL ${started.postgres.url()}`,
    );
    say(`  Operator page: http://127.0.0.1:${port}/admin (token in ${join(dir, 'admin-token')})`);
    say(
      `  Drain a node (its tables move to the others, then it exits): kill -TERM <pid>, or\n    pitboss drain --url http://127.0.0.1:<node port> --token $(cat ${join(dir, 'admin-token')})`,
    );
    if (options.autoscale) {
      const rules = readRules(options.autoscaleRules, options.nodes, maxNodes);
      started.autoscaler = startClusterAutoscaler({
        redisUrl: redis.url,
        cli,
        dir,
        slots,
        nodeFlags: (nodeId, port) => nodeFlags(nodeId, port, false),
        adminToken,
        rules,
        intervalMs: options.autoscaleIntervalSeconds * 1000,
      });
      say(
        `  Autoscaler: ${rules.minNodes}–${rules.maxNodes} nodes (added ones are auto-1 …), decisions in ${join(dir, 'autoscaler.log')} and on the operator page.`,
      );
    }
    say('  Ctrl-C stops everything.\n');
    if (options.statusEverySeconds > 0)
      streamStatus(
        () => [...started.nodes, ...(started.autoscaler?.nodes() ?? [])],
        adminToken,
        options.statusEverySeconds * 1000,
      );
    // Runs until a signal stops it (the timer keeps the process alive meanwhile).
    await new Promise<never>(() => setInterval(() => undefined, 60_000));
  } catch (error) {
    say(`pitboss cluster: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    return 1;
  }
  return 0;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** One compact line every interval: each node's readiness, tables and connections. */
function streamStatus(nodes: () => readonly NodeChild[], adminToken: string, everyMs: number): void {
  const line = async () => {
    const parts = await Promise.all(
      nodes().map(async (n) => {
        const ready = await fetch(`http://127.0.0.1:${n.port}/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        const overview = (await fetch(`http://127.0.0.1:${n.port}/api/admin/overview`, {
          headers: { authorization: `Bearer ${adminToken}` },
        })
          .then((r) => r.json())
          .catch(() => null)) as { tables?: unknown[]; connections?: number } | null;
        const tables = Array.isArray(overview?.tables) ? overview.tables.length : '?';
        return `${n.nodeId} ${ready ? 'ready' : 'DOWN '} ${tables} tables ${overview?.connections ?? '?'} conns`;
      }),
    );
    process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${parts.join(' | ')}\n`);
  };
  setInterval(() => void line(), everyMs);
}

/** The autoscaler's rules for `pitboss cluster`: the defaults, a rules file, and the node limits. */
function readRules(file: string | undefined, nodes: number, maxNodes: number): AutoscaleRules {
  const overrides = file === undefined ? {} : parseRulesFile(readFileSync(file, 'utf8'));
  return {
    ...DEFAULT_RULES,
    ...overrides,
    minNodes: Math.min(nodes, overrides.minNodes ?? DEFAULT_RULES.minNodes),
    maxNodes,
  };
}
