// A private Pitboss node for a load run (`pitboss load --spawn`) and the capacity benchmark: the
// real `pitboss serve` in a child process on a free loopback port with a temp data directory,
// configured for load (no demo tables, no per-IP cap, quiet logs), removed afterwards.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ONE_ADDRESS_LIMITS } from '../launcher/one-address-limits.js';
import { readyPort } from '../protocol/ready-line.js';
import { NODE_RUNTIME_FLAGS } from '../launcher/node-runtime-flags.js';

export interface LocalNode {
  readonly url: string;
  readonly httpBase: string;
  readonly dataDir: string;
  readonly adminToken: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** The last 500 lines the node wrote (stdout and stderr). */
  readonly output: string[];
  /** The inspector's WebSocket URL when started with `inspect` (the benchmark uses it for GC). */
  readonly inspectorUrl: string | null;
  /** SIGTERM, wait (SIGKILL after 20 s), remove the data directory. */
  stop(): Promise<void>;
}

export interface LocalNodeOptions {
  /** Extra `--key value` settings for `pitboss serve` (override the load defaults). */
  readonly flags?: Readonly<Record<string, string | number | boolean>>;
  /** Extra Node.js flags (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Open the inspector on a free loopback port. */
  readonly inspect?: boolean;
  readonly keepDataDir?: boolean;
  /** The `cli.js` to run (e.g. dist/src/cli.js); by default the CLI next to this module. */
  readonly cli?: string;
  /** Every line the node writes (stdout and stderr), e.g. for --trace-gc output. */
  readonly onLine?: (line: string) => void;
  /**
   * Runs the node under this command, the Node.js binary and its arguments following it (e.g.
   * valgrind and its options: the benchmark's instruction counts). The pid is the wrapper's.
   */
  readonly wrapper?: readonly string[];
}

const LOAD_DEFAULTS: Readonly<Record<string, string | number | boolean>> = {
  'demo-tables.holdem': 0,
  'demo-tables.hokm': 0,
  // Every simulated player connects from 127.0.0.1: the per-IP limits would see one huge client.
  ...ONE_ADDRESS_LIMITS,
  'limits.tables-per-account': 10_000,
  'limits.max-tables': 1_000_000,
  'limits.max-bots-at-player-tables': 10,
  // info: the ready line (with the port) is logged at info; during play the node logs nothing at info.
  'log-level': 'info',
};

export async function startLocalNode(options: LocalNodeOptions = {}): Promise<LocalNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pitboss-load-'));
  const flags = { ...LOAD_DEFAULTS, ...options.flags, port: 0, host: '127.0.0.1', 'data-dir': dataDir };
  const args = Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const here = import.meta.url;
  const fromSource = options.cli === undefined ? here.endsWith('.ts') : options.cli.endsWith('.ts');
  const cli = options.cli ?? fileURLToPath(new URL(fromSource ? '../cli.ts' : '../cli.js', here));
  const nodeArgs = [
    ...NODE_RUNTIME_FLAGS,
    ...(fromSource ? ['--import', 'tsx'] : []),
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...(options.nodeArgs ?? []),
  ];
  // Under a wrapper, Node.js is the wrapper's program: its path follows the wrapper's own options.
  const command = options.wrapper?.[0] ?? process.execPath;
  const wrapped = options.wrapper ? [...options.wrapper.slice(1), process.execPath] : [];
  const child = spawn(command, [...wrapped, ...nodeArgs, cli, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  // The last lines only: enough to say why a node died, bounded for long runs.
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 500) output.shift();
  };
  let inspectorUrl: string | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        options.onLine?.(line);
        const ready = readyPort(line);
        if (ready !== null) resolve(ready);
        else keep(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        options.onLine?.(line);
        const m = /Debugger listening on (ws:\/\/\S+)/.exec(line);
        if (m?.[1] !== undefined) inspectorUrl = m[1];
        keep(line);
      }
    });
    void exited.then(() =>
      reject(new Error(`pitboss serve exited before it was ready:\n${output.join('\n')}`)),
    );
  });
  const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  let stopping: Promise<void> | null = null;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    httpBase: `http://127.0.0.1:${port}`,
    dataDir,
    adminToken,
    pid: child.pid ?? -1,
    child,
    output,
    inspectorUrl,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(killer);
        }
        if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
