// The browser client on a cluster: two people open the app through HAProxy (in front of three
// real nodes over Redis and PostgreSQL), create tables that placement puts on different nodes,
// and play a hand at each by clicking. The audit, asked of one node, balances for the whole
// cluster afterwards.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/adapters/redis/client.js';
import { RedisDirectory } from '../../src/adapters/redis/directory.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { eventually, Player, reportPagesOnFailure } from './support/player.js';

const FLAGS = { 'timing.hand-delay-ms': 1200, 'timing.bot-min-ms': 100, 'timing.bot-max-ms': 300 };
const TABLES = ['Cluster One', 'Cluster Two'];

let cluster: TestCluster;
let browser: Browser;
let alice: Player;
let bob: Player;

describe('the browser client on a three-node cluster behind HAProxy', () => {
  reportPagesOnFailure(
    () => [alice, bob],
    () => (cluster as TestCluster | undefined)?.nodes.flatMap((n) => n.output.slice(-20)) ?? [],
  );
  beforeAll(async () => {
    [cluster, browser] = await Promise.all([startCluster(3, FLAGS, { haproxy: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (cluster as TestCluster | undefined)?.stop();
  });

  it('plays a hand by clicking at tables owned by two different nodes', async () => {
    const url = cluster.url ?? '';
    [alice, bob] = await Promise.all([
      Player.guest(browser, url, 'Alice'),
      Player.guest(browser, url, 'Bob'),
    ]);
    for (const name of TABLES) {
      await sitDownTogether(name);
      const start = await handInProgress(name);
      await eventually(
        `the hand at ${name} to end by clicking`,
        async () => {
          for (const p of [alice, bob]) await p.checkOrCall();
          const now = await alice.holdemHand();
          return now.number > start || !now.inHand ? true : undefined;
        },
        90_000,
      );
      await screenshot(alice.page, `cluster-${name.toLowerCase().replace(/ /g, '-')}`);
      await alice.page.goto(url);
      await bob.page.goto(url);
    }

    // The two tables live on two different nodes.
    const directory = new RedisDirectory(connectRedis({ url: cluster.redis.url }));
    const owned = await Promise.all(cluster.nodes.map((_, i) => directory.ownedBy(`node-${i + 1}`)));
    const owners = new Set(owned.flat().map((o) => o.nodeId));
    await directory.close();
    expect(owners.size, JSON.stringify(owned)).toBe(2);

    const audit = (await (
      await fetch(`${cluster.nodes[0]!.url}/api/admin/audit`, {
        headers: { authorization: `Bearer ${cluster.nodes[0]!.adminToken}` },
      })
    ).json()) as { balanced: boolean; tablesMatch: boolean; tables: unknown[] };
    expect(audit).toMatchObject({ balanced: true, tablesMatch: true });
    expect(audit.tables).toHaveLength(2);
  });

  it('keeps a hand going when the node that owns the table drains (SIGTERM): a pause, no error', async () => {
    const url = cluster.url ?? '';
    const name = 'Drained';
    const directory = new RedisDirectory(connectRedis({ url: cluster.redis.url }));
    const owned = async () => Promise.all(cluster.nodes.map((_, i) => directory.ownedBy(`node-${i + 1}`)));
    const before = new Set((await owned()).flat().map((t) => t.tableId));
    await sitDownTogether(name);
    const hand = await handInProgress(name);
    const cards = await alice.holeCards();
    expect(cards).toHaveLength(2);

    // SIGTERM to the node that owns the new table: it hands the table over live, then exits 0.
    const index = (await owned()).findIndex((tables) => tables.some((t) => !before.has(t.tableId)));
    const drained = cluster.nodes[index];
    expect(drained).toBeDefined();
    expect(await drained!.stop()).toBe(0);
    await directory.close();

    // The same hand goes on under the new owner: same cards, finished by clicking.
    await eventually(
      'the moved hand to end by clicking',
      async () => {
        for (const p of [alice, bob]) await p.checkOrCall();
        const now = await alice.holdemHand();
        if (now.number === hand && now.inHand) expect(await alice.holeCards()).toEqual(cards);
        return now.number > hand || !now.inHand ? true : undefined;
      },
      90_000,
    );
    for (const p of [alice, bob]) expect(await p.page.locator('.notice.error').count()).toBe(0);
    await screenshot(alice.page, 'cluster-after-drain');
    await alice.page.goto(url);
    await bob.page.goto(url);
  });
});

/** Alice creates a two-seat table called `name` through the form and sits; Bob sits from the lobby. */
async function sitDownTogether(name: string): Promise<void> {
  const page = alice.page;
  await page.getByRole('button', { name: 'Create table' }).click();
  const form = page.locator('form.create-table');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Seats').fill('2');
  await form.getByLabel('Min buy-in').fill('100');
  await form.getByLabel('Max buy-in').fill('1000');
  await form.getByLabel('Turn timer (seconds)').fill('60');
  await form.getByLabel('Bots').fill('0');
  await form.getByRole('button', { name: 'Create table' }).click();
  await page.getByRole('heading', { name }).waitFor();
  // The creator arrives with the buy-in form open.
  await alice.confirmBuyIn(500);
  await page
    .getByTestId('role')
    .filter({ hasText: /^Seat \d+$/ })
    .waitFor();
  await bob.lobbyRow(name).waitFor();
  await bob.sitFromLobby(name, 500);
}

/** Waits for a hand at the table Alice is looking at; its number. */
function handInProgress(name: string): Promise<number> {
  return eventually(`a hand at ${name}`, async () => {
    const hand = await alice.holdemHand();
    return hand.inHand ? hand.number : undefined;
  });
}
