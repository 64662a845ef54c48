// A person in a browser, as the tests drive them: signs in, uses the lobby, sits, and plays by
// clicking. Reads state only from what the page shows (DOM text, ARIA names, data-* attributes).

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

  /** From the lobby: Sit at the named table with the suggested buy-in. */
  async sitFromLobby(tableName: string): Promise<void> {
    await this.lobbyRow(tableName)
      .getByRole('button', { name: `Sit at ${tableName}` })
      .click();
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
