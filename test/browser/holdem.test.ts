// Hold'em in real Chromium against a real node: two people and a bot play by clicking, a third
// person watches (on a phone-sized screen), one player reloads mid-hand, and the node restarts
// under everyone's feet.

import type { Browser } from 'playwright-core';
import { games } from '../../src/games/index.js';
import { TableClient } from '../../src/sdk/index.js';
import { guest, playCheckCall } from '../e2e/helpers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { launchBrowser, overflowsHorizontally, PHONE, screenshot } from './support/browser.js';
import { checkSpectatorForHoleCards } from './support/hidden-cards.js';
import { eventually, Player, reportPagesOnFailure } from './support/player.js';

const TABLE = 'Browser Holdem';
/**
 * The people buy in deep and the bot shallow (twice the minimum): they only ever check or call, and
 * a bot that wins every showdown must not leave one of them with no chips before the last test.
 */
const MIN_BUY_IN = 100;
const BUY_IN = 5000;
const FLAGS = {
  'timing.hand-delay-ms': 1200,
  'timing.bot-min-ms': 100,
  'timing.bot-max-ms': 300,
};

let node: NodeProcess;
let browser: Browser;
let alice: Player;
let bob: Player;
let carol: Player;

/** Plays (check/call) for both players until `done` says stop; returns how many clicks were made. */
async function playUntil(
  what: string,
  done: () => Promise<boolean>,
  players: readonly Player[],
  timeoutMs = 90_000,
) {
  let clicks = 0;
  await eventually(
    what,
    async () => {
      for (const p of players) if (await p.checkOrCall()) clicks += 1;
      return (await done()) ? true : undefined;
    },
    timeoutMs,
  );
  return clicks;
}

/** Creates a Hold'em table with one bot through the lobby's form, and waits for its page. */
async function createFromLobby(
  player: Player,
  table: {
    readonly name: string;
    readonly seats: number;
    readonly turnSeconds: number;
    readonly bots?: number;
  },
): Promise<void> {
  const page = player.page;
  await page.getByRole('button', { name: 'Create table' }).click();
  const form = page.locator('form.create-table');
  await form.getByLabel('Name').fill(table.name);
  await form.getByLabel('Seats').fill(String(table.seats));
  await form.getByLabel('Min buy-in').fill(String(MIN_BUY_IN));
  await form.getByLabel('Max buy-in').fill(String(BUY_IN));
  await form.getByLabel('Turn timer (seconds)').fill(String(table.turnSeconds));
  await form.getByLabel('Bots').fill(String(table.bots ?? 1));
  await form.getByRole('button', { name: 'Create table' }).click();
  await page.getByRole('heading', { name: table.name }).waitFor();
}

/** The first hand both players are dealt into. */
async function handWithBoth(): Promise<number> {
  return eventually('a hand dealt to both players', async () => {
    const [a, b] = await Promise.all([alice.holdemHand(), bob.holdemHand()]);
    const [ca, cb] = await Promise.all([alice.holeCards(), bob.holeCards()]);
    return a.inHand && b.inHand && a.number === b.number && ca.length === 2 && cb.length === 2
      ? a.number
      : undefined;
  });
}

async function handOver(hand: number): Promise<boolean> {
  const now = await alice.holdemHand();
  return now.number > hand || !now.inHand;
}

describe("Hold'em in the browser", () => {
  reportPagesOnFailure(
    () => [alice, bob, carol],
    () => (node as NodeProcess | undefined)?.output ?? [],
  );
  beforeAll(async () => {
    [node, browser] = await Promise.all([startNode({ flags: FLAGS }), launchBrowser()]);
  });

  afterAll(async () => {
    // Whatever failed in beforeAll, clean up what did start.
    const started = { browser: browser as Browser | undefined, node: node as NodeProcess | undefined };
    await started.browser?.close();
    await started.node?.stop();
    if (started.node) removeDataDir(started.node.dataDir);
  });

  it('signs two players in as guests and shows each their wallet', async () => {
    [alice, bob] = await Promise.all([
      Player.guest(browser, node.url, 'Alice'),
      Player.guest(browser, node.url, 'Bob'),
    ]);
    expect(await alice.wallet()).toBeGreaterThan(0);
    expect(await bob.page.getByTestId('account').innerText()).toContain('Bob');
    await screenshot(alice.page, 'holdem-01-lobby');
  });

  it('resumes the session on a direct link, and an unknown table says so and leads back to the lobby', async () => {
    await alice.page.goto(`${node.url}/table/no-such-table`);
    await alice.page.getByRole('alert').filter({ hasText: 'That table no longer exists.' }).waitFor();
    expect(await alice.page.getByTestId('account').innerText()).toContain('Alice');
    await alice.page.getByRole('button', { name: 'Back to the lobby' }).click();
    await alice.page.getByRole('heading', { name: 'Lobby' }).waitFor();
    expect(new URL(alice.page.url()).pathname).toBe('/');
  });

  it('creates a table with a bot from the lobby form, and both players take a seat with a buy-in', async () => {
    const page = alice.page;
    await createFromLobby(alice, { name: TABLE, seats: 3, turnSeconds: 60 });
    const walletBefore = await alice.wallet();
    // The creator lands with the buy-in form open, not as a spectator to be.
    await page.locator('form.buy-in').waitFor();
    expect(await page.getByRole('button', { name: 'Take a seat' }).count()).toBe(0);
    await alice.confirmBuyIn(BUY_IN);
    await page
      .getByTestId('role')
      .filter({ hasText: /^Seat \d+$/ })
      .waitFor();
    await eventually('the buy-in to leave the wallet', async () =>
      (await alice.wallet()) === walletBefore - BUY_IN ? true : undefined,
    );

    await bob.lobbyRow(TABLE).waitFor();
    await bob.sitFromLobby(TABLE, BUY_IN);
    expect(await bob.seat()).not.toBe(await alice.seat());
    await screenshot(bob.page, 'holdem-02-seated');
  });

  it("a spectator on a phone-sized screen never sees the players' hole cards, checked at several points of a hand", async () => {
    carol = await Player.guest(browser, node.url, 'Carol', PHONE);
    expect(await overflowsHorizontally(carol.page)).toBe(false);
    await carol.watchFromLobby(TABLE);
    const hand = await handWithBoth();
    let compared = 0;
    const leaks: string[] = [];
    await playUntil(
      `hand ${hand} to end while the spectator is checked at least three times`,
      async () => {
        const check = await checkSpectatorForHoleCards(carol.page, [alice, bob]);
        if (check.compared) compared += 1;
        leaks.push(...check.leaks);
        return (await handOver(hand)) && compared >= 3;
      },
      [alice, bob],
    );
    expect(leaks).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(3);
    // The check itself can see a leak: on Alice's own page it finds Alice's cards.
    const aliceSeat = await alice.seat();
    const own = await eventually("a comparable check of Alice's page during a hand", async () => {
      const shown = await alice.page
        .locator(`section.seat[data-seat="${aliceSeat}"]`)
        .getAttribute('data-revealed');
      if (!(await alice.holdemHand()).inHand || shown !== 'false') return undefined;
      const check = await checkSpectatorForHoleCards(alice.page, [alice]);
      return check.compared ? check : undefined;
    });
    expect(own.leaks.length).toBeGreaterThan(0);
    expect(await carol.seat()).toBeNull();
    expect(await overflowsHorizontally(carol.page)).toBe(false);
    await screenshot(carol.page, 'holdem-03-spectator-phone');
  });

  it("a spectator who reloads during someone's turn sees that turn's real deadline, not a fresh full timer", async () => {
    // Alice waits on her turn; the spectator's page is reloaded well into it.
    await eventually("Alice's turn", async () => {
      await bob.checkOrCall();
      return (await alice.hasOpenTurn()) ? true : undefined;
    });
    const aliceSeat = await alice.seat();
    const timerOf = (player: Player) =>
      player.page.locator(`section.seat[data-seat="${aliceSeat}"] .turn-timer`).getAttribute('data-ends-at');
    const deadline = Number(await timerOf(alice));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await carol.page.reload();
    await carol.page.getByTestId('role').filter({ hasText: 'Watching' }).waitFor();
    const shown = Number(await timerOf(carol));
    // A timer started at the reload would end 2.5 s or more after the real deadline.
    expect(Math.abs(shown - deadline)).toBeLessThan(1000);
    expect(await alice.hasOpenTurn()).toBe(true);
  });

  it('two players and a bot play a hand to the end by clicking, and it appears in their hand histories', async () => {
    const hand = await handWithBoth();
    // While the hand runs the pot shows the chips in play, bets of the street (the blinds, pre-flop)
    // included — at least the two blinds (5 + 10) from the first moment.
    const total = Number(await alice.felt().locator('[data-testid="pots"]').getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(15);
    // The same five bet presets, in the same places, whenever a sizing is offered.
    const presets = alice.page.locator('.action-bar .presets button');
    if ((await presets.count()) > 0)
      expect(await presets.allInnerTexts()).toEqual(['Min', '½ pot', '¾ pot', 'Pot', 'Max']);
    const clicks = await playUntil(`hand ${hand} to end`, () => handOver(hand), [alice, bob]);
    expect(clicks).toBeGreaterThan(0);
    await screenshot(alice.page, 'holdem-04-hand-over');

    for (const player of [alice, bob]) {
      const page = player.page;
      const history = page.locator('details.history');
      if ((await history.getAttribute('open')) === null) await history.locator('summary').click();
      const entry = history.getByRole('button', { name: new RegExp(`^Hand #${hand} `) });
      await entry.waitFor();
      // Each hand says what this player won or lost in it, in words for a screen reader too.
      const net = Number(await entry.locator('.net').getAttribute('data-net'));
      expect(Number.isInteger(net)).toBe(true);
      expect(await entry.locator('.net').innerText()).toBe(
        net === 0 ? '±0' : `${net > 0 ? '+' : '−'}${Math.abs(net).toLocaleString('en')}`,
      );
      expect(await entry.getAttribute('aria-label')).toMatch(/, (won|lost) [\d,]+ chips$|, broke even$/);
      await entry.click();
      const record = history.getByRole('region', { name: `Hand #${hand}` });
      await expect.poll(() => record.innerText(), { timeout: 10_000 }).toMatch(/wins \d/);
      const text = await record.innerText();
      expect(text).toContain(player.name);
    }
    await screenshot(bob.page, 'holdem-05-history');

    // Carol, watching, reads the table's hands as a spectator saw them: no win or loss of hers, and
    // no hole card of Alice or Bob that was not shown.
    const rail = carol.page.locator('details.history');
    await rail.locator('summary').filter({ hasText: 'Hands at this table' }).click();
    const railEntry = rail.getByRole('button', { name: new RegExp(`^Hand #${hand} `) });
    await railEntry.waitFor();
    expect(await railEntry.locator('.net').count()).toBe(0);
    await railEntry.click();
    const railRecord = rail.getByRole('region', { name: `Hand #${hand}` });
    await expect.poll(() => railRecord.innerText(), { timeout: 10_000 }).toMatch(/wins \d/);
    const railText = await railRecord.innerText();
    for (const name of ['Alice', 'Bob']) {
      const seatLine = new RegExp(`Seat \\d+: ${name} \\([\\d,]+\\)(.*)`).exec(railText);
      expect(seatLine, `${name}'s seat line`).not.toBeNull();
      // Cards beside the name only for a player whose cards were turned up for everyone.
      if (!new RegExp(`${name} (shows|reveals)`).test(railText)) expect(seatLine?.[1] ?? '').toBe('');
    }
    await screenshot(carol.page, 'holdem-13-spectator-history');
  });

  it('a player who reloads mid-hand gets the same seat and cards back, and the hand goes on (acting by keyboard)', async () => {
    // Reload exactly when it is Bob's turn: the turn must come back after the reload.
    const { hand, cards, seat } = await eventually(
      "Bob's turn in a hand dealt to both",
      async () => {
        await alice.checkOrCall();
        if (!(await bob.hasOpenTurn())) return undefined;
        const state = await bob.holdemHand();
        const bobCards = await bob.holeCards();
        const stillSame = (await bob.hasOpenTurn()) && (await bob.holdemHand()).number === state.number;
        if (!state.inHand || bobCards.length !== 2 || !stillSame) return undefined;
        return { hand: state.number, cards: bobCards, seat: await bob.seat() };
      },
      90_000,
    );
    await bob.page.reload();
    await bob.page
      .getByTestId('role')
      .filter({ hasText: /^Seat \d+$/ })
      .waitFor();
    expect(await bob.seat()).toBe(seat);
    expect((await bob.holdemHand()).number).toBe(hand);
    expect(await bob.holeCards()).toEqual(cards);
    await screenshot(bob.page, 'holdem-06-after-reload');

    // Bob's turn came back with the page; he acts with the keyboard (C = check or call).
    const bar = bob.actionBar();
    await bar
      .getByRole('button', { name: /^(Check|Call)\b/ })
      .first()
      .waitFor();
    const seq = async () => Number(await bob.page.locator('main.table-page').getAttribute('data-seq'));
    const before = await seq();
    await bob.page.keyboard.press('c');
    // Nothing else can happen at the table during Bob's turn: a new event is his action.
    await expect.poll(seq, { timeout: 20_000 }).toBeGreaterThan(before);

    await playUntil(`hand ${hand} to end after the reload`, () => handOver(hand), [alice, bob]);
    expect(bob.errors).toEqual([]);
  });

  it('shows a reconnecting state when the node restarts and resumes by itself, without a reload', async () => {
    // A value kept in the page's memory: still there afterwards means the page was never reloaded.
    await alice.page.evaluate('window.pitbossMarker = 42');
    const seat = await alice.seat();
    const titleTop = async () => (await alice.page.locator('#table-title').boundingBox())?.y;
    const topBefore = await titleTop();
    const { dataDir, port } = node;
    await node.stop();
    await alice.page.locator('[data-interrupted="true"]').waitFor();
    await alice.page.getByText('Connection lost — reconnecting…').waitFor();
    // While offline nothing can be sent: the table says so, and every action waits.
    await alice.page.locator('main.table-page[data-offline="true"]').waitFor();
    expect(await alice.page.locator('.seat-controls button:enabled').count()).toBe(0);
    expect(await alice.page.locator('.action-bar .buttons button:enabled').count()).toBe(0);
    // The banner floats: the page under it did not move.
    expect(await titleTop()).toBe(topBefore);
    await screenshot(alice.page, 'holdem-07-reconnecting');

    node = await startNode({ dataDir, port, flags: FLAGS });
    await alice.page
      .locator('[data-interrupted="false"][data-connection="open"]')
      .waitFor({ timeout: 60_000 });
    expect(await alice.page.evaluate('window.pitbossMarker')).toBe(42);
    expect(await alice.seat()).toBe(seat);
    // Back online: actions are enabled again, and no stale "not connected" notice is left.
    await alice.page.locator('main.table-page[data-offline="false"]').waitFor();
    expect(await alice.page.locator('.seat-controls button:enabled').count()).toBeGreaterThan(0);
    expect(
      await alice.page.locator('.notice', { hasText: /not connected|connection dropped/i }).count(),
    ).toBe(0);
    // Play resumes: a hand after the restart reaches both players and finishes.
    const hand = await handWithBoth();
    await playUntil(`hand ${hand} after the restart to end`, () => handOver(hand), [alice, bob]);
    await screenshot(alice.page, 'holdem-08-resumed');
    expect(alice.errors).toEqual([]);
    expect(carol.errors).toEqual([]);
  });

  it('tells a player whose time ran out what the server did for them', async () => {
    const dave = await Player.guest(browser, node.url, 'Dave');
    try {
      const page = dave.page;
      await createFromLobby(dave, { name: 'Browser Slow', seats: 2, turnSeconds: 3 });
      await dave.confirmBuyIn(BUY_IN);
      // Dave never acts: his first turn runs out and the server checks or folds for him.
      await page
        .locator('.notice', { hasText: /Your time ran out: (you checked|your hand was folded)\./ })
        .waitFor({ timeout: 60_000 });
      await expect
        .poll(() => page.locator('.seat.mine').innerText(), { timeout: 10_000 })
        .toMatch(/\(timed out\)/);
      // Each thing said once, however many turns ran out since: the same words replace the older copy.
      const said = await page.locator('.notice span').allInnerTexts();
      expect(said.length).toBeGreaterThan(0);
      expect(new Set(said).size).toBe(said.length);
      await screenshot(page, 'holdem-09-timed-out');
    } finally {
      await dave.close();
    }
  });

  it('tells a player who lost every chip, offers a rebuy from the wallet, and deals them in again', async () => {
    const erin = await Player.guest(browser, node.url, 'Erin');
    const frank = await guest(node, 'Frank');
    let play: { stop(): void } | null = null;
    try {
      const page = erin.page;
      await createFromLobby(erin, { name: 'Browser Bust', seats: 2, turnSeconds: 30, bots: 0 });
      await erin.confirmBuyIn(MIN_BUY_IN);
      const tableId = await page.locator('main.table-page').getAttribute('data-table');
      // Frank, deep-stacked, calls everything; Erin goes all in every hand until she loses one.
      const frankTable = new TableClient(frank.client, tableId ?? '', games.holdem);
      await frankTable.join(BUY_IN);
      play = playCheckCall(frankTable);
      const panel = page.getByTestId('out-of-chips');
      await eventually(
        'Erin busted',
        async () => {
          if (await panel.isVisible()) return true;
          await erin
            .actionBar()
            .getByRole('button', { name: /^All in/ })
            .click({ timeout: 1000 })
            .catch(() => undefined);
          return undefined;
        },
        120_000,
      );
      const said = await panel.innerText();
      expect(said).toContain('You are out of chips.');
      expect(said).toMatch(/your seat is kept for \d+ s/);
      expect(await page.locator('.seat.mine .stack').innerText()).toBe('0');
      // The showdown she lost stays on the felt with the five cards that beat her marked.
      expect(await page.locator('.card.win').count()).toBe(5);
      // Nothing to sit in with: the only ways on are a rebuy or leaving.
      expect(await page.getByRole('button', { name: 'Sit in' }).count()).toBe(0);
      await screenshot(page, 'holdem-10-out-of-chips');

      // A rebuy: the wallet pays, the stack shows it, and she is dealt into the next hand.
      const before = await erin.wallet();
      await panel.locator('input[name="amount"]').fill('300');
      await panel.getByRole('button', { name: 'Rebuy' }).click();
      await panel.waitFor({ state: 'detached' });
      await expect.poll(() => erin.wallet()).toBe(before - 300);
      const rebought = (await erin.holdemHand()).number;
      await eventually('Erin dealt in after the rebuy', async () => {
        const hand = await erin.holdemHand();
        return hand.number > rebought && (await erin.holeCards()).length === 2 ? true : undefined;
      });
    } finally {
      play?.stop();
      frank.client.close();
      await erin.close();
    }
  });

  it('the create form names the table, shows each problem beside its field until it is fixed, and seats its creator', async () => {
    const gus = await Player.guest(browser, node.url, 'Gus');
    try {
      const page = gus.page;
      await page.getByRole('button', { name: 'Create table' }).click();
      const form = page.locator('form.create-table');
      expect(await form.getByLabel('Name').inputValue()).toBe("Gus's table");
      // Rows sit close together at desktop width: no stretched gaps between them.
      const labels = await form.locator('.grid > label').all();
      const rows = await Promise.all(labels.map(async (l) => Math.round((await l.boundingBox())?.y ?? 0)));
      const tops = [...new Set(rows)].sort((a, b) => a - b);
      for (let i = 1; i < tops.length; i++) expect((tops[i] ?? 0) - (tops[i - 1] ?? 0)).toBeLessThan(120);
      await screenshot(page, 'lobby-01-create-form');

      await form.getByLabel('Name').fill('');
      await form.getByLabel('Max buy-in').fill('2000000000');
      await form.getByRole('button', { name: 'Create table' }).click();
      const errorBeside = (label: string) =>
        form.locator('label', { hasText: label }).locator('.field-error').allInnerTexts();
      expect(await errorBeside('Name')).toEqual(['Give the table a name.']);
      expect(await errorBeside('Max buy-in')).toEqual([
        'The maximum buy-in may be at most 1,000,000,000 chips.',
      ]);
      expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'lobby-02-create-form-errors');

      // Each problem goes as soon as its field is fixed.
      await form.getByLabel('Name').fill('Gus Table');
      expect(await errorBeside('Name')).toEqual([]);
      expect(await errorBeside('Max buy-in')).toHaveLength(1);
      await form.getByLabel('Max buy-in').fill('5000');
      expect(await form.locator('.field-error').count()).toBe(0);

      await form.getByRole('button', { name: 'Create table' }).click();
      await page.getByRole('heading', { name: 'Gus Table' }).waitFor();
      await gus.confirmBuyIn(500);
      expect(await gus.seat()).not.toBeNull();
    } finally {
      await gus.close();
    }
  });

  it('shows a player whose connection went as away, on the seat and in the lobby, until they are back', async () => {
    const hal = await Player.guest(browser, node.url, 'Hal');
    let ivy = await guest(node, 'Ivy', { reconnect: false });
    try {
      const page = hal.page;
      await createFromLobby(hal, { name: 'Browser Away', seats: 3, turnSeconds: 60, bots: 0 });
      await hal.confirmBuyIn(MIN_BUY_IN);
      const tableId = (await page.locator('main.table-page').getAttribute('data-table')) ?? '';
      await new TableClient(ivy.client, tableId, games.holdem).join(MIN_BUY_IN);
      const ivySeat = page.locator('section.seat', { hasText: 'Ivy' });
      await ivySeat.waitFor();
      expect(await ivySeat.locator('.badge.away').count()).toBe(0);

      // Her only connection goes: everyone at the table sees her away at once.
      ivy.client.close();
      await ivySeat.locator('.badge.away').waitFor();
      expect(await ivySeat.getAttribute('aria-label')).toMatch(/\baway\b/);
      await screenshot(page, 'holdem-11-away');
      // In the lobby Hal has left the table's page, so he is away from it too now.
      await page.getByRole('button', { name: '← Lobby' }).click();
      await expect
        .poll(() => hal.lobbyRow('Browser Away').innerText())
        .toMatch(/Hal \(away\), Ivy \(away\)[\s\S]*2 away/);

      // Back with her token: no longer away.
      ivy = await guest(node, 'Ivy', { token: ivy.token, reconnect: false });
      await ivy.client.request('table.watch', { table: tableId });
      await expect
        .poll(() => hal.lobbyRow('Browser Away').innerText())
        .toMatch(/Hal \(away\), Ivy\s[\s\S]*1 away/);
    } finally {
      ivy.client.close();
      await hal.close();
    }
  });

  it('on a phone, puts our seat at the bottom and keeps the whole action bar on the screen at our turn', async () => {
    const jo = await Player.guest(browser, node.url, 'Jo', PHONE);
    try {
      const page = jo.page;
      await createFromLobby(jo, { name: 'Browser Phone', seats: 4, turnSeconds: 60, bots: 2 });
      await jo.confirmBuyIn(BUY_IN);
      await eventually('our turn with a raise slider', async () =>
        (await jo.hasOpenTurn()) && (await jo.actionBar().locator('input[type="range"]').isVisible())
          ? true
          : undefined,
      );
      const bar = await jo.actionBar().boundingBox();
      expect(bar).not.toBeNull();
      expect(bar?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect((bar?.y ?? 0) + (bar?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
      const mine = await page.locator('.seat.mine').boundingBox();
      const others = await Promise.all(
        (await page.locator('section.seat:not(.mine)').all()).map((s) => s.boundingBox()),
      );
      expect(others.length).toBeGreaterThan(0);
      for (const other of others) expect(mine?.y ?? 0).toBeGreaterThan(other?.y ?? Number.POSITIVE_INFINITY);
      expect(await overflowsHorizontally(page)).toBe(false);
      // Seated, Jo cannot take another seat: the empty ones are not drawn as stray boxes in the grid.
      expect(await page.locator('.seat.empty').count()).toBeGreaterThan(0);
      for (const empty of await page.locator('.seat.empty').all())
        expect(await empty.isVisible()).toBe(false);
      // Two bots at one table never share a name.
      const names = await page.locator('section.seat:not(.mine) .name').allInnerTexts();
      expect(new Set(names).size).toBe(names.length);
      await screenshot(page, 'holdem-12-phone-turn');
      await jo.checkOrCall();
    } finally {
      await jo.close();
    }
  });
});
