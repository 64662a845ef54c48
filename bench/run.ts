// `npm run bench [-- <name> …] [--rounds N] [--round-ms MS] [--list]`: runs Pitboss's benchmarks.
//
// Adding a benchmark: create `bench/<name>.bench.ts` whose default export is a `Bench`
// (bench/lib/bench.ts):
//
//   import type { Bench } from './lib/bench.js';
//   const bench: Bench = {
//     name: 'holdem',                                   // `npm run bench -- holdem` runs only this
//     description: 'full bot hands simulated per second',
//     async run({ rounds, roundMs, print }) {            // → Promise<BenchResult>
//       // … measure; print(...) result lines that say what was measured and in what unit …
//       return { summary: ['holdem: 12.3k hands/s (median of 7 rounds)'], metrics: { handsPerSec: 12300 } };
//     },
//   };
//   export default bench;
//
// The runner finds every such file, runs the ones named on the command line (all when none are
// named) one after another, and prints each one's summary lines again at the end. Rules for a
// bench: stay bounded (a few seconds with the default options); measure in this one process;
// compare against a peer by alternating rounds and reporting medians (bench/lib/measure.ts does
// this) because this machine is shared and noisy; record the command and numbers in
// docs/benchmarks.md. `rounds` and `roundMs` come from the command line (defaults 7 and 100).

import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBench, type Bench, type BenchOptions } from './lib/bench.js';

const BENCH_DIR = import.meta.dirname;
const SUFFIX = '.bench.ts';

interface Args {
  readonly names: readonly string[];
  readonly rounds: number;
  readonly roundMs: number;
  readonly list: boolean;
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive integer, got ${value ?? 'nothing'}`);
  return n;
}

function parseArgs(argv: readonly string[]): Args {
  const names: string[] = [];
  let rounds = 7;
  let roundMs = 100;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--rounds') rounds = positiveInt(arg, argv[++i]);
    else if (arg === '--round-ms') roundMs = positiveInt(arg, argv[++i]);
    else if (arg === '--list') list = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else names.push(arg);
  }
  return { names, rounds, roundMs, list };
}

async function discover(): Promise<Bench[]> {
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { default?: unknown };
    if (!isBench(mod.default))
      throw new Error(`${file}: the default export is not a Bench (see bench/lib/bench.ts)`);
    if (mod.default.name !== basename(file, SUFFIX)) {
      throw new Error(`${file}: its name is '${mod.default.name}', expected '${basename(file, SUFFIX)}'`);
    }
    benches.push(mod.default);
  }
  return benches;
}

function machine(): string {
  const cpu = cpus();
  return `node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = await discover();
  if (args.list) {
    for (const b of all) console.log(`${b.name}: ${b.description}`);
    return 0;
  }
  const unknown = args.names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; available: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = args.names.length === 0 ? all : all.filter((b) => args.names.includes(b.name));
  console.log(`pitboss bench · ${machine()} · ${args.rounds} rounds × ${args.roundMs} ms`);
  const options: BenchOptions = {
    rounds: args.rounds,
    roundMs: args.roundMs,
    print: (line) => console.log(line),
  };
  const summary: string[] = [];
  let failed = 0;
  for (const bench of selected) {
    console.log(`\n━━ ${bench.name}: ${bench.description}`);
    const started = process.hrtime.bigint();
    try {
      const result = await bench.run(options);
      summary.push(...result.summary);
    } catch (error) {
      failed++;
      summary.push(`${bench.name}: FAILED (${error instanceof Error ? error.message : String(error)})`);
      console.error(error);
    }
    console.log(`(${bench.name} took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
  }
  console.log(`\n━━ summary\n${summary.join('\n')}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
