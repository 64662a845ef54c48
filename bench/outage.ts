// `npm run bench:outage`: a Redis restart and a PostgreSQL stop/start while bots and players play.
//
// A cluster of three nodes (redis-server with AOF `appendfsync always`, PostgreSQL) on loopback:
// --bot-tables bot tables (default 150, two bots each) and --human-tables tables (default 20) with
// two SDK players each, on different nodes, acting on every turn and keeping every event. Then:
// Redis is killed (SIGKILL) for --outage-ms (default 5,000) and restarted; later PostgreSQL is
// stopped for as long and started again. Reported: for each outage, the actions refused and their
// codes, /ready meanwhile, how long after the service came back every human table acknowledged an
// action again, hands played meanwhile; at the end, acknowledged actions missing from what the
// players received (target 0) and gaps or doubles in it, hand histories written per hand (target
// exactly 1, for every hand the players saw end), ledger request ids written twice (target 0) and
// the chip audit. Results and the command: docs/benchmarks.md.

import pg from 'pg';
import { games } from '../src/games/index.js';
import { TableClient, type PitbossClient } from '../src/sdk/index.js';
import { startLiveCluster, type LiveCluster } from './cluster/live-cluster.js';
import { ackedAllPresent, keepActing, signIn, type Acting } from './cluster/players.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOT_TABLES = arg('--bot-tables', 150);
const HUMAN_TABLES = arg('--human-tables', 20);
const OUTAGE_MS = arg('--outage-ms', 5000);
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface HumanTable {
  readonly id: string;
  readonly seats: Acting[];
  /** Hand numbers whose end a player saw. */
  readonly handsEnded: Set<number>;
}

async function main(): Promise<void> {
  const cluster = await startLiveCluster(3, {
    'log-level': 'info',
    'timing.bot-min-ms': 1000,
    'timing.bot-max-ms': 3000,
    'timing.hand-delay-ms': 500,
  });
  const clients: PitbossClient[] = [];
  try {
    const creator = await signIn(cluster.wsUrl(0), 'Creator');
    clients.push(creator);
    const config = { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 };
    for (let i = 0; i < BOT_TABLES; i++)
      await creator.request('table.create', {
        game: 'holdem',
        name: `Bots ${i}`,
        config,
        options: { bots: 2 },
      });
    const humans: HumanTable[] = [];
    for (let i = 0; i < HUMAN_TABLES; i++) {
      const { table } = await creator.request('table.create', {
        game: 'holdem',
        name: `Humans ${i}`,
        config,
        options: { bots: 0, turnSeconds: 20 },
      });
      const pair = await Promise.all([
        signIn(cluster.wsUrl(i % 3), `H${i}a`),
        signIn(cluster.wsUrl((i + 1) % 3), `H${i}b`),
      ]);
      clients.push(...pair);
      const handsEnded = new Set<number>();
      pair[0].on('table.event', (m) => {
        const event = m.event as { type: string; hand?: number };
        if (m.table === table.id && event.type === 'hand_ended') handsEnded.add(Number(event.hand));
      });
      const seats: Acting[] = [];
      for (const client of pair) {
        await new TableClient(client, table.id, games.holdem).join(1000);
        seats.push(keepActing(client, table.id, 100));
      }
      humans.push({ id: table.id, seats, handsEnded });
    }
    log(`${BOT_TABLES} bot tables and ${HUMAN_TABLES} tables of two players each, on 3 nodes`);
    await sleep(5000);

    await outage(
      cluster,
      humans,
      'Redis',
      () => cluster.redis.kill(),
      () => cluster.redis.restart(),
    );
    await sleep(5000);
    await outage(
      cluster,
      humans,
      'PostgreSQL',
      () => cluster.postgres.halt(),
      () => cluster.postgres.restart(),
    );
    await sleep(5000);
    for (const h of humans) for (const s of h.seats) s.stop();
    await sleep(3000); // the hands in progress end; effects flush

    // What the players were told is what the tables hold.
    let missing = 0;
    let gaps = 0;
    let views = 0;
    let acked = 0;
    for (const h of humans)
      for (const s of h.seats) {
        const r = ackedAllPresent(s);
        missing += r.missing;
        gaps += r.gaps;
        views += r.views;
        acked += s.acks.length;
      }
    const db = new pg.Client({ connectionString: cluster.postgres.url() });
    await db.connect();
    try {
      const ids = humans.map((h) => h.id);
      const rows = (
        await db.query<{ table_id: string; hand: string; n: string }>(
          'SELECT table_id, hand, count(*) AS n FROM hands WHERE table_id = ANY($1) GROUP BY table_id, hand',
          [ids],
        )
      ).rows;
      const seen = humans.reduce((n, h) => n + h.handsEnded.size, 0);
      const saved = new Set(rows.map((r) => `${r.table_id}:${r.hand}`));
      const unsaved = humans.reduce(
        (n, h) => n + [...h.handsEnded].filter((x) => !saved.has(`${h.id}:${x}`)).length,
        0,
      );
      const twice = rows.filter((r) => r.n !== '1').length;
      const ledgerTwice = (
        await db.query('SELECT request_id FROM ledger GROUP BY request_id HAVING count(*) > 1')
      ).rowCount;
      const audit = (await cluster.admin(0, '/api/admin/audit')) as {
        balanced: boolean;
        tablesMatch: boolean;
      };
      log(
        `\nacknowledged actions ${acked}: missing from what the players received ${missing} (target 0); gaps or doubles ${gaps} (target 0); fresh views after the first ${views - humans.length * 2}`,
      );
      log(
        `hands the players saw end ${seen}: histories missing ${unsaved}, written twice ${twice} (target 0, 0)`,
      );
      log(
        `ledger request ids written twice: ${ledgerTwice ?? 0} (target 0); audit balanced ${audit.balanced}, tables match ${audit.tablesMatch}`,
      );
    } finally {
      await db.end();
    }
  } finally {
    for (const c of clients) c.close();
    await cluster.stop();
  }
}

/** One outage: stop the service, watch, start it again, and time the recovery. */
async function outage(
  cluster: LiveCluster,
  humans: HumanTable[],
  name: string,
  stop: () => Promise<void>,
  start: () => Promise<void>,
): Promise<void> {
  const handsBefore = humans.reduce((n, h) => n + h.handsEnded.size, 0);
  const refusedBefore = humans.flatMap((h) => h.seats.flatMap((s) => s.refused)).length;
  const stoppedAt = Date.now();
  await stop();
  await sleep(OUTAGE_MS / 2);
  const ready = await Promise.all(
    cluster.nodes.map((n) =>
      fetch(`http://127.0.0.1:${n.port}/ready`).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
  await sleep(OUTAGE_MS / 2);
  const handsDuring = humans.reduce((n, h) => n + h.handsEnded.size, 0) - handsBefore;
  const startedAt = Date.now();
  await start();
  const backAt = Date.now();
  // Every human table acknowledges an action sent after the service came back.
  const recovered = await Promise.all(
    humans.map(async (h) => {
      for (let i = 0; i < 600; i++) {
        const first = h.seats.flatMap((s) => s.acks).find((a) => a.sentAt >= backAt);
        if (first) return first.sentAt + first.ms - backAt;
        await sleep(50);
      }
      return Number.POSITIVE_INFINITY;
    }),
  );
  const refused = humans.flatMap((h) => h.seats.flatMap((s) => s.refused)).slice(refusedBefore);
  const codes = [...new Set(refused.map((r) => r.code))].join(', ') || 'none';
  log(
    `${name} down ${((startedAt - stoppedAt) / 1000).toFixed(1)} s (restart took ${backAt - startedAt} ms): /ready meanwhile ${ready.join('/')}; ` +
      `refused actions ${refused.length} (${codes}); hands the players saw end meanwhile ${handsDuring}; ` +
      `every table acting again ${Math.max(...recovered)} ms after it was back (median ${recovered.sort((a, b) => a - b)[recovered.length >> 1]} ms)`,
  );
}

await main();
