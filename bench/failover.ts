// `npm run bench:failover`: how long a table is unavailable when its node dies.
//
// A cluster of three nodes (redis-server, PostgreSQL) on loopback. Each trial: a table owned by the
// victim node, two players on another node playing it; mid-hand the victim is killed with SIGKILL;
// the players keep trying to act. Failover time = from the kill to the first action the table
// accepts again (now at a surviving node, after the victim's lease ran out, a takeover with a CAS
// on the epoch, and recovery from the log). The victim is then restarted (same node id) and the
// next trial picks the next node. Reports p50/p99/max over the trials. Bounded: --trials (default
// 20), each at most 30 s. Results and the command: docs/benchmarks.md.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectRedis } from '../src/adapters/redis/client.js';
import { RedisDirectory } from '../src/adapters/redis/directory.js';
import { games } from '../src/games/index.js';
import { freePort } from '../src/launcher/free-port.js';
import { startNodeChild, type NodeChild } from '../src/launcher/node-child.js';
import { startPostgres } from '../src/launcher/postgres-process.js';
import { startRedis } from '../src/launcher/redis-process.js';
import type { PitbossClient } from '../src/sdk/index.js';
import { TableClient } from '../src/sdk/index.js';
import { stopOnSignal } from './cluster/cleanup.js';
import { signIn } from './cluster/players.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const trialsArg = process.argv.indexOf('--trials');
const TRIALS = trialsArg > 0 ? Number(process.argv[trialsArg + 1]) : 20;
const leaseArg = process.argv.indexOf('--lease-ms');
/** The nodes' membership lease (default: the node's own default). */
const LEASE_MS = leaseArg > 0 ? Number(process.argv[leaseArg + 1]) : null;
const TRIAL_TIMEOUT_MS = 30_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-bench-failover-'));
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const secret = randomBytes(32).toString('base64url');
  const tokenSecret = randomBytes(32).toString('base64url');
  const ports = [await freePort(), await freePort(), await freePort()];
  const start = (i: number) =>
    startNodeChild({
      nodeId: `node-${i + 1}`,
      cli: CLI,
      logFile: join(dir, `node-${i + 1}.log`),
      flags: {
        'node-id': `node-${i + 1}`,
        port: ports[i] ?? 0,
        'data-dir': join(dir, `node-${i + 1}`),
        'cluster.redis': redis.url,
        'cluster.postgres': postgres.url(),
        'cluster.secret': secret,
        'token-secret': tokenSecret,
        'demo-tables.holdem': 0,
        'demo-tables.hokm': 0,
        'timing.hand-delay-ms': 200,
        // Rendezvous placement: a table's node follows from its name, whatever the nodes' loads
        // (tables pile up on the survivors trial after trial), so a trial can put one on its victim.
        'cluster.placement': 'rendezvous',
        ...(LEASE_MS === null ? {} : { 'cluster.lease-ms': LEASE_MS }),
        'limits.signups-per-ip-per-minute': 100_000,
        'limits.tables-per-account': 10_000,
      },
    });
  const nodes: NodeChild[] = [];
  const release = stopOnSignal(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  });
  for (let i = 0; i < 3; i++) nodes.push(await start(i));
  await sleep(1000); // every node sees the others
  const directory = new RedisDirectory(connectRedis({ url: redis.url }));
  const results: number[] = [];
  const clients: PitbossClient[] = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      const victim = trial % 3;
      const home = (victim + 1) % 3;
      const url = `ws://127.0.0.1:${ports[home]}/ws`;
      const [alice, bob] = await Promise.all([signIn(url, `A${trial}`), signIn(url, `B${trial}`)]);
      clients.push(alice, bob);
      // A table on the victim: create until placement puts one there.
      let table = '';
      for (let i = 0; i < 40 && table === ''; i++) {
        const created = await alice.request('table.create', {
          game: 'holdem',
          name: `Failover ${trial}.${i}`,
          config: { seats: 2, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 },
          options: { turnSeconds: 60, bots: 0 },
        });
        if ((await directory.lookup(created.table.id))?.nodeId === `node-${victim + 1}`)
          table = created.table.id;
      }
      if (table === '') throw new Error(`no table landed on node-${victim + 1}`);
      const a = new TableClient(alice, table, games.holdem);
      const b = new TableClient(bob, table, games.holdem);
      await a.join(500);
      await b.join(500);
      let lastAck = 0;
      let killedAt = 0;
      let recovered = 0;
      const stops = [a, b].map((t) =>
        keepActing(t, (ack, sentAt) => {
          // Only an action sent after the kill proves the table is back (one in flight may land before).
          if (killedAt > 0 && sentAt > killedAt && recovered === 0) recovered = Date.now();
          lastAck = Math.max(lastAck, ack);
        }),
      );
      const waitFor = async (what: string, done: () => boolean) => {
        const started = Date.now();
        while (!done()) {
          if (Date.now() - started > TRIAL_TIMEOUT_MS)
            throw new Error(`trial ${trial}: timed out waiting for ${what}`);
          await sleep(10);
        }
      };
      await waitFor('a few actions', () => lastAck >= 6);
      nodes[victim]!.child.kill('SIGKILL');
      killedAt = Date.now();
      await waitFor('an action accepted after the kill', () => recovered > 0);
      results.push(recovered - killedAt);
      log(
        `  trial ${trial + 1}: node-${victim + 1} killed → table acting again after ${recovered - killedAt} ms`,
      );
      for (const stop of stops) stop();
      alice.close();
      bob.close();
      nodes[victim] = await start(victim);
      await sleep(500);
    }
  } catch (error) {
    // Say what the nodes said: a trial that does not recover is a finding, not noise.
    for (let i = 0; i < 3; i++) {
      const lines = readFileSync(join(dir, `node-${i + 1}.log`), 'utf8').split('\n');
      log(`--- node-${i + 1} warnings`);
      for (const l of lines.filter((x) => /"level":(40|50)/.test(x)).slice(-15)) log(l.slice(0, 400));
    }
    throw error;
  } finally {
    release();
    for (const c of clients) c.close();
    await directory.close();
    await Promise.allSettled(nodes.map((n) => n.stop()));
    await Promise.allSettled([redis.stop(), postgres.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...results].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  log(
    `\nlease ${LEASE_MS ?? 'default (1200)'} ms — failover (kill -9 of the owner → next accepted action), ${results.length} trials: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1) ?? 0} ms (target p99 ≤ 2000 ms)`,
  );
}

/** Check/call whenever it is this seat's turn; `acked(seq, sentAt)` for every accepted action. */
function keepActing(
  table: TableClient<typeof games.holdem>,
  acked: (seq: number, sentAt: number) => void,
): () => void {
  let busy = false;
  let stopped = false;
  const consider = () => {
    const legal = table.state.legal;
    if (stopped || busy || legal === null) return;
    busy = true;
    const sentAt = Date.now();
    table
      .act(legal.check ? { type: 'check' } : { type: 'call' })
      .then((ack) => acked(ack.seq, sentAt))
      .catch(() => undefined)
      .finally(() => {
        busy = false;
        setTimeout(consider, 10);
      });
  };
  const off = table.subscribe(consider);
  const timer = setInterval(consider, 100);
  return () => {
    stopped = true;
    clearInterval(timer);
    off();
  };
}

await main();
