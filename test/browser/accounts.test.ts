// Registered accounts in real Chromium: register, sign out, log in again (same account and wallet),
// and a wrong password is refused with a message next to the form.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';

let node: NodeProcess;
let browser: Browser;

describe('registered accounts', () => {
  beforeAll(async () => {
    [node, browser] = await Promise.all([startNode(), launchBrowser()]);
  });

  afterAll(async () => {
    const started = { browser: browser as Browser | undefined, node: node as NodeProcess | undefined };
    await started.browser?.close();
    await started.node?.stop();
    if (started.node) removeDataDir(started.node.dataDir);
  });

  it('registers, signs out, is refused with a wrong password, and logs in again to the same wallet', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(node.url);
    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Username').fill('parisa');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByLabel('Nickname (optional)').fill('Parisa');
    await page.getByRole('button', { name: 'Create account' }).click();
    const wallet = page.getByTestId('wallet').filter({ hasText: /\d/ });
    await wallet.waitFor();
    const balance = await wallet.innerText();
    expect(await page.getByTestId('account').innerText()).toBe('Parisa');
    await screenshot(page, 'accounts-01-registered');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Welcome to Pitboss' }).waitFor();
    // Arrow keys move between the sign-in tabs.
    await page.getByRole('tab', { name: 'Play as guest' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Log in' }).getAttribute('aria-selected'))
      .toBe('true');

    await page.getByLabel('Username').fill('parisa');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByLabel('Password').press('Enter');
    await page.locator('form [role="alert"]').waitFor();
    expect(await page.getByTestId('wallet').count()).toBe(0);

    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Log in' }).click();
    await wallet.waitFor();
    expect(await wallet.innerText()).toBe(balance);
    expect(await page.getByTestId('account').innerText()).toBe('Parisa');
    expect(errors).toEqual([]);
    await context.close();
  });
});
