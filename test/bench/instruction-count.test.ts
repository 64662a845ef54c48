import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCapacityArgs } from '../../bench/node/args.js';
import {
  callgrindWrapper,
  hasValgrind,
  startCounting,
  stopCounting,
  totalOf,
} from '../../bench/node/instruction-count.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bench:node --instructions', () => {
  it('is an option of its own, off by default', () => {
    expect(parseCapacityArgs([]).instructions).toBe(false);
    expect(parseCapacityArgs(['--instructions', '--steps', '300']).instructions).toBe(true);
  });

  it("reads a callgrind dump's total", () => {
    expect(totalOf('version: 1\nevents: Ir\nsummary: 123456\n')).toBe(123456);
    expect(totalOf('events: Ir\ntotals: 987 12\n')).toBe(987);
    expect(() => totalOf('events: Ir\n')).toThrow(/summary/);
  });

  // valgrind is a Debian package on every machine of this kind; where it is missing the mode
  // refuses to start with a clear message, and this test cannot run.
  it.skipIf(!hasValgrind())(
    'counts the instructions a process runs between start and stop, its main thread among them',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pitboss-callgrind-'));
      dirs.push(dir);
      const [command = 'valgrind', ...args] = callgrindWrapper(dir);
      // A process that keeps its main thread busy until it is told to stop (stdin closes).
      const child = spawn(
        command,
        [
          ...args,
          process.execPath,
          '-e',
          "let n = 0; const t = setInterval(() => { for (let i = 0; i < 1e5; i++) n += i; }, 5); process.stdin.on('end', () => clearInterval(t)); process.stdin.resume(); console.log('ready');",
        ],
        { stdio: ['pipe', 'pipe', 'ignore'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('ready')) resolve();
          });
          child.once('exit', () => reject(new Error('the process under valgrind exited early')));
        });
        const pid = child.pid ?? -1;
        startCounting(pid);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const counted = stopCounting(pid, dir);
        expect(counted.mainThread).toBeGreaterThan(1_000_000);
        expect(counted.total).toBeGreaterThanOrEqual(counted.mainThread);
      } finally {
        child.stdin.end();
        await new Promise((resolve) => {
          if (child.exitCode !== null) resolve(undefined);
          else child.once('exit', resolve);
        });
      }
    },
    60_000,
  );
});
