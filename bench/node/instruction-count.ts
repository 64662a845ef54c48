// Counting the node's instructions per action with valgrind's callgrind (`--instructions`).
//
// CPU time per action moves by up to 2.5× on this shared VM between quiet and busy hours
// (docs/benchmarks.md), far more than most changes save. The number of instructions the node's
// process executes in user space does not depend on what the neighbours do: callgrind counts them,
// the same for the same code and the same work. It says nothing about the kernel's part (socket
// writes, SQLite's pwrite: those are the system-call counts), and the node runs ~50× slower under
// it, so the bench drives a light load (a few hundred players) in this mode and reports instructions
// per action, never latency.
//
// The node starts with instrumentation off (startup and the ramp run at valgrind's uninstrumented
// speed); `callgrind_control -i on` turns it on at the hold's start, and a dump at its end holds
// the instructions of exactly the hold.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The command that runs the node under callgrind, its dumps written to `outDir`. */
export function callgrindWrapper(outDir: string): string[] {
  return [
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    // V8 writes and rewrites machine code on the heap: valgrind must notice, or it runs stale code.
    '--smc-check=all-non-file',
    // One count per thread: the main thread's is Pitboss's own work (and the GC's share there);
    // V8's background threads compile hot functions, which a light load makes look costly per action.
    '--separate-threads=yes',
    `--callgrind-out-file=${join(outDir, 'callgrind.out.%p')}`,
  ];
}

/** Says whether valgrind is installed (the mode is refused with a clear message otherwise). */
export function hasValgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts counting the node's instructions (turns callgrind's instrumentation on). */
export function startCounting(pid: number): void {
  execFileSync('callgrind_control', ['--instr=on', String(pid)], { stdio: 'ignore' });
}

/** Instructions executed while counting: all the node's threads, and its main thread alone. */
export interface InstructionCount {
  readonly total: number;
  readonly mainThread: number;
}

/**
 * Dumps what was counted since `startCounting` and turns counting off: the instructions executed in
 * between, in every thread of the node's process (main thread, GC helpers, compiler threads,
 * libuv's pool) and in the main thread (the event loop: everything Pitboss's code does).
 */
export function stopCounting(pid: number, outDir: string): InstructionCount {
  const before = new Set(dumpsOf(pid, outDir));
  execFileSync('callgrind_control', ['--dump=hold', String(pid)], { stdio: 'ignore' });
  execFileSync('callgrind_control', ['--instr=off', String(pid)], { stdio: 'ignore' });
  const fresh = dumpsOf(pid, outDir).filter((f) => !before.has(f));
  // One dump file per thread (callgrind.out.<pid>.<dump>-<thread>); thread 01 is the main thread.
  if (fresh.length === 0) throw new Error(`callgrind wrote no dump for pid ${pid} in ${outDir}`);
  let total = 0;
  let mainThread = 0;
  for (const file of fresh) {
    const count = totalOf(readFileSync(join(outDir, file), 'utf8'));
    total += count;
    if (file.endsWith('-01')) mainThread = count;
  }
  return { total, mainThread };
}

function dumpsOf(pid: number, outDir: string): string[] {
  return readdirSync(outDir).filter((f) => f.startsWith(`callgrind.out.${pid}.`));
}

/** The instruction total of one callgrind dump ("summary:" or "totals:" line, first event = Ir). */
export function totalOf(dump: string): number {
  const line = /^(?:summary|totals):\s+(\d+)/m.exec(dump);
  if (!line?.[1]) throw new Error('a callgrind dump without a summary line');
  return Number(line[1]);
}
