// Measures TableLog append throughput and Store transfer throughput
// (run: npx tsx test/adapters/storage-rates.ts). Not a test: it reports numbers and asserts nothing. Each scenario runs a few times on a fresh file and the
// median is printed, since this machine is shared and noisy.

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryTableLog } from '../../src/adapters/memory/table-log.js';
import { createSqliteStore } from '../../src/adapters/sql/sqlite-store.js';
import { SqliteTableLog } from '../../src/adapters/sqlite/table-log.js';
import type { SqliteSynchronous } from '../../src/adapters/sqlite/database.js';
import type { TableLog } from '../../src/ports/table-log.js';
import { makeTempDir } from './temp-dir.js';

// A typical command record: about 150 bytes of JSON.
const RECORD = JSON.stringify({
  t: 'act',
  seat: 3,
  action: { type: 'raise', amount: 1200 },
  at: 1_700_000_000_000,
  by: 'acct-0123456789abcdef',
});

interface Scenario {
  readonly name: string;
  /** Tables appending at the same time, each awaiting its own appends like a table actor. */
  readonly tables: number;
  readonly batch: number;
  /** Appends in total, spread evenly over the tables. */
  readonly appends: number;
}

async function run(log: TableLog, s: Scenario): Promise<number> {
  const records = new Array<string>(s.batch).fill(RECORD);
  const perTable = Math.ceil(s.appends / s.tables);
  const actor = async (t: number): Promise<void> => {
    let next = 1;
    for (let i = 0; i < perTable; i++) {
      await log.append(`table-${t}`, 1, next, records);
      next += s.batch;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: s.tables }, (_, t) => actor(t)));
  const seconds = (performance.now() - start) / 1000;
  return (perTable * s.tables) / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(
  label: string,
  open: () => { log: TableLog; done: () => void },
  s: Scenario,
): Promise<void> {
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const { log, done } = open();
    rates.push(await run(log, s));
    await log.close();
    done();
  }
  const rate = median(rates);
  console.log(
    `${label.padEnd(22)} ${s.name.padEnd(34)} ${Math.round(rate).toString().padStart(8)} appends/s` +
      `  ${Math.round(rate * s.batch)
        .toString()
        .padStart(8)} records/s`,
  );
}

function sqlite(synchronous: SqliteSynchronous, groupCommit: boolean) {
  return () => {
    const dir = makeTempDir('bench');
    const log = new SqliteTableLog(join(dir.path, 'log.db'), { synchronous, groupCommit });
    return { log, done: dir.remove };
  };
}

const scenarios: Scenario[] = [
  { name: '1 table, 1 record per append', tables: 1, batch: 1, appends: 20_000 },
  { name: '1 table, 10 records per append', tables: 1, batch: 10, appends: 5_000 },
  { name: '500 concurrent tables, 1 record', tables: 500, batch: 1, appends: 50_000 },
];

for (const s of scenarios) {
  await measure('memory', () => ({ log: new MemoryTableLog(), done: () => undefined }), s);
  await measure('sqlite NORMAL', sqlite('NORMAL', false), s);
  await measure('sqlite NORMAL group', sqlite('NORMAL', true), s);
}
for (const s of [
  { name: '1 table, 1 record per append', tables: 1, batch: 1, appends: 2_000 },
  { name: '500 concurrent tables, 1 record', tables: 500, batch: 1, appends: 20_000 },
]) {
  await measure('sqlite FULL', sqlite('FULL', false), s);
  await measure('sqlite FULL group', sqlite('FULL', true), s);
}

// Store: buy-in + cash-out pairs, sequential (one transaction each), on a file.
{
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const dir = makeTempDir('bench-store');
    const store = await createSqliteStore(join(dir.path, 'store.db'));
    const account = await store.createAccount({ kind: 'guest', nickname: 'bench' });
    await store.grant('g', account.id, 1_000_000);
    const n = 2_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      await store.buyIn(`b${i}`, account.id, 't', 100);
      await store.cashOut(`c${i}`, account.id, 't', 100);
    }
    rates.push((2 * n) / ((performance.now() - start) / 1000));
    await store.close();
    dir.remove();
  }
  console.log(
    `${'store NORMAL'.padEnd(22)} ${'buy-in / cash-out, sequential'.padEnd(34)} ${Math.round(median(rates)).toString().padStart(8)} transfers/s`,
  );
}
