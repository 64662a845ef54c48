// A person in a browser, as the tests drive them: signs in, uses the lobby, sits, and plays by
// clicking. Reads state only from what the page shows (DOM text, ARIA names, data-* attributes).

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import { attributes, DESKTOP, openPage } from './browser.js';

export interface HandState {
  readonly number: number;
  readonly inHand: boolean;
}

export class Player {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly errors: string[],
  ) {}

  /** Opens the app in a fresh context and signs in as a guest (typing, then Enter). */
  static async guest(
    browser: Browser,
    baseUrl: string,
    name: string,
    viewport: { readonly width: number; readonly height: number } = DESKTOP,
  ): Promise<Player> {
    const { context, page, errors } = await openPage(browser, viewport);
    await page.goto(baseUrl);
    await page.getByLabel('Nickname').fill(name);
    await page.getByLabel('Nickname').press('Enter');
    await page.getByTestId('wallet').filter({ hasText: /\d/ }).waitFor();
    return new Player(name, context, page, errors);
  }

  /**
   * What this player's page shows of its table, in one line: printed when a test fails, so a
   * failure in CI says what each page believed at that moment (own cards are not secret to a test).
   */
  async describe(): Promise<string> {
    const read = (locator: Locator, name: string) =>
      locator
        .first()
        .getAttribute(name, { timeout: 1000 })
        .catch(() => null);
    const text = (locator: Locator) =>
      locator
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => null);
    const main = this.page.locator('main.table-page');
    const felt = this.page.locator('section.felt, section.hokm-felt');
    const banner = this.page.locator('[data-connection]');
    // Read in parallel: on a page that lost its table each missing element costs the full timeout.
    const fields = {
      table: read(main, 'data-table'),
      seat: read(main, 'data-seat'),
      seq: read(main, 'data-seq'),
      connection: read(banner, 'data-connection'),
      interrupted: read(banner, 'data-interrupted'),
      hand: read(felt, 'data-hand'),
      inHand: read(felt, 'data-in-hand'),
      street: read(felt, 'data-street'),
      phase: read(felt, 'data-phase'),
      acting: read(this.page.locator('section.seat.acting'), 'aria-label'),
      actions: text(this.page.locator('section.action-bar, section.trump-picker')),
    };
    const values = await Promise.all(Object.values(fields));
    const summary = Object.fromEntries(Object.keys(fields).map((key, i) => [key, values[i]]));
    return `${this.name} at ${this.page.url()}: ${JSON.stringify(summary)} errors=${JSON.stringify(this.errors)}`;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** The wallet balance shown in the header. */
  async wallet(): Promise<number> {
    const text = await this.page.getByTestId('wallet').innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  lobbyRow(tableName: string): Locator {
    return this.page
      .locator('tr[data-table]')
      .filter({ has: this.page.getByText(tableName, { exact: true }) });
  }

  /** From the lobby: Sit at the named table with `buyIn` chips, or the suggested buy-in. */
  async sitFromLobby(tableName: string, buyIn?: number): Promise<void> {
    await this.lobbyRow(tableName)
      .getByRole('button', { name: `Sit at ${tableName}` })
      .click();
    await this.confirmBuyIn(buyIn);
  }

  /** In an open buy-in form: types `buyIn` (if given) and presses Sit down. */
  async confirmBuyIn(buyIn?: number): Promise<void> {
    if (buyIn !== undefined) await this.page.locator('input[name="buyIn"]').fill(String(buyIn));
    await this.page.getByRole('button', { name: 'Sit down' }).click();
    await this.page
      .getByTestId('role')
      .filter({ hasText: /^Seat \d+$/ })
      .waitFor();
  }

  async watchFromLobby(tableName: string): Promise<void> {
    await this.lobbyRow(tableName)
      .getByRole('button', { name: `Watch ${tableName}` })
      .click();
    await this.page.getByTestId('role').filter({ hasText: 'Watching' }).waitFor();
  }

  /** Our seat index at the open table (null when watching). */
  async seat(): Promise<number | null> {
    const value = await this.page.locator('main.table-page').getAttribute('data-seat');
    return value === null || value === 'spectator' ? null : Number(value);
  }

  // ── Hold'em ────────────────────────────────────────────────────────────────────────────────

  felt(): Locator {
    return this.page.locator('section.felt');
  }

  async holdemHand(): Promise<HandState> {
    const felt = this.felt();
    const [number, inHand] = await Promise.all([
      felt.getAttribute('data-hand'),
      felt.getAttribute('data-in-hand'),
    ]);
    return { number: Number(number ?? 0), inHand: inHand === 'true' };
  }

  async holeCards(): Promise<string[]> {
    return attributes(this.page.locator('[data-testid="hole-cards"] [data-card]'), 'data-card');
  }

  actionBar(): Locator {
    return this.page.locator('section.action-bar');
  }

  /**
   * Our turn, and no action of ours still waiting for its ack. A bar whose buttons are disabled is
   * an action in flight: the turn it shows may already be over on the server (the action may even
   * have ended the hand), and the page has not heard yet.
   */
  async hasOpenTurn(): Promise<boolean> {
    const bar = this.actionBar();
    if (!(await bar.isVisible())) return false;
    return bar
      .getByRole('button', { name: /^(Check|Call)\b/ })
      .first()
      .isEnabled({ timeout: 1000 })
      .catch(() => false);
  }

  /**
   * If it is our turn, checks (or calls) by clicking; true when a click went through. A turn can
   * end under us (a timeout), so a click that finds no button is not a failure.
   */
  async checkOrCall(): Promise<boolean> {
    const bar = this.actionBar();
    if (!(await bar.isVisible())) return false;
    const button = bar.getByRole('button', { name: /^(Check|Call)\b/ });
    try {
      await button.first().click({ timeout: 2000 });
      return true;
    } catch {
      return false;
    }
  }

  // ── Hokm ───────────────────────────────────────────────────────────────────────────────────

  hokmFelt(): Locator {
    return this.page.locator('section.hokm-felt');
  }

  async hokmPhase(): Promise<string> {
    return (await this.hokmFelt().getAttribute('data-phase')) ?? '';
  }

  async tricksWon(): Promise<number> {
    const [a, b] = await Promise.all([
      this.page.getByTestId('tricks-0').innerText(),
      this.page.getByTestId('tricks-1').innerText(),
    ]);
    return Number(a) + Number(b);
  }

  myHand(): Locator {
    return this.page.getByTestId('my-hand');
  }

  async handCards(): Promise<{ readonly all: string[]; readonly playable: string[] }> {
    const buttons = await this.myHand().locator('button[data-card]').all();
    const cards = await Promise.all(
      buttons.map(async (b) => ({
        card: (await b.getAttribute('data-card')) ?? '',
        enabled: await b.isEnabled(),
      })),
    );
    return { all: cards.map((c) => c.card), playable: cards.filter((c) => c.enabled).map((c) => c.card) };
  }
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * When a test fails, prints what every page showed and the node's last log lines: the only
 * evidence a CI run keeps of a race between pages. Call at the top of a describe block.
 */
export function reportPagesOnFailure(
  players: () => readonly (Player | undefined)[],
  nodeOutput: () => readonly string[],
): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      const present = players().filter((p): p is Player => p !== undefined);
      const lines = await Promise.all(present.map((p) => p.describe()));
      console.error(
        ['page states at the failure:', ...lines, 'node log tail:']
          .concat(nodeOutput().slice(-20))
          .join('\n'),
      );
    });
  });
}
