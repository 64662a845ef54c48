// The operator page in real Chromium: refuses a wrong token, then with the node's admin token shows
// the node, its tables and live charts fed by the bots playing on a demo table.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { createTable, guest } from '../e2e/helpers.js';
import { Player } from './support/player.js';
import { launchBrowser, openPage, overflowsHorizontally, PHONE, screenshot } from './support/browser.js';

let node: NodeProcess;
let browser: Browser;

describe('the operator page', () => {
  beforeAll(async () => {
    [node, browser] = await Promise.all([
      startNode({
        flags: {
          'demo-tables.holdem': 1,
          'demo-tables.hokm': 1,
          'timing.hand-delay-ms': 200,
          'timing.bot-min-ms': 20,
          'timing.bot-max-ms': 60,
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

  it('asks for the admin token and says so when it is refused', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${node.url}/admin`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByRole('alert').filter({ hasText: 'That token was refused.' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('pitboss.adminToken')")).toBeNull();
    // The refused token stays in the field, to be corrected rather than typed again.
    expect(await page.getByLabel('Admin token').inputValue()).toBe('not-the-token');
    await context.close();
  });

  it("shows the node's tables and live charts of hands and latency, keeping the token for the tab", async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(`${node.url}/admin`);
    await page.getByLabel('Admin token').fill(node.adminToken);
    await page.getByLabel('Admin token').press('Enter');
    await page.getByTestId('poll-status').filter({ hasText: /^Live/ }).waitFor();

    const tables = page.getByTestId('admin-tables');
    await expect.poll(() => tables.locator(':scope > tbody > tr').count()).toBe(2);
    expect(await tables.innerText()).toMatch(/Hold'em/);
    expect(await tables.innerText()).toMatch(/Hokm/);
    await page.getByRole('region', { name: /^Node / }).waitFor();

    // The bots keep playing, so the hand counter rises and the hands/s chart gets a value.
    const hands = page.getByRole('img', { name: /^Hands per second: hands\/s (?!0\.00)\d/ });
    await hands.waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: /^Action latency: p50 [\d.]+ ms/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.chart path.line').count()).toBeGreaterThan(0);
    // Each chart says when its first and last samples were taken.
    expect(await page.getByTestId('time-axis').first().innerText()).toMatch(
      /\d{1,2}:\d{2}:\d{2}[\s\S]*\d{1,2}:\d{2}:\d{2}/,
    );

    // The chip audit on demand, with its result.
    await page.getByRole('button', { name: 'Run chip audit' }).click();
    const audit = page.getByTestId('audit-result');
    await audit.waitFor();
    expect(await audit.getAttribute('data-ok')).toBe('true');
    expect(await audit.innerText()).toMatch(
      /^Balanced\. Granted [\d,]+ = in wallets [\d,]+ \+ at tables [\d,]+/,
    );
    await screenshot(page, 'admin-01-dashboard');

    // The token lives in sessionStorage: a reload goes straight to the dashboard.
    await page.reload();
    await page.getByTestId('poll-status').filter({ hasText: /^Live/ }).waitFor();
    expect(await page.getByLabel('Admin token').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { page, context } = await openPage(browser, PHONE);
    await page.goto(`${node.url}/admin`);
    await page.getByLabel('Admin token').fill(node.adminToken);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByTestId('poll-status').filter({ hasText: /^Live/ }).waitFor();
    await page.getByTestId('admin-tables').locator('tbody tr').first().waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'admin-02-phone');
    await context.close();
  });

  it('stands a player up from a table, through the ledger, and says so', async () => {
    const sam = await guest(node, 'Sam', { reconnect: false });
    try {
      const tableId = await createTable(sam, 'holdem', { bots: 0 });
      // An action with no seat yet: refused, and counted by its code for the operator.
      const refused = await sam.client
        .request('table.act', { table: tableId, action: { type: 'check' } })
        .then(
          () => '',
          (error: unknown) => (error as { code: string }).code,
        );
      expect(refused).not.toBe('');
      const { balance: before } = await sam.client.request('wallet.get');
      await sam.client.request('table.join', { table: tableId, buyIn: 300 });
      const { page, context, errors } = await openPage(browser);
      await page.goto(`${node.url}/admin`);
      await page.getByLabel('Admin token').fill(node.adminToken);
      await page.getByRole('button', { name: 'Open dashboard' }).click();
      await page
        .getByRole('region', { name: 'Errors by code' })
        .locator(`tr[data-code="${refused}"]`)
        .waitFor();
      const row = page.getByTestId('admin-tables').locator(`tr[data-table="${tableId}"]`);
      await row.getByRole('button', { name: 'Stand Sam up' }).waitFor();
      // The table in detail: Sam's seat, his chips, that he is playing and connected, his account.
      await row.locator('details.seat-details summary').click();
      const samRow = row.locator('details.seat-details tbody tr', { hasText: 'Sam' });
      expect(await samRow.innerText()).toMatch(/Sam\s+300\s+playing\s+connected\s+\S+/);
      expect(await row.locator('td[data-label="Hand"]').innerText()).toMatch(/between hands|in progress/);
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Stand Sam up' }).click();
      await page.getByTestId('admin-action').filter({ hasText: 'Sam was stood up.' }).waitFor();
      // The seat is free and the chips are back in Sam's wallet.
      await expect.poll(async () => (await sam.client.request('wallet.get')).balance).toBe(before);
      await expect.poll(() => row.innerText(), { timeout: 10_000 }).not.toMatch(/Sam/);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      sam.client.close();
    }
  });

  it('pauses a table and resumes it: its watchers are told, commands are refused and listed for the operator', async () => {
    const sam = await guest(node, 'Sam', { reconnect: false });
    const vera = await Player.guest(browser, node.url, 'Vera');
    try {
      const tableId = await createTable(sam, 'holdem', { bots: 1 });
      await sam.client.request('table.join', { table: tableId, buyIn: 300 });
      await vera.page.goto(`${node.url}/table/${tableId}`);
      await vera.page.getByTestId('role').filter({ hasText: 'Watching' }).waitFor();

      const { page, context, errors } = await openPage(browser);
      await page.goto(`${node.url}/admin`);
      await page.getByLabel('Admin token').fill(node.adminToken);
      await page.getByRole('button', { name: 'Open dashboard' }).click();
      const row = page.getByTestId('admin-tables').locator(`tr[data-table="${tableId}"]`);
      await row.getByRole('button', { name: 'Pause e2e holdem' }).click();
      await page.getByTestId('admin-action').filter({ hasText: 'e2e holdem is paused.' }).waitFor();
      await vera.page.getByTestId('table-paused').waitFor();
      await row.getByRole('button', { name: 'Resume e2e holdem' }).waitFor();
      expect(await row.locator('td[data-label="Hand"]').innerText()).toMatch(/paused/);

      // Sam's command is refused, and the operator sees it under the table: code and player.
      const refused = await sam.client.request('table.sit_out', { table: tableId }).then(
        () => '',
        (error: unknown) => (error as { code: string }).code,
      );
      expect(refused).toBe('table/paused');
      const refusals = row.locator('details.refusals');
      await refusals.locator('summary').click();
      await refusals.locator('li', { hasText: 'table/paused' }).filter({ hasText: 'Sam' }).waitFor();
      await screenshot(page, 'admin-03-paused');
      await screenshot(vera.page, 'table-paused');

      await row.getByRole('button', { name: 'Resume e2e holdem' }).click();
      await page.getByTestId('admin-action').filter({ hasText: 'e2e holdem plays again.' }).waitFor();
      await vera.page.getByTestId('table-paused').waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      sam.client.close();
      await vera.close();
    }
  });

  it('sends a message to every connected player', async () => {
    const uma = await Player.guest(browser, node.url, 'Uma');
    try {
      const { page, context, errors } = await openPage(browser);
      await page.goto(`${node.url}/admin`);
      await page.getByLabel('Admin token').fill(node.adminToken);
      await page.getByRole('button', { name: 'Open dashboard' }).click();
      await page.getByLabel('Message', { exact: true }).fill('Tables close at midnight.');
      await page.getByRole('button', { name: 'Send to everyone' }).click();
      await page
        .getByTestId('broadcast-status')
        .filter({ hasText: 'Sent to every connected player.' })
        .waitFor();
      await uma.page
        .locator('.notice', { hasText: 'From the operator: Tables close at midnight.' })
        .waitFor();
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await uma.close();
    }
  });
});
