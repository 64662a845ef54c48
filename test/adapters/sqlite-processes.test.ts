// The SQLite TableLog with real processes: an acknowledged append survives SIGKILL (WAL with
// synchronous=NORMAL), and fencing holds between two processes writing one file at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteTableLog } from '../../src/adapters/sqlite/table-log.js';
import { makeTempDir } from './temp-dir.js';

const WRITER = resolve(import.meta.dirname, 'fixtures/log-writer.ts');

/** Writers still running; each test stops its own, even when it fails half-way. */
const writers = new Set<ChildProcess>();

function startWriter(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  writers.add(child);
  child.once('exit', () => writers.delete(child));
  return child;
}

async function output(child: ChildProcess): Promise<string> {
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  return text.trim();
}

describe('SqliteTableLog across processes', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir('proc');
    file = join(dir.path, 'log.db');
  });
  afterEach(() => {
    for (const child of writers) child.kill('SIGKILL');
    dir.remove();
  });

  it('keeps every acknowledged append when the writing process is killed with SIGKILL', async () => {
    const child = startWriter('ack', file, '1');
    let acked = 0;
    const lines = createInterface({ input: child.stdout! });
    for await (const line of lines) {
      acked = Number(line);
      if (acked >= 300) break;
    }
    child.kill('SIGKILL');
    await once(child, 'exit');

    const log = new SqliteTableLog(file);
    const last = await log.lastSeq('t1');
    expect(last).toBeGreaterThanOrEqual(acked);
    const seqs = (await log.read('t1', 1)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    await log.close();
  });

  it('lets no write of a lower epoch follow a higher one when two processes append at once', async () => {
    const setup = new SqliteTableLog(file);
    await setup.append('t1', 1, 1, ['start']);
    await setup.close();
    // The newer owner starts once the older one is writing, so the two really overlap.
    const [older, newer] = await Promise.all([
      output(startWriter('race', file, '1', '100000')),
      output(startWriter('race', file, '2', '200', '100')),
    ]);
    expect(newer).toBe('done 200');
    expect(older).toMatch(/^fenced \d+$/);

    const log = new SqliteTableLog(file);
    const entries = await log.read('t1', 1);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    const firstNewer = entries.findIndex((e) => e.epoch === 2);
    expect(firstNewer).toBeGreaterThan(0);
    expect(entries.slice(firstNewer).every((e) => e.epoch === 2)).toBe(true);
    expect(entries.filter((e) => e.epoch === 2)).toHaveLength(200);
    await log.close();
  });
});
