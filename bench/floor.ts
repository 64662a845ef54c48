// `npm run bench:floor`: the floor under bench:node's "node CPU per action" on this machine.
//
// bench:node measures Pitboss at 3,000 players on 500 six-seat tables at human pace, with the load
// generator on the same two cores and every frame crossing loopback TCP (whose receive side the
// kernel runs in the *sender's* context, so it counts against the server). This runs the same shape
// of traffic — the same players, tables, think time and bytes per action — against a bare `ws`
// server (bench/node/floor-server.ts) that does only what any server must: parse the action, in mode
// `durable` commit it to a SQLite WAL, and write one event frame to each seat, an ack and a turn
// notice. Its CPU per action is what no change inside Pitboss can go below on this harness; the
// difference to bench:node's figure is Pitboss's own work (validation, the engine, projection, the
// table log's checks, timers, histories, metrics, the ledger).
//
//   npm run bench:floor -- [--players 3000] [--seats 6] [--hold 40] [--think lognormal:1500:0.5]
//                          [--event-bytes 500] [--modes relay,durable]
//
// Bounded: each mode connects, settles 5 s, holds --hold seconds, then stops its server.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { parseThinkSpec, thinkSampler } from '../src/load/think-time.js';
import { perAction, readProcCounters } from './node/proc-stats.js';

interface FloorArgs {
  players: number;
  seats: number;
  holdSeconds: number;
  think: string;
  eventBytes: number;
  modes: string[];
}

function parseArgs(argv: readonly string[]): FloorArgs {
  const args: FloorArgs = {
    players: 3000,
    seats: 6,
    holdSeconds: 40,
    think: 'lognormal:1500:0.5',
    eventBytes: 500,
    modes: ['relay', 'durable'],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[++i] ?? '';
    const n = Number(value);
    switch (flag) {
      case '--players':
        args.players = n;
        break;
      case '--seats':
        args.seats = n;
        break;
      case '--hold':
        args.holdSeconds = n;
        break;
      case '--think':
        args.think = value;
        break;
      case '--event-bytes':
        args.eventBytes = n;
        break;
      case '--modes':
        args.modes = value.split(',');
        break;
      default:
        throw new Error(`unknown option ${flag} (see the header of bench/floor.ts)`);
    }
  }
  for (const m of args.modes) if (m !== 'relay' && m !== 'durable') throw new Error(`unknown mode ${m}`);
  return args;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(mode: string, eventBytes: number, dir: string) {
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      'bench/node/floor-server.ts',
      mode,
      String(eventBytes),
      dir,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^port (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`floor server exited (${code ?? 'signal'})`)));
  });
  return { child, port, pid: child.pid ?? 0 };
}

async function runMode(mode: string, args: FloorArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-floor-'));
  const server = await startServer(mode, args.eventBytes, dir);
  const think = thinkSampler(parseThinkSpec(args.think), { minMs: 50, maxMs: 20_000 });
  const tables = Math.ceil(args.players / args.seats);
  const sockets: WebSocket[][] = [];
  let actions = 0;
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  for (let t = 0; t < tables; t++) {
    const seats: WebSocket[] = [];
    for (let s = 0; s < args.seats && t * args.seats + s < args.players; s++) {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}`, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.send(String(t));
      seats.push(ws);
    }
    sockets.push(seats);
  }
  // Each table: the seat whose turn it is acts after a think time; the ack starts the next turn.
  let nextId = 0;
  const act = (t: number, seat: number) => {
    if (stopping) return;
    const seats = sockets[t] ?? [];
    const ws = seats[seat];
    if (!ws) return;
    const id = ++nextId;
    const onAck = (raw: unknown) => {
      const text = String(raw);
      if (!text.startsWith('{"type":"ack"')) return;
      ws.off('message', onAck);
      actions++;
      const timer = setTimeout(() => {
        timers.delete(timer);
        act(t, (seat + 1) % seats.length);
      }, think());
      timers.add(timer);
    };
    ws.on('message', onAck);
    ws.send(JSON.stringify({ type: 'table.act', t, id, a: 'call', amount: 0 }));
  };
  for (let t = 0; t < sockets.length; t++) {
    const timer = setTimeout(() => act(t, 0), Math.random() * 1500);
    timers.add(timer);
  }
  await sleep(5_000);
  const before = readProcCounters(server.pid);
  const actionsBefore = actions;
  await sleep(args.holdSeconds * 1000);
  const after = readProcCounters(server.pid);
  const measured = actions - actionsBefore;
  stopping = true;
  for (const timer of timers) clearTimeout(timer);
  for (const seats of sockets) for (const ws of seats) ws.terminate();
  server.child.stdin.end();
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  if (!before || !after) throw new Error('no /proc counters for the floor server (Linux only)');
  const cpu = after.userSeconds - before.userSeconds + (after.systemSeconds - before.systemSeconds);
  return {
    mode,
    actions: measured,
    perSecond: measured / args.holdSeconds,
    microsPerAction: (cpu * 1e6) / measured,
    proc: perAction(before, after, measured),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  process.stdout.write(
    `bench:floor · a bare ws server on bench:node's workload: ${args.players} players, ${args.seats} seats, think ${args.think}, ${args.eventBytes}-byte events, hold ${args.holdSeconds} s\n`,
  );
  for (const mode of args.modes) {
    const r = await runMode(mode, args);
    const p = r.proc;
    process.stdout.write(
      `  ${mode.padEnd(8)} ${r.perSecond.toFixed(1)} actions/s, server CPU ${r.microsPerAction.toFixed(0)} µs/action` +
        (p
          ? `; per action ${p.readCalls} read / ${p.writeCalls} write calls, ${p.contextSwitches} context switches, kernel ${Math.round(p.systemShare * 100)} %`
          : '') +
        '\n',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:floor failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
