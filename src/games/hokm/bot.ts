// A sensible Hokm bot. It sees only its seat's view (its own cards and the public play) and keeps
// no memory between decisions: what has been played is in the view's completed tricks.
//
// - Trump: the suit of its five with the best length-and-height score.
// - Leading: a card that is the master of its suit (no higher card of the suit is still unseen),
//   non-trump first; trump masters when it holds three or more trumps; otherwise low from its
//   longest side suit, so the partner gets a chance to win.
// - Following: when the partner is winning it plays low (it never over-trumps a partner); when an
//   opponent is winning it wins as cheaply as it can, preferring a sure winner when seats are still
//   to play; when it cannot win it discards its lowest card, keeping trumps.
// Ties between equally good cards are broken with the rng, so a decision is a function of the view
// and the rng's state.

import { RANKS, rankValue, SUITS, suitOf, type Card, type Suit } from '../cards.js';
import type { BotInput, BotPolicy, SeatIndex } from '../contract.js';
import type { Rng } from '../rng.js';
import type { HokmAction } from './actions.js';
import type { HokmLegalActions } from './legal.js';
import { beats, winningPlay } from './rules.js';
import { partnerOf, SEATS } from './state.js';
import type { HokmHandView, HokmView } from './view.js';

export const hokmBot: BotPolicy<HokmView, HokmLegalActions, HokmAction> = {
  decide(input: BotInput<HokmView, HokmLegalActions>, rng: Rng): HokmAction {
    const { legal, view, seat } = input;
    const hand = view.game?.hand;
    if (legal.type === 'choose_trump') {
      return { type: 'choose_trump', suit: pickTrump(hand?.myCards ?? [], legal.suits, rng) };
    }
    if (legal.type === 'play' && hand && legal.cards.length > 0) {
      return { type: 'play', card: pickCard(hand, seat, legal.cards, rng) };
    }
    // Nothing to do: the runtime only asks a seat that is to act. This action is rejected cleanly.
    return { type: 'play', card: hand?.myCards?.[0] ?? '2c' };
  },
};

/** Length counts most, height decides close calls: A-K beats 2-3-4 but not 2-3-T. */
export function trumpScore(cards: readonly Card[], suit: Suit): number {
  const own = cards.filter((c) => suitOf(c) === suit);
  return own.length * 16 + own.reduce((sum, c) => sum + rankValue(c), 0);
}

function pickTrump(five: readonly Card[], suits: readonly Suit[], rng: Rng): Suit {
  return pickBest(suits, (s) => trumpScore(five, s), rng) ?? 's';
}

function pickCard(hand: HokmHandView, seat: SeatIndex, legal: readonly Card[], rng: Rng): Card {
  const trump = hand.trump;
  const seen = new Set<Card>(hand.myCards ?? []);
  for (const t of hand.tricks) for (const p of t.plays) seen.add(p.card);
  for (const p of hand.trick) seen.add(p.card);
  const isMaster = (card: Card): boolean =>
    RANKS.slice(rankValue(card) + 1).every((r) => seen.has(`${r}${suitOf(card)}`));

  if (hand.trick.length === 0) return lead(legal, trump, isMaster, rng);

  const led = suitOf((hand.trick[0] as { card: Card }).card);
  const winning = winningPlay(hand.trick, trump);
  const lowest = (cards: readonly Card[]): Card => lowCard(cards, trump, rng);
  if (!winning || winning.seat === partnerOf(seat)) return lowest(legal);

  const winners = legal.filter((c) => beats(c, winning.card, led, trump));
  if (winners.length === 0) return lowest(legal);
  const last = hand.trick.length === SEATS - 1;
  if (!last) {
    const sure = winners.filter(isMaster);
    if (sure.length > 0) return cheapest(sure, trump, rng);
  }
  return cheapest(winners, trump, rng);
}

function lead(legal: readonly Card[], trump: Suit | null, isMaster: (c: Card) => boolean, rng: Rng): Card {
  const masters = legal.filter(isMaster);
  const sideMasters = masters.filter((c) => suitOf(c) !== trump);
  if (sideMasters.length > 0) return pickBest(sideMasters, rankValue, rng) ?? (legal[0] as Card);
  const trumps = legal.filter((c) => suitOf(c) === trump);
  const trumpMasters = masters.filter((c) => suitOf(c) === trump);
  if (trumpMasters.length > 0 && trumps.length >= 3) return trumpMasters[0] as Card;
  const side = legal.filter((c) => suitOf(c) !== trump);
  if (side.length === 0) return lowCard(legal, trump, rng);
  const longest = pickBest(
    SUITS.filter((s) => s !== trump && side.some((c) => suitOf(c) === s)),
    (s) => side.filter((c) => suitOf(c) === s).length,
    rng,
  );
  return lowCard(
    side.filter((c) => suitOf(c) === longest),
    trump,
    rng,
  );
}

/** The lowest card, keeping trumps: a trump only when nothing else is allowed. */
function lowCard(cards: readonly Card[], trump: Suit | null, rng: Rng): Card {
  const side = cards.filter((c) => suitOf(c) !== trump);
  const pool = side.length > 0 ? side : cards;
  return pickBest(pool, (c) => -rankValue(c), rng) ?? (cards[0] as Card);
}

/** The cheapest winning card: a side-suit card before a trump, then the lowest rank. */
function cheapest(cards: readonly Card[], trump: Suit | null, rng: Rng): Card {
  return pickBest(cards, (c) => (suitOf(c) === trump ? -100 : 0) - rankValue(c), rng) ?? (cards[0] as Card);
}

/** The item with the highest score; equal scores are chosen between with `rng`. */
function pickBest<T>(items: readonly T[], score: (item: T) => number, rng: Rng): T | undefined {
  let best: T[] = [];
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      best = [item];
      bestScore = s;
    } else if (s === bestScore) best.push(item);
  }
  if (best.length <= 1) return best[0];
  return best[rng.below(best.length)];
}
