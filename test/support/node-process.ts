// Starts the real `pitboss serve` binary (the built dist/) as a child process on a free loopback
// port with its own temp data directory, the way an operator would, and stops it afterwards.

import { readyPort } from '../../src/protocol/ready-line.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The build to run: dist/ by default; TEST_DIST points elsewhere (a private build while developing). */
export const DIST = process.env.TEST_DIST === undefined ? join(ROOT, 'dist') : resolve(process.env.TEST_DIST);
let built = false;

/** Builds dist/ once per test process (a no-op when it is up to date). */
export function ensureBuilt(): void {
  // The test line builds right before the e2e step; TEST_SKIP_BUILD=1 uses dist/ as it is.
  if (built || process.env.TEST_SKIP_BUILD === '1') return;
  const result = spawnSync('bash', ['scripts/build.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
  built = true;
}

export interface NodeProcess {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly adminToken: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout (JSON logs) and stderr. */
  readonly output: string[];
  /** SIGTERM and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** Resolves to the exit code when the process exits (by itself, say after a drain). */
  readonly exited: Promise<number | null>;
  /** SIGKILL and wait: a crash. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data directory (restart after a crash); by default a fresh temp directory. */
  readonly dataDir?: string;
  readonly port?: number;
  /** Extra `--key value` flags. Defaults keep tests quiet and free of demo tables. */
  readonly flags?: Record<string, string | number | boolean>;
  /** Extra environment variables for the node. */
  readonly env?: Record<string, string>;
}

const TEST_DEFAULTS: Record<string, string | number | boolean> = {
  'demo-tables.holdem': 0,
  'demo-tables.hokm': 0,
  'log-level': 'info',
  // Every test client signs up from 127.0.0.1; the sign-up limit has its own test.
  'limits.signups-per-ip-per-minute': 1000,
};

/** How long a node may take to print its ready line (a cluster node waits for Redis and PostgreSQL). */
const READY_TIMEOUT_MS = 90_000;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'pitboss-test-'));
}

export async function startNode(options: StartOptions = {}): Promise<NodeProcess> {
  ensureBuilt();
  const dataDir = options.dataDir ?? tempDataDir();
  const flags: Record<string, string | number | boolean> = {
    ...TEST_DEFAULTS,
    ...options.flags,
    port: options.port ?? 0,
    'data-dir': dataDir,
    host: '127.0.0.1',
  };
  const args = Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const child = spawn(process.execPath, [join(DIST, 'src', 'cli.js'), 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const port = await new Promise<number>((resolvePort, rejectPort) => {
    // Bounded: a node that never says it is ready is stopped here, not left behind by the test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectPort(new Error(`pitboss did not become ready in ${READY_TIMEOUT_MS} ms:\n${output.join('\n')}`));
    }, READY_TIMEOUT_MS);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        output.push(line);
        const ready = readyPort(line);
        if (ready !== null) {
          clearTimeout(timer);
          resolvePort(ready);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) =>
      output.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
    );
    void exited.then((code) => {
      clearTimeout(timer);
      rejectPort(new Error(`pitboss exited with ${code} before it was ready:\n${output.join('\n')}`));
    });
  });
  // A token given as a flag is not written to the data directory.
  const givenToken = flags['admin-token'];
  const adminToken =
    typeof givenToken === 'string' ? givenToken : readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    adminToken,
    child,
    output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
