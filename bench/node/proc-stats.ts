// Counters the kernel keeps for a process (Linux /proc): system calls that read and write, the main
// thread's context switches (each time the event loop slept and woke), and user vs system CPU. Per
// player action these are far steadier from run to run than CPU time on a shared 2-core machine,
// so they show what a change saved even when the CPU figure is inside the noise.

import { readdirSync, readFileSync } from 'node:fs';

export interface ProcCounters {
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly contextSwitches: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  /** CPU seconds (user + system) by thread: `main`, or the thread's name as the kernel has it. */
  readonly threadSeconds: ReadonlyMap<string, number>;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The counters of `pid` now, or null where /proc is not there (not Linux) or the process is gone. */
export function readProcCounters(pid: number): ProcCounters | null {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const field = (text: string, name: string): number =>
      Number(new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return {
      readCalls: field(io, 'syscr'),
      writeCalls: field(io, 'syscw'),
      contextSwitches: field(status, 'voluntary_ctxt_switches') + field(status, 'nonvoluntary_ctxt_switches'),
      userSeconds: Number(fields[11]) / TICKS_PER_SECOND,
      systemSeconds: Number(fields[12]) / TICKS_PER_SECOND,
      threadSeconds: readThreadSeconds(pid),
    };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of each of `pid`'s threads, summed by name. The main thread is `main`; Node 20
 * leaves the rest named `node` (V8's GC and compiler helpers, libuv's pool), and a profiler adds
 * its own (`v8:ProfEvntProc`). A thread that ended between two reads takes its seconds with it,
 * which is why the per-action figures below only count names present at both ends.
 */
function readThreadSeconds(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended while we listed them
    }
    const name = Number(tid) === pid ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    byName.set(name, (byName.get(name) ?? 0) + seconds);
  }
  return byName;
}

export interface ProcPerAction {
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly contextSwitches: number;
  /** Share of the process's CPU spent in the kernel (system calls, the loopback TCP path). */
  readonly systemShare: number;
  /** µs of CPU per action by thread name (see readThreadSeconds), largest first. */
  readonly threadMicros: readonly { readonly thread: string; readonly micros: number }[];
}

export function perAction(before: ProcCounters, after: ProcCounters, actions: number): ProcPerAction | null {
  if (actions <= 0) return null;
  const cpu = after.userSeconds - before.userSeconds + (after.systemSeconds - before.systemSeconds);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    readCalls: round((after.readCalls - before.readCalls) / actions),
    writeCalls: round((after.writeCalls - before.writeCalls) / actions),
    contextSwitches: round((after.contextSwitches - before.contextSwitches) / actions),
    systemShare: cpu > 0 ? round((after.systemSeconds - before.systemSeconds) / cpu) : 0,
    threadMicros: [...after.threadSeconds]
      .filter(([name]) => before.threadSeconds.has(name))
      .map(([thread, seconds]) => ({
        thread,
        micros: Math.round(((seconds - (before.threadSeconds.get(thread) ?? 0)) * 1e6) / actions),
      }))
      .sort((a, b) => b.micros - a.micros),
  };
}
