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

/**
 * Does whatever this player's turn asks for, by clicking: choose trump, or play a legal card.
 * `beforeTrump` looks at the page while the trump buttons are up, before the choice.
 */
async function takeTurn(player: Player, beforeTrump?: () => Promise<void>): Promise<Turn> {
  const picker = player.page.locator('section.trump-picker');
  if (await picker.isVisible()) {
    await beforeTrump?.();
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
    // Seats say plainly what they are: the team, its tricks, cards left and chips.
    expect(await dana.page.locator(`.hokm-seat[data-seat="${partner}"] .seat-facts`).innerText()).toMatch(
      /^Team [AB] · \d+ tricks\s+\d+ cards · [\d,]+ chips$/,
    );
    expect(await dana.page.getByTestId('trump-mark').getAttribute('aria-label')).toMatch(
      /^Trump: (clubs|diamonds|hearts|spades)/,
    );
    expect(await overflowsHorizontally(dana.page)).toBe(false);

    // Play the hand out: its result is said in words and stays up through the next deal.
    await eventually(
      'the first hand scored',
      async () => {
        if (await dana.page.getByTestId('hokm-summary').isVisible()) return true;
        const turn = await takeTurn(dana);
        illegal.push(...turn.illegal);
        return undefined;
      },
      180_000,
    );
    expect(await dana.page.getByTestId('hokm-summary').innerText()).toMatch(
      /Hand 1: Team [AB] \(.+\)(?: — your team)? \+\d points?[\s\S]*Tricks \d–\d · score \d+–\d+ of 7/,
    );
    await screenshot(dana.page, 'hokm-05-hand-scored');
    expect(illegal).toEqual([]);
    expect(dana.errors).toEqual([]);
    await dana.close();
  });

  it('at a table of four people, the hakem chooses trump by clicking and a trick is played', async () => {
    // A laptop screen: the hakem must see their five cards beside the trump buttons, no scrolling.
    const LAPTOP = { width: 1280, height: 800 };
    const four = await Promise.all(
      ['Ehsan', 'Fariba', 'Golnar', 'Hamid'].map((name) => Player.guest(browser, node.url, name, LAPTOP)),
    );
    players.push(...four);
    const [host, ...others] = four as [Player, ...Player[]];
    await createHokmTable(host, 'Four Friends', 0);
    for (const p of others) {
      await p.lobbyRow('Four Friends').waitFor();
      await p.sitFromLobby('Four Friends');
    }
    const illegal: string[] = [];
    const handInSight: boolean[] = [];
    let chosenBy: Player | null = null;
    await eventually(
      'trump chosen by clicking and a trick won',
      async () => {
        for (const p of four) {
          const turn = await takeTurn(p, async () => {
            const hand = await p.myHand().boundingBox();
            const picker = await p.page.locator('section.trump-picker').boundingBox();
            handInSight.push((hand?.y ?? 900) + (hand?.height ?? 0) <= LAPTOP.height);
            handInSight.push((picker?.y ?? 900) + (picker?.height ?? 0) <= LAPTOP.height);
            if (handInSight.length === 2) await screenshot(p.page, 'hokm-06-choosing-trump');
          });
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
    expect(handInSight.length).toBeGreaterThan(0);
    expect(handInSight.every(Boolean)).toBe(true);
    for (const p of four) {
      await expect.poll(() => p.page.getByTestId('trump').innerText()).toContain('spades');
      expect(await p.page.getByTestId('trump-mark').getAttribute('aria-label')).toBe('Trump: spades ♠');
    }
    const hakem = (chosenBy as Player | null)?.name ?? '';
    expect(await host.page.getByTestId('hakem').innerText()).toBe(`Hakem: ${hakem}`);
    await screenshot(host.page, 'hokm-04-four-players');

    // Someone watching on a phone sees all four seats whole, inside the screen.
    const ira = await Player.guest(browser, node.url, 'Ira', PHONE);
    players.push(ira);
    await ira.watchFromLobby('Four Friends');
    await ira.page.locator('.hokm-seat').nth(3).waitFor();
    const seats = await ira.page.locator('.hokm-seat').all();
    expect(seats).toHaveLength(4);
    for (const seat of seats) {
      const box = await seat.boundingBox();
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? PHONE.width + 1)).toBeLessThanOrEqual(PHONE.width);
      // The name is not cut by its own seat either.
      const name = await seat.locator('.name').boundingBox();
      expect(name?.x ?? -1).toBeGreaterThanOrEqual(box?.x ?? 0);
      expect((name?.x ?? 0) + (name?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0));
    }
    expect(await overflowsHorizontally(ira.page)).toBe(false);
    await screenshot(ira.page, 'hokm-07-spectator-phone');
    await ira.close();
    for (const p of four) expect(p.errors).toEqual([]);
    await Promise.all(four.map((p) => p.close()));
  });
});
