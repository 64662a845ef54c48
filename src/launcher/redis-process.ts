// Real redis-server processes, for the tests and for `pitboss cluster` (Debian's `redis-server`,
// which the test line installs): one server, or a Redis Cluster of three masters, on free loopback
// ports in temp directories (or a given one), with AOF on and `appendfsync always`. `stop()` stops
// them (and removes a temp directory); `kill()` + `restart()` model a crash of the server process.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory (AOF replayed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisCluster {
  /** `host:port` of every master. */
  readonly seeds: string[];
  readonly servers: RedisServer[];
  stop(): Promise<void>;
}

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function startRedis(
  options: { cluster?: boolean; port?: number; dir?: string } = {},
): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pitboss-redis-'));
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--protected-mode',
    'no',
    '--loglevel',
    'warning',
    ...(options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'] : []),
  ];
  let child: ChildProcess = await launch(args, port);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async kill() {
      await signal(child, 'SIGKILL');
    },
    async restart() {
      child = await launch(args, port);
    },
    async stop() {
      await signal(child, 'SIGTERM');
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const servers = await Promise.all(Array.from({ length: masters }, () => startRedis({ cluster: true })));
  const seeds = servers.map((s) => `127.0.0.1:${s.port}`);
  const created = spawnSync(
    'redis-cli',
    ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'],
    {
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) {
    await Promise.all(servers.map((s) => s.stop()));
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  }
  await waitForClusterOk(servers);
  return {
    seeds,
    servers,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // While it replays a large AOF the server answers LOADING (an error): wait for PONG.
      await client.ping();
      return child;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    if (Date.now() - started > 20_000) throw new Error(`redis-server on ${port} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForClusterOk(servers: RedisServer[]): Promise<void> {
  const started = Date.now();
  for (;;) {
    const states = await Promise.all(
      servers.map(async (s) => {
        const client = new Redis({ port: s.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
        client.on('error', () => undefined);
        try {
          return (await client.cluster('INFO')).includes('cluster_state:ok');
        } catch {
          return false;
        } finally {
          client.disconnect();
        }
      }),
    );
    if (states.every(Boolean)) return;
    if (Date.now() - started > 20_000) throw new Error('the Redis Cluster did not reach cluster_state:ok');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function signal(child: ChildProcess, sig: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(sig);
  });
}
