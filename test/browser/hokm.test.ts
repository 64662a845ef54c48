// Hokm in real Chromium against a real node: one person with three bots plays through the trump
// choice and tricks by clicking only legal cards; and four people at one table, so that one of
// them is certainly the hakem and chooses trump by clicking.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { attributes, launchBrowser, overflowsHorizontally, PHONE, screenshot } from './support/browser.js';
import { eventually, Player, reportPagesOnFailure } from './support/player.js';

const FLAGS = {
  'timing.hand-delay-ms': 800,
  'timing.bot-min-ms': 100,
  'timing.bot-max-ms': 300,
};

let node: NodeProcess;
let browser: Browser;
/** Every page opened, for the failure report. */
const players: Player[] = [];

/** Creates a Hokm table from the lobby form and takes a seat at it. */
async function createHokmTable(player: Player, name: string, bots: number): Promise<void> {
  const page = player.page;
  await page.getByRole('button', { name: 'Create table' }).click();
  const form = page.locator('form.create-table');
  await form.getByLabel('Game').selectOption('hokm');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Turn timer (seconds)').fill('60');
  await form.getByLabel('Bots').fill(String(bots));
  await form.getByRole('button', { name: 'Create table' }).click();
  await page.getByRole('heading', { name }).waitFor();
  // The creator arrives with the buy-in form open.
  await page.getByRole('button', { name: 'Sit down' }).click();
  await page
    .getByTestId('role')
    .filter({ hasText: /^Seat \d+$/ })
    .waitFor();
}

/** The suit led in the trick on the table, or null (no trick running, or the last one shown). */
async function ledSuit(player: Player): Promise<string | null> {
  const trick = player.page.getByTestId('trick');
  if ((await trick.getAttribute('class'))?.includes('last')) return null;
  const played = await attributes(trick.locator('[data-card]'), 'data-card');
  return played[0]?.[1] ?? null;
}

interface Turn {
  readonly chose: boolean;
  readonly played: boolean;
  /** Enabled cards that break follow-suit (must stay empty). */
  readonly illegal: readonly string[];
}

/** Does whatever this player's turn asks for, by clicking: choose trump, or play a legal card. */
async function takeTurn(player: Player): Promise<Turn> {
  const picker = player.page.locator('section.trump-picker');
  if (await picker.isVisible()) {
    try {
      await picker.getByRole('button', { name: /^Trump: spades/ }).click({ timeout: 2000 });
      return { chose: true, played: false, illegal: [] };
    } catch {
      return { chose: false, played: false, illegal: [] };
    }
  }
  if (!(await player.myHand().isVisible())) return { chose: false, played: false, illegal: [] };
  const { all, playable } = await player.handCards();
  if (playable.length === 0) return { chose: false, played: false, illegal: [] };
  const led = await ledSuit(player);
  const mustFollow = led !== null && all.some((c) => c[1] === led);
  const illegal = mustFollow ? playable.filter((c) => c[1] !== led) : [];
  const card = playable[0] ?? '';
  try {
    await player.myHand().locator(`button[data-card="${card}"]`).click({ timeout: 2000 });
    return { chose: false, played: true, illegal };
  } catch {
    return { chose: false, played: false, illegal };
  }
}

describe('Hokm in the browser', () => {
  reportPagesOnFailure(
    () => players,
    () => (node as NodeProcess | undefined)?.output ?? [],
  );
  beforeAll(async () => {
    [node, browser] = await Promise.all([startNode({ flags: FLAGS }), launchBrowser()]);
  });

  afterAll(async () => {
    const started = { browser: browser as Browser | undefined, node: node as NodeProcess | undefined };
    await started.browser?.close();
    await started.node?.stop();
    if (started.node) removeDataDir(started.node.dataDir);
  });

  it('a player with three bots, on a phone-sized screen, plays through the trump choice and tricks, offered only legal cards', async () => {
    const dana = await Player.guest(browser, node.url, 'Dana', PHONE);
    players.push(dana);
    await createHokmTable(dana, 'Browser Hokm', 3);
    const seat = await dana.seat();
    expect(seat).not.toBeNull();
    // Partners sit opposite: ours is drawn across the table from us.
    const partner = ((seat ?? 0) + 2) % 4;
    await expect.poll(() => dana.page.locator(`.hokm-seat.top[data-seat="${partner}"]`).count()).toBe(1);

    await eventually('the game to start', async () =>
      (await dana.hokmPhase()) !== 'waiting' ? true : undefined,
    );
    await screenshot(dana.page, 'hokm-01-dealt');
    const illegal: string[] = [];
    let plays = 0;
    let trickScreenshot = false;
    await eventually(
      'a trick to be won after trump was chosen and Dana played a card',
      async () => {
        const turn = await takeTurn(dana);
        illegal.push(...turn.illegal);
        if (turn.played) plays += 1;
        const tricks = await dana.tricksWon();
        if (tricks >= 1 && !trickScreenshot) {
          trickScreenshot = true;
          await screenshot(dana.page, 'hokm-02-first-trick');
        }
        return tricks >= 1 && plays >= 1 ? true : undefined;
      },
      120_000,
    );
    expect(illegal).toEqual([]);
    expect(await dana.page.getByTestId('trump').innerText()).toMatch(
      /^Trump: (clubs|diamonds|hearts|spades)/,
    );
    expect(await dana.page.getByTestId('hakem').innerText()).toMatch(/^Hakem: \S/);
    expect(await overflowsHorizontally(dana.page)).toBe(false);
    expect(dana.errors).toEqual([]);
    await dana.close();
  });

  it('at a table of four people, the hakem chooses trump by clicking and a trick is played', async () => {
    const four = await Promise.all(
      ['Ehsan', 'Fariba', 'Golnar', 'Hamid'].map((name) => Player.guest(browser, node.url, name)),
    );
    players.push(...four);
    const [host, ...others] = four as [Player, ...Player[]];
    await createHokmTable(host, 'Four Friends', 0);
    for (const p of others) {
      await p.lobbyRow('Four Friends').waitFor();
      await p.sitFromLobby('Four Friends');
    }
    const illegal: string[] = [];
    let chosenBy: Player | null = null;
    await eventually(
      'trump chosen by clicking and a trick won',
      async () => {
        for (const p of four) {
          const turn = await takeTurn(p);
          illegal.push(...turn.illegal);
          if (turn.chose) {
            chosenBy = p;
            await screenshot(p.page, 'hokm-03-trump-chosen');
          }
        }
        return chosenBy !== null && (await host.tricksWon()) >= 1 ? true : undefined;
      },
      120_000,
    );
    expect(illegal).toEqual([]);
    for (const p of four) {
      await expect.poll(() => p.page.getByTestId('trump').innerText()).toContain('spades');
    }
    const hakem = (chosenBy as Player | null)?.name ?? '';
    expect(await host.page.getByTestId('hakem').innerText()).toBe(`Hakem: ${hakem}`);
    await screenshot(host.page, 'hokm-04-four-players');
    for (const p of four) expect(p.errors).toEqual([]);
    await Promise.all(four.map((p) => p.close()));
  });
});
