// Real Chromium for the browser tests: Debian's package, driven by playwright-core (which never
// downloads a browser of its own). Each call launches a fresh browser with a fresh temporary
// profile; each player gets a fresh context (its own storage and cookies).

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

/** Debian's chromium; PITBOSS_CHROMIUM overrides it (another distribution's path). */
export const CHROMIUM_PATH = process.env.PITBOSS_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export const DESKTOP = { width: 1200, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions and console errors seen on the page (tests assert there are none). */
  readonly errors: string[];
}

export async function openPage(
  browser: Browser,
  viewport: { readonly width: number; readonly height: number } = DESKTOP,
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs a failed WebSocket while the node is down; that is the scenario, not a bug.
    if (
      message.type() === 'error' &&
      !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(message.text())
    ) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, errors };
}

/** Saves a PNG under artifacts/screenshots/ (kept by CI as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when the page is wider than its viewport (something does not fit the screen). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  // A string runs in the page: this project's type check has no DOM library for test code.
  const overflow: unknown = await page.evaluate(
    'document.documentElement.scrollWidth > window.innerWidth + 1',
  );
  return overflow === true;
}

/** The `name` attribute of every element `locator` matches. */
export async function attributes(locator: Locator, name: string): Promise<string[]> {
  const values = await Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
  return values.filter((v) => v !== null);
}
