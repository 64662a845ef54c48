// `npm run bench:cluster`: what the cluster costs, measured on this machine.
//
//   1. CPU per action, 1 node vs 3 nodes behind HAProxy, at the same player count: the load
//      generator (`pitboss load --url`, Hold'em, 6 seats, human-pace think time) plays through
//      HAProxy against a cluster of N nodes over one redis-server and one PostgreSQL. Node CPU is
//      read from /proc for every node process over the run; CPU-µs per action = the nodes' CPU
//      seconds / the players' actions, over the steady phase (after the ramp). Redis commands,
//      bytes and CPU per action from INFO over the same window.
//      Runs alternate 1, 3, 1, 3, …; medians are reported.
//   2. Local vs forwarded latency on the 3-node cluster: at two-seat tables, one player is on the
//      table's owner and the other on another node; action→ack p50/p99 for each.
//
// Everything (nodes, Redis, PostgreSQL, HAProxy, the generator) shares this machine's two cores:
// the ratios are the point. Bounded: a few minutes; every process it starts, it stops.
// Results and the command: docs/benchmarks.md.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { connectRedis } from '../src/adapters/redis/client.js';
import { RedisDirectory } from '../src/adapters/redis/directory.js';
import { freePort } from '../src/launcher/free-port.js';
import { ONE_ADDRESS_LIMITS } from '../src/launcher/one-address-limits.js';
import { renderHaproxyConfig } from '../src/launcher/haproxy-config.js';
import { startNodeChild, type NodeChild } from '../src/launcher/node-child.js';
import { startPostgres } from '../src/launcher/postgres-process.js';
import { startRedis } from '../src/launcher/redis-process.js';
import { stopOnSignal } from './cluster/cleanup.js';
import { measureForwarding, type ForwardingResult } from './cluster/forwarding.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const args = new Map(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])),
);
const PLAYERS = Number(args.get('players') ?? 600);
const DURATION = Number(args.get('duration') ?? 45);
const ROUNDS = Number(args.get('rounds') ?? 2);
const log = (line: string) => process.stdout.write(`${line}\n`);

interface RunResult {
  readonly nodes: number;
  readonly actions: number;
  readonly nodeCpuSeconds: number;
  readonly cpuMicrosPerAction: number;
  readonly ackP50: number | null;
  readonly ackP99: number | null;
  readonly eventP50: number | null;
  readonly eventP99: number | null;
  readonly errors: number;
  readonly redisCommandsPerAction: number;
  readonly redisBytesPerAction: number;
  readonly redisCpuMicrosPerAction: number;
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

async function redisInfo(url: string): Promise<{ commands: number; bytes: number; cpu: number }> {
  const client = new Redis(url);
  try {
    const info = await client.info();
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return {
      commands: field('total_commands_processed'),
      bytes: field('total_net_input_bytes') + field('total_net_output_bytes'),
      cpu: field('used_cpu_sys') + field('used_cpu_user'),
    };
  } finally {
    client.disconnect();
  }
}

async function withCluster<T>(
  nodeCount: number,
  extraFlags: Record<string, string | number>,
  work: (c: { nodes: NodeChild[]; wsUrl: string; redisUrl: string }) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-bench-cluster-'));
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const nodes: NodeChild[] = [];
  let haproxy: ReturnType<typeof spawn> | null = null;
  const release = stopOnSignal(() => stopAll());
  const stopAll = async () => {
    if (haproxy && haproxy.exitCode === null) {
      const h = haproxy;
      await new Promise((r) => {
        h.once('exit', r);
        h.kill('SIGTERM');
      });
    }
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const secret = randomBytes(32).toString('base64url');
    const tokenSecret = randomBytes(32).toString('base64url');
    for (let i = 1; i <= nodeCount; i++) {
      nodes.push(
        await startNodeChild({
          nodeId: `node-${i}`,
          cli: CLI,
          logFile: join(dir, `node-${i}.log`),
          flags: {
            'node-id': `node-${i}`,
            port: await freePort(),
            'data-dir': join(dir, `node-${i}`),
            'log-level': 'info',
            'cluster.redis': redis.url,
            'cluster.postgres': postgres.url(),
            'cluster.secret': secret,
            'token-secret': tokenSecret,
            'admin-token': 'bench-admin-token-0123456789',
            'demo-tables.holdem': 0,
            'demo-tables.hokm': 0,
            ...ONE_ADDRESS_LIMITS,
            'limits.tables-per-account': 10_000,
            ...extraFlags,
          },
        }),
      );
    }
    const port = await freePort();
    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      renderHaproxyConfig({
        bind: `127.0.0.1:${port}`,
        statsBind: `127.0.0.1:${await freePort()}`,
        nodes: nodes.map((n) => ({ name: n.nodeId, address: `127.0.0.1:${n.port}` })),
      }),
    );
    haproxy = spawn('haproxy', ['-db', '-f', cfg], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (
        (await fetch(`http://127.0.0.1:${port}/ready`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return await work({ nodes, wsUrl: `ws://127.0.0.1:${port}/ws`, redisUrl: redis.url });
  } finally {
    release();
    await stopAll();
  }
}

interface Sample {
  readonly at: number;
  readonly nodeCpu: number;
  readonly redis: { commands: number; bytes: number; cpu: number };
}

/** The sample closest to `at`. */
function sampleAt(samples: readonly Sample[], at: number): Sample {
  let best = samples[0];
  for (const s of samples) if (best === undefined || Math.abs(s.at - at) < Math.abs(best.at - at)) best = s;
  if (!best) throw new Error('no samples');
  return best;
}

/**
 * One load run through HAProxy. Node CPU (from /proc) and Redis INFO are sampled every 500 ms; the
 * numbers are taken over the run's steady phase only (after the ramp: sign-ups, table creation and
 * buy-ins are not actions).
 */
async function loadRun(nodeCount: number): Promise<RunResult> {
  return withCluster(nodeCount, {}, async ({ nodes, wsUrl, redisUrl }) => {
    const out = mkdtempSync(join(tmpdir(), 'pitboss-bench-load-'));
    const samples: Sample[] = [];
    const sample = async () => {
      const nodeCpu = nodes.reduce((sum, n) => sum + cpuSeconds(n.child.pid ?? 0), 0);
      samples.push({ at: Date.now(), nodeCpu, redis: await redisInfo(redisUrl) });
    };
    await sample();
    const sampler = setInterval(() => void sample(), 500);
    const load = spawn(
      process.execPath,
      [
        CLI,
        'load',
        '--url',
        wsUrl,
        '--players',
        String(PLAYERS),
        '--seats',
        '6',
        '--duration',
        String(DURATION),
        '--ramp',
        '100',
        '--progress',
        'off',
        '--out',
        out,
        '--metrics-interval',
        '60000',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let stderr = '';
    load.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => load.once('exit', resolve));
    const releaseLoad = stopOnSignal(async () => {
      load.kill('SIGTERM');
      await exited;
    });
    const code = await exited;
    releaseLoad();
    clearInterval(sampler);
    await sample();
    if (code !== 0 && code !== 1) throw new Error(`load failed (${code}): ${stderr}`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      startedAt: string;
      totals: { errorCount: number };
      phases: {
        name: string;
        startedAtSeconds: number;
        seconds: number;
        actions: number;
        latency: { actionToAck: Latency; actionToEvent: Latency };
      }[];
    };
    rmSync(out, { recursive: true, force: true });
    const steady = report.phases.find((p) => p.name === 'steady');
    if (!steady) throw new Error('the load run had no steady phase');
    const start = Date.parse(report.startedAt) + steady.startedAtSeconds * 1000;
    const [a, b] = [sampleAt(samples, start), sampleAt(samples, start + steady.seconds * 1000)];
    const actions = Math.max(1, steady.actions);
    const nodeCpu = b.nodeCpu - a.nodeCpu;
    return {
      nodes: nodeCount,
      actions: steady.actions,
      nodeCpuSeconds: round(nodeCpu),
      cpuMicrosPerAction: Math.round((nodeCpu * 1e6) / actions),
      ackP50: steady.latency.actionToAck.p50,
      ackP99: steady.latency.actionToAck.p99,
      eventP50: steady.latency.actionToEvent.p50,
      eventP99: steady.latency.actionToEvent.p99,
      errors: report.totals.errorCount,
      redisCommandsPerAction: round((b.redis.commands - a.redis.commands) / actions),
      redisBytesPerAction: Math.round((b.redis.bytes - a.redis.bytes) / actions),
      redisCpuMicrosPerAction: Math.round(((b.redis.cpu - a.redis.cpu) * 1e6) / actions),
    };
  });
}

interface Latency {
  readonly p50: number | null;
  readonly p99: number | null;
}

async function forwardingRun(): Promise<ForwardingResult> {
  // Short pauses between hands: this measures actions, not the table's pacing.
  return withCluster(3, { 'timing.hand-delay-ms': 100 }, async ({ nodes, redisUrl }) => {
    const directory = new RedisDirectory(connectRedis({ url: redisUrl }));
    try {
      return await measureForwarding(
        nodes.map((n) => ({ nodeId: n.nodeId, wsUrl: `ws://127.0.0.1:${n.port}/ws` })),
        async (table) => (await directory.lookup(table))?.nodeId,
        { tables: 6, actionsPerPlayer: 150, pauseMs: 20 },
      );
    } finally {
      await directory.close();
    }
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  log(
    `bench:cluster — ${PLAYERS} players, ${DURATION} s per run, ${ROUNDS} rounds of 1 node / 3 nodes, ${cpus().length} cores shared by everything`,
  );
  const runs: RunResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const n of [1, 3]) {
      const r = await loadRun(n);
      runs.push(r);
      log(
        `  round ${round}, ${n} node(s): ${r.actions} actions, node CPU ${r.cpuMicrosPerAction} µs/action, ` +
          `ack p50/p99 ${r.ackP50}/${r.ackP99} ms, other seats p50/p99 ${r.eventP50}/${r.eventP99} ms, errors ${r.errors}, ` +
          `Redis ${r.redisCommandsPerAction} cmds, ${r.redisBytesPerAction} B, ${r.redisCpuMicrosPerAction} µs CPU per action`,
      );
    }
  }
  const of = (n: number, pick: (r: RunResult) => number | null) =>
    median(runs.filter((r) => r.nodes === n).map((r) => pick(r) ?? 0));
  const one = of(1, (r) => r.cpuMicrosPerAction);
  const three = of(3, (r) => r.cpuMicrosPerAction);
  log(
    `\nnode CPU per action (median): 1 node ${one} µs, 3 nodes ${three} µs (total over nodes) → ratio ${round(three / one)} (target ≤ 1.2)`,
  );
  log(
    `ack p50/p99 (median): 1 node ${of(1, (r) => r.ackP50)}/${of(1, (r) => r.ackP99)} ms, 3 nodes ${of(3, (r) => r.ackP50)}/${of(3, (r) => r.ackP99)} ms`,
  );
  log(
    `Redis per action (median, 3 nodes): ${of(3, (r) => r.redisCommandsPerAction)} commands, ${of(3, (r) => r.redisBytesPerAction)} bytes, ${of(3, (r) => r.redisCpuMicrosPerAction)} µs CPU`,
  );
  const f = await forwardingRun();
  log(
    `local vs forwarded action→ack: local p50 ${f.local.ackP50} ms p99 ${f.local.ackP99} ms (${f.local.count}), ` +
      `forwarded p50 ${f.forwarded.ackP50} ms p99 ${f.forwarded.ackP99} ms (${f.forwarded.count}) → ` +
      `forward adds ${round(f.forwarded.ackP50 - f.local.ackP50)} ms at p50 (target ≤ 1 ms)`,
  );
}

await main();
