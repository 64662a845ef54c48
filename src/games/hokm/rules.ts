// Card-level rules shared by the engine, the timeout rule and the bot: following suit and who
// wins a trick.

import { rankValue, SUITS, suitOf, type Card, type Suit } from '../cards.js';
import type { SeatIndex } from '../contract.js';
import type { Play } from './state.js';

/** The cards of `hand` that may be played to a trick led with `led` (null: this seat leads). */
export function playableCards(hand: readonly Card[], led: Suit | null): Card[] {
  if (led === null) return hand.slice();
  const following = hand.filter((c) => suitOf(c) === led);
  return following.length > 0 ? following : hand.slice();
}

/** Does `challenger` beat `best` in a trick led with `led` under `trump`? */
export function beats(challenger: Card, best: Card, led: Suit, trump: Suit | null): boolean {
  const cs = suitOf(challenger);
  const bs = suitOf(best);
  if (cs === bs) return rankValue(challenger) > rankValue(best);
  if (cs === trump) return true;
  if (bs === trump) return false;
  return cs === led && bs !== led;
}

/** The play that currently wins a non-empty (possibly incomplete) trick. */
export function winningPlay(plays: readonly Play[], trump: Suit | null): Play | null {
  const first = plays[0];
  if (!first) return null;
  const led = suitOf(first.card);
  let best = first;
  for (const p of plays) if (beats(p.card, best.card, led, trump)) best = p;
  return best;
}

export function trickWinner(plays: readonly Play[], trump: Suit | null): SeatIndex {
  return winningPlay(plays, trump)?.seat ?? 0;
}

/** Cards by suit (clubs, diamonds, hearts, spades), then by rank: how a hand is shown. */
export function sortCards(cards: readonly Card[]): Card[] {
  return cards
    .slice()
    .sort((a, b) => SUITS.indexOf(suitOf(a)) - SUITS.indexOf(suitOf(b)) || rankValue(a) - rankValue(b));
}
