// `npm run bench:peers`: Pitboss's CPU per action next to Colyseus 0.18's on the same workload, in
// one run, so that "cheaper than Colyseus" is a ratio measured on this machine rather than a claim.
//
// The workload is bench:node's: P players on six-seat No-Limit Hold'em tables, think time lognormal
// (median 1.5 s), the same bot policy (src/load/load-games.ts), a 30 s turn timer and 3 s between
// hands. The modes, alternated round by round so that a busy minute on the machine does not land on
// one of them only:
//   pitboss        bench:node's step at P players (the real `pitboss serve`, its own process)
//   colyseus-turn  the same engine in a Colyseus room (bench/peers/colyseus-holdem-room.ts) that sends
//                  a state patch right after every action — Colyseus tuned for a turn-based game
//   colyseus-50ms  the same room at Colyseus's default patch rate (a patch every 50 ms)
// Server CPU per action = the server process's CPU (user + system, from /proc) over the hold ÷
// actions accepted over the hold. Pitboss does more per action than the Colyseus room: it appends
// every action to a durable log before anyone sees it, and keeps hand histories and a ledger.
//
//   npm run bench:peers -- [--players 3000] [--seats 6] [--hold 40] [--settle 10] [--rounds 3]
//                          [--modes pitboss,colyseus-turn,colyseus-50ms] [--dist dist]
//
// Bounded: each run seats its players, settles, holds, then stops its server. Results and the exact
// command: docs/benchmarks.md ("Against Colyseus").

import { spawn, spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { parseThinkSpec, thinkSampler } from '../src/load/think-time.js';
import { median } from './lib/measure.js';
import { perAction, readProcCounters } from './node/proc-stats.js';
import { startColyseusProcess } from './peers/colyseus-process.js';
import { seatPlayers } from './peers/colyseus-players.js';

const MODES = ['pitboss', 'colyseus-turn', 'colyseus-50ms'] as const;
type Mode = (typeof MODES)[number];

interface PeersArgs {
  players: number;
  seats: number;
  holdSeconds: number;
  settleSeconds: number;
  rounds: number;
  modes: Mode[];
  dist: string | null;
}

const THINK = 'lognormal:1500:0.5';
const TURN_SECONDS = 30;
const HAND_DELAY_MS = 3000;

/** The command line, checked: unknown options and non-positive counts are errors. */
function readArgs(argv: string[]): PeersArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      players: { type: 'string', default: '3000' },
      seats: { type: 'string', default: '6' },
      hold: { type: 'string', default: '40' },
      settle: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      modes: { type: 'string', default: MODES.join(',') },
      dist: { type: 'string' },
    },
  });
  const positive = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const modes = values.modes.split(',').map((m) => {
    if (!(MODES as readonly string[]).includes(m)) throw new Error(`unknown mode ${m} (${MODES.join(', ')})`);
    return m as Mode;
  });
  return {
    players: positive('players', values.players),
    seats: positive('seats', values.seats),
    holdSeconds: positive('hold', values.hold),
    settleSeconds: positive('settle', values.settle),
    rounds: positive('rounds', values.rounds),
    modes,
    dist: values.dist ?? null,
  };
}

interface RunResult {
  readonly mode: Mode;
  readonly actionsPerSecond: number;
  readonly microsPerAction: number;
  /** Per action: system calls, and the kernel's share of the server's CPU ('' when unknown). */
  readonly perAction: string;
  readonly note: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** One Pitboss step through bench:node (its own orchestration: the node, workers, settle, hold). */
async function runPitboss(args: PeersArgs, dist: string): Promise<RunResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/node-capacity.ts',
      '--steps',
      String(args.players),
      '--seats',
      String(args.seats),
      '--hold',
      String(args.holdSeconds),
      '--settle',
      String(args.settleSeconds),
      '--idle',
      '0',
      '--think',
      THINK,
      '--turn-seconds',
      String(TURN_SECONDS),
      '--dist',
      dist,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let step: string | null = null;
  let proc: string | null = null;
  for await (const line of createInterface({ input: child.stdout })) {
    if (/^\s+\d+ players\s+\d+ tables:/.test(line)) step = line;
    if (/^\s+per action: /.test(line)) proc = line;
  }
  const code = await new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );
  const cpu = step === null ? null : /node CPU [\d.]+%, ([\d.]+) µs\/action/.exec(step);
  const rate = step === null ? null : /: ([\d.]+) actions\/s/.exec(step);
  const generator = step === null ? null : /generator CPU ([\d.–]+)%, loop p99 ([\d.]+) ms/.exec(step);
  const calls =
    proc === null ? null : /([\d.]+) read and ([\d.]+) write system calls.*kernel (\d+) %/.exec(proc);
  if (!cpu?.[1] || !rate?.[1])
    throw new Error(`bench:node printed no step result (exit ${code ?? 'signal'})`);
  return {
    mode: 'pitboss',
    actionsPerSecond: Number(rate[1]),
    microsPerAction: Math.round(Number(cpu[1])),
    perAction: calls ? `${calls[1]} reads, ${calls[2]} writes, kernel ${calls[3]} %` : '',
    note: generator ? `generator ${generator[1]} % CPU, loop p99 ${generator[2]} ms` : '',
  };
}

async function runColyseus(mode: Mode, args: PeersArgs): Promise<RunResult> {
  const server = await startColyseusProcess({
    patchRate: mode === 'colyseus-turn' ? null : 50,
    seats: args.seats,
    turnSeconds: TURN_SECONDS,
    handDelayMs: HAND_DELAY_MS,
  });
  const think = thinkSampler(parseThinkSpec(THINK), { minMs: 0, maxMs: TURN_SECONDS * 1000 - 2000 });
  // Seating 3,000 players takes seconds here; a server that stops answering must not hold the run.
  const seatingMs = 60_000 + args.players * 20;
  const seating = seatPlayers(`ws://127.0.0.1:${server.port}`, {
    players: args.players,
    seats: args.seats,
    think,
    parallel: 10,
  });
  let deadline: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    deadline = setTimeout(
      () => reject(new Error(`seating ${args.players} players took over ${seatingMs / 1000} s`)),
      seatingMs,
    );
  });
  const players = await Promise.race([seating, late])
    .finally(() => clearTimeout(deadline))
    .catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
  try {
    await sleep(args.settleSeconds * 1000);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const generatorBefore = process.cpuUsage();
    const before = readProcCounters(server.pid);
    const statsBefore = await server.stats();
    await sleep(args.holdSeconds * 1000);
    const after = readProcCounters(server.pid);
    const statsAfter = await server.stats();
    const generator = process.cpuUsage(generatorBefore);
    loop.disable();
    if (!before || !after) throw new Error('no /proc counters for the Colyseus server (Linux only)');
    const actions = statsAfter.accepted - statsBefore.accepted;
    const timeouts = statsAfter.timeouts - statsBefore.timeouts;
    const cpu = after.userSeconds - before.userSeconds + (after.systemSeconds - before.systemSeconds);
    const generatorPercent = ((generator.user + generator.system) / 1e6 / args.holdSeconds) * 100;
    const calls = perAction(before, after, actions);
    return {
      mode,
      actionsPerSecond: Math.round((actions / args.holdSeconds) * 10) / 10,
      microsPerAction: Math.round((cpu * 1e6) / actions),
      perAction: calls
        ? `${calls.readCalls} reads, ${calls.writeCalls} writes, kernel ${Math.round(calls.systemShare * 100)} %`
        : '',
      note:
        `generator ${Math.round(generatorPercent)} % CPU, loop p99 ${Math.round(loop.percentile(99) / 1e6)} ms` +
        (players.counters.rejected > 0 ? `, ${players.counters.rejected} actions rejected` : '') +
        (timeouts > 0 ? `, ${timeouts} turns timed out` : ''),
    };
  } finally {
    await players.stop();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  let dist = args.dist;
  if (args.modes.includes('pitboss') && dist === null) {
    const built = spawnSync('bash', ['scripts/build.sh'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('scripts/build.sh failed');
    dist = 'dist';
  }
  log(
    `bench:peers · ${args.players} players on ${Math.ceil(args.players / args.seats)} ${args.seats}-seat Hold'em tables, think ${THINK}, ` +
      `settle ${args.settleSeconds} s, hold ${args.holdSeconds} s, ${args.rounds} rounds of ${args.modes.join(', ')}`,
  );
  const results: RunResult[] = [];
  for (let round = 0; round < args.rounds; round++) {
    // Rotate which mode goes first: a slow spell of the machine should not always hit the same one.
    const order = args.modes.map((_, i) => args.modes[(i + round) % args.modes.length] as Mode);
    for (const mode of order) {
      const r = mode === 'pitboss' ? await runPitboss(args, dist ?? 'dist') : await runColyseus(mode, args);
      results.push(r);
      log(
        `  round ${round + 1} ${r.mode.padEnd(14)} ${r.actionsPerSecond} actions/s, server CPU ${r.microsPerAction} µs/action` +
          `${r.perAction === '' ? '' : `; per action ${r.perAction}`} (${r.note})`,
      );
    }
  }
  log('  median server CPU per action:');
  const medians = new Map<Mode, number>();
  for (const mode of args.modes) {
    const m = median(results.filter((r) => r.mode === mode).map((r) => r.microsPerAction));
    medians.set(mode, m);
    log(`    ${mode.padEnd(14)} ${Math.round(m)} µs`);
  }
  const pitboss = medians.get('pitboss');
  if (pitboss !== undefined)
    for (const [mode, m] of medians)
      if (mode !== 'pitboss') log(`    pitboss ÷ ${mode}: ${(pitboss / m).toFixed(2)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:peers failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
