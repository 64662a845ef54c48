// bench:node's /proc counters: the per-thread CPU split it prints per action.
import { describe, expect, it } from 'vitest';
import { perAction, readProcCounters, type ProcCounters } from '../../bench/node/proc-stats.js';

const counters = (threads: Record<string, number>, user = 1, system = 0.5): ProcCounters => ({
  readCalls: 100,
  writeCalls: 200,
  contextSwitches: 10,
  userSeconds: user,
  systemSeconds: system,
  threadSeconds: new Map(Object.entries(threads)),
});

describe('proc counters', () => {
  it("reads this process's threads, the main one named main", () => {
    const now = readProcCounters(process.pid);
    if (now === null) return expect(process.platform).not.toBe('linux');
    expect(now.threadSeconds.has('main')).toBe(true);
    expect([...now.threadSeconds.values()].every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
  });

  it('splits CPU per action by thread, largest first, leaving out threads not there at both ends', () => {
    const before = counters({ main: 1.0, node: 0.2, gone: 0.1 });
    const after = counters({ main: 1.8, node: 0.3, born: 0.05 }, 2, 0.6);
    const split = perAction(before, after, 1000)?.threadMicros;
    expect(split).toEqual([
      { thread: 'main', micros: 800 },
      { thread: 'node', micros: 100 },
    ]);
  });
});
