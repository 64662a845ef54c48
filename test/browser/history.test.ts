// A table's hand history in real Chromium: a spectator of a busy demo table pages back with "Older
// hands" and gets the next ten, older, none twice; and checks a hand's deal — in the browser, then
// with `pitboss verify` on the downloaded record, which fails once the file is edited.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, removeDataDir, startNode, tempDataDir, type NodeProcess } from '../support/node-process.js';
import { guest } from '../e2e/helpers.js';
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
      // Asked twice a second: the node's rate limit is for people, not for a tight loop.
      for (let i = 0; ; i++) {
        const { tables } = await watcher.client.request('lobby.list', {});
        if (tables.some((t) => t.name === "Hold'em 1" && t.handNumber > 22)) break;
        if (i > 120) throw new Error('fewer than twenty finished hands after a minute');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
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
      // The table keeps playing: newer hands may join the top meanwhile, and the page opened stays.
      await expect.poll(() => entries.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(20);
      const shown = await handNumbers();
      // Newest first, every hand once and none skipped: the older page carries on exactly where the
      // first one ended (hands that ended meanwhile may have moved the first page up: still one run).
      expect(shown, JSON.stringify(shown)).toEqual(shown.map((_, i) => (shown[0] ?? 0) - i));
      for (const hand of firstPage) expect(shown).toContain(hand);
      const older = shown.filter((hand) => hand < Math.min(...firstPage));
      expect(older.length).toBeGreaterThan(0);
      // The oldest hand shown opens like any other.
      const oldest = older.at(-1) ?? 0;
      await rail.getByRole('button', { name: new RegExp(`^Hand #${oldest} `) }).click();
      const record = rail.getByRole('region', { name: `Hand #${oldest}` });
      await expect.poll(() => record.innerText(), { timeout: 10_000 }).toMatch(/wins \d/);
      await screenshot(hal.page, 'holdem-14-older-hands');
    } finally {
      await hal.close();
    }
  });

  it("verifies a hand's deal in the browser; `pitboss verify` agrees on the downloaded record, and refuses it once edited", async () => {
    const hal = await Player.guest(browser, node.url, 'Hal');
    const dir = tempDataDir();
    try {
      await hal.watchFromLobby("Hold'em 1");
      // A hand that begins after Hal's page is watching: his page saw its commitment first.
      const watchingFrom = (await hal.holdemHand()).number;
      const rail = hal.page.locator('details.history');
      await rail.locator('summary').filter({ hasText: 'Hands at this table' }).click();
      const entry = rail.getByRole('button', { name: new RegExp(`^Hand #${watchingFrom + 1} `) });
      await entry.click({ timeout: 30_000 });
      const check = rail.getByTestId('deal-check');
      await check.getByRole('button', { name: 'Verify deal' }).click();
      const verdict = check.getByRole('status');
      await expect.poll(() => verdict.getAttribute('data-verified')).toBe('true');
      expect(await verdict.innerText()).toMatch(
        /^✓ Verified: this hand was dealt from the deck its table committed to/,
      );
      expect(await verdict.innerText()).toMatch(/It is the commitment this page received before the deal\./);
      await screenshot(hal.page, 'holdem-15-deal-verified');

      const [download] = await Promise.all([
        hal.page.waitForEvent('download'),
        check.getByRole('link', { name: 'Download record' }).click(),
      ]);
      const file = join(dir, 'hand.json');
      await download.saveAs(file);
      const cli = join(DIST, 'src', 'cli.js');
      const verify = (...args: string[]) =>
        new Promise<{ code: number; out: string }>((resolve) =>
          execFile(process.execPath, [cli, 'verify', ...args], (error, stdout) =>
            resolve({ code: typeof error?.code === 'number' ? error.code : 0, out: stdout }),
          ),
        );
      const good = await verify(file);
      expect(good.out).toMatch(/^verified: Hold'em hand #\d+ was dealt from the deck its table committed to/);
      expect(good.code).toBe(0);
      // Checked against the commitment someone was told before the hand: the right one passes,
      // any other is refused.
      const told = (JSON.parse(readFileSync(file, 'utf8')) as { deal: { commitment: string } }).deal
        .commitment;
      expect((await verify(file, '--commitment', told)).code).toBe(0);
      const other = await verify(file, '--commitment', '0'.repeat(64));
      expect(other.code).toBe(1);
      expect(other.out).toMatch(/is not the one told before the deal/);

      // Doctored as someone might: the first board card changed (or, a hand that ended before the
      // flop, the seed). Refused, saying what does not match.
      const record = JSON.parse(readFileSync(file, 'utf8')) as {
        board: string[];
        hand: number;
        deal: { seed: string };
      };
      const [first] = record.board;
      const edited =
        first === undefined
          ? {
              ...record,
              deal: {
                ...record.deal,
                seed: `${record.deal.seed[0] === '0' ? '1' : '0'}${record.deal.seed.slice(1)}`,
              },
            }
          : { ...record, board: [first === 'As' ? 'Ks' : 'As', ...record.board.slice(1)] };
      writeFileSync(file, JSON.stringify(edited));
      const bad = await verify(file);
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/^NOT verified/);
      expect(bad.out).toMatch(first === undefined ? /does not hash to the commitment/ : /board card 1 is /);

      // The same hand fetched from the node by its id verifies too.
      const tableId = await hal.page.locator('main.table-page').getAttribute('data-table');
      const byId = await verify(`${tableId}:${record.hand}`, '--url', node.wsUrl);
      expect(byId.out).toMatch(/^verified/);
      expect(byId.code).toBe(0);
    } finally {
      await hal.close();
      removeDataDir(dir);
    }
  });
});
