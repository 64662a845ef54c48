// A `pitboss serve` child process with its output in a log file, started the way an operator
// would start one, and known to be up once it prints its ready line.

import { spawn, type ChildProcess } from 'node:child_process';
import { NODE_RUNTIME_FLAGS } from './node-runtime-flags.js';
import { createWriteStream } from 'node:fs';
import { readyPort } from '../protocol/ready-line.js';

export interface NodeChild {
  readonly nodeId: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** SIGTERM and wait for the exit (graceful stop). */
  stop(): Promise<number | null>;
}

export async function startNodeChild(options: {
  nodeId: string;
  cli: string;
  flags: Record<string, string | number | boolean>;
  logFile: string;
  timeoutMs?: number;
}): Promise<NodeChild> {
  const args = Object.entries(options.flags).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const child = spawn(process.execPath, [...NODE_RUNTIME_FLAGS, options.cli, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      // Not ready in time: stop it too, or nobody would (the caller never gets a handle on it).
      child.kill('SIGKILL');
      reject(new Error(`${options.nodeId} did not become ready; see ${options.logFile}`));
    }, options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const found = readyPort(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (found !== null) {
          clearTimeout(timer);
          resolve(found);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.nodeId} exited with ${code}: ${stderrTail.trim()} (log: ${options.logFile})`),
      );
    });
  });
  return {
    nodeId: options.nodeId,
    port,
    child,
    logFile: options.logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
