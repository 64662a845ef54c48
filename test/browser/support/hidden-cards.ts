// Does a spectator's page contain any player's hole cards? The players' own pages say what their
// cards are; the spectator's DOM (markup, attributes, accessible names) must not mention them
// unless that seat's cards were turned face up for everyone (showdown or all-in reveal).

import type { Page } from 'playwright-core';
import { cardName, cardText } from '../../../web/src/core/cards.js';
import { attributes } from './browser.js';
import type { Player } from './player.js';

export interface LeakCheck {
  /** False when the pages were not all on the same hand (nothing comparable to check). */
  readonly compared: boolean;
  readonly leaks: readonly string[];
}

async function handOf(page: Page): Promise<number> {
  return Number((await page.locator('section.felt').getAttribute('data-hand')) ?? -1);
}

export async function checkSpectatorForHoleCards(
  spectator: Page,
  players: readonly Player[],
): Promise<LeakCheck> {
  const secrets = await Promise.all(
    players.map(async (p) => ({
      name: p.name,
      seat: await p.seat(),
      hand: (await p.holdemHand()).number,
      cards: await p.holeCards(),
    })),
  );
  const hand = await handOf(spectator);
  if (secrets.some((s) => s.hand !== hand || s.cards.length === 0 || s.seat === null))
    return { compared: false, leaks: [] };
  const html = await spectator.content();
  const revealed = (
    await attributes(spectator.locator('[data-seat][data-revealed="true"]'), 'data-seat')
  ).map(Number);
  // A new hand on any page in between would make the comparison meaningless: read again.
  const after = await Promise.all([
    handOf(spectator),
    ...players.map(async (p) => (await p.holdemHand()).number),
  ]);
  if (after.some((n) => n !== hand)) return { compared: false, leaks: [] };
  const leaks: string[] = [];
  for (const s of secrets) {
    if (s.seat === null || revealed.includes(s.seat)) continue;
    for (const card of s.cards) {
      for (const needle of [`data-card="${card}"`, cardName(card), cardText(card)]) {
        if (html.includes(needle))
          leaks.push(`hand ${hand}: ${s.name}'s ${card} appears as ${JSON.stringify(needle)}`);
      }
    }
  }
  return { compared: true, leaks };
}
