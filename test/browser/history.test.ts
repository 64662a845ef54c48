// A table's hand history in real Chromium, past its first page: a spectator of a busy demo table
// pages back with "Older hands" and gets the next ten, older, none twice.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { guest, until } from '../e2e/helpers.js';
import { Player } from './support/player.js';
import { launchBrowser, screenshot } from './support/browser.js';

let node: NodeProcess;
let browser: Browser;

describe('the hand history', () => {
  beforeAll(async () => {
    [node, browser] = await Promise.all([
      startNode({
        flags: {
          'demo-tables.holdem': 1,
          'demo-tables.hokm': 0,
          'timing.hand-delay-ms': 100,
          'timing.bot-min-ms': 10,
          'timing.bot-max-ms': 30,
        },
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    const started = { browser: browser as Browser | undefined, node: node as NodeProcess | undefined };
    await started.browser?.close();
    await started.node?.stop();
    if (started.node) removeDataDir(started.node.dataDir);
  });

  it('pages back through a table\'s hands with "Older hands": ten more, older, none twice', async () => {
    // More than two pages of finished hands at the demo table.
    const watcher = await guest(node, 'Wes', { reconnect: false });
    try {
      await until(
        async () =>
          (await watcher.client.request('lobby.list', {})).tables.some(
            (t) => t.name === "Hold'em 1" && t.handNumber > 22,
          ),
        60_000,
        'more than twenty finished hands',
      );
    } finally {
      watcher.client.close();
    }

    const hal = await Player.guest(browser, node.url, 'Hal');
    try {
      await hal.watchFromLobby("Hold'em 1");
      const rail = hal.page.locator('details.history');
      await rail.locator('summary').filter({ hasText: 'Hands at this table' }).click();
      const entries = rail.locator('ul.hand-list li button');
      await expect.poll(() => entries.count(), { timeout: 10_000 }).toBe(10);
      const handNumbers = async () =>
        (await entries.allInnerTexts()).map((text) => Number(/Hand #(\d+)/.exec(text)?.[1]));
      const firstPage = await handNumbers();

      await rail.getByRole('button', { name: 'Older hands' }).click();
      await expect.poll(() => entries.count(), { timeout: 10_000 }).toBe(20);
      const both = await handNumbers();
      expect(both.slice(0, 10)).toEqual(firstPage);
      // Newest first, each hand once, and the second page all older than the first.
      expect(both).toEqual([...both].sort((a, b) => b - a));
      expect(new Set(both).size).toBe(20);
      expect(Math.max(...both.slice(10))).toBeLessThan(Math.min(...firstPage));
      // An older hand opens like any other.
      await entries.nth(15).click();
      const record = rail.getByRole('region', { name: `Hand #${both[15]}` });
      await expect.poll(() => record.innerText(), { timeout: 10_000 }).toMatch(/wins \d/);
      await screenshot(hal.page, 'holdem-14-older-hands');
    } finally {
      await hal.close();
    }
  });
});
