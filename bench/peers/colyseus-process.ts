// Starts bench/peers/colyseus-server.ts as its own process (its CPU is then its own to measure) and
// talks to it over its standard streams: the port it listens on, and its rooms' counters on demand.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { roomStats } from './colyseus-holdem-room.js';

export type RoomStats = typeof roomStats;

export interface ColyseusProcessOptions {
  /** Milliseconds between state patches, or null for a patch right after every action. */
  readonly patchRate: number | null;
  readonly seats: number;
  readonly turnSeconds: number;
  readonly handDelayMs: number;
}

export interface ColyseusProcess {
  readonly pid: number;
  readonly port: number;
  stats(): Promise<RoomStats>;
  /** Closes its stdin and waits for it to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

const SERVER = resolve(import.meta.dirname, 'colyseus-server.ts');

export async function startColyseusProcess(options: ColyseusProcessOptions): Promise<ColyseusProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SERVER,
      options.patchRate === null ? 'turn' : String(options.patchRate),
      String(options.seats),
      String(options.turnSeconds),
      String(options.handDelayMs),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const lines = createInterface({ input: child.stdout });
  const waiting: { prefix: string; resolve: (rest: string) => void }[] = [];
  lines.on('line', (line) => {
    const index = waiting.findIndex((w) => line.startsWith(w.prefix));
    const waiter = waiting[index];
    if (!waiter) return;
    waiting.splice(index, 1);
    waiter.resolve(line.slice(waiter.prefix.length));
  });
  const nextLine = (prefix: string) =>
    Promise.race([
      new Promise<string>((resolve) => waiting.push({ prefix, resolve })),
      exited.then((code) => Promise.reject(new Error(`the Colyseus server exited (${code ?? 'signal'})`))),
    ]);
  const port = Number(await nextLine('port '));
  return {
    pid: child.pid ?? 0,
    port,
    async stats() {
      const answer = nextLine('stats ');
      child.stdin.write('stats\n');
      return JSON.parse(await answer) as RoomStats;
    },
    async stop() {
      child.stdin.end();
      // A server too busy or wedged to see its stdin close is killed: the bench stops either way.
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
