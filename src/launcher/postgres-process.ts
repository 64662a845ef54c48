// A real PostgreSQL server, for the tests and for `pitboss cluster` (Debian's `postgresql`, which
// the test line installs): initdb into a temp directory (or a given one), `postgres` on a free
// loopback port, stopped (fast shutdown) by `stop()`. PostgreSQL refuses to run as root, so as root
// it runs as the `postgres` user the package creates. Unless asked to be `durable`, fsync is off:
// the tests check the Store's SQL, not the disk.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface PostgresServer {
  readonly port: number;
  /** postgres://pitboss@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (a fast shutdown) but keeps its data: an outage, ended by `restart`. */
  halt(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

export function postgresAvailable(): boolean {
  return binDir() !== null;
}

/**
 * As root, run as the `postgres` user; otherwise as ourselves. setpriv execs the command in place
 * (runuser would stay in between and not pass our SIGINT on), so signals reach the server itself.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0
    ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]]
    : [command, args];
}

export async function startPostgres(
  options: { dir?: string; durable?: boolean; port?: number } = {},
): Promise<PostgresServer> {
  const bin = binDir();
  if (bin === null)
    throw new Error('PostgreSQL is not installed (the test line installs Debian’s postgresql)');
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pitboss-pg-'));
  mkdirSync(dir, { recursive: true });
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  chmodSync(dir, 0o700);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    const initdbArgs = ['-D', data, '-U', 'pitboss', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'];
    const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), initdbArgs);
    const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
  }
  const port = options.port ?? (await freePort());
  const fast = options.durable
    ? []
    : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    ...['-D', data, '-p', String(port), '-k', dir],
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...fast],
  ]);
  const url = (database = 'postgres') => `postgres://pitboss@127.0.0.1:${port}/${database}`;
  const launch = async (): Promise<ChildProcess> => {
    const started = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitUntilAccepting(url(), started, () => stderr);
    return started;
  };
  const halt = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT'); // fast shutdown
    });
  };
  let child = await launch();
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    halt,
    async restart() {
      await halt();
      child = await launch();
    },
    async stop() {
      await halt();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAccepting(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${stderr()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() - started > 30_000) throw new Error(`postgres did not start: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
