// Facts the view does not keep but a player wants to see, read from the latest events: each
// seat's last action on this street ("Raise to 40") and the hand names shown at showdown.

import type { Card } from '../../../src/games/cards.js';
import type { HoldemEventView, HoldemView } from '../../../src/games/holdem/index.js';
import { evaluate } from '../../../src/games/poker/index.js';
import { chips } from '../core/format.js';

export interface HandNotes {
  /** seat → what it did last on this street. */
  readonly lastAction: ReadonlyMap<number, string>;
  /** seat → the hand it showed ("Two Pair, Kings and Nines"). */
  readonly shownHands: ReadonlyMap<number, string>;
}

export function handNotes(events: readonly HoldemEventView[]): HandNotes {
  const lastAction = new Map<number, string>();
  const shownHands = new Map<number, string>();
  for (const e of events) {
    if (e.type === 'hand_started') {
      lastAction.clear();
      shownHands.clear();
    } else if (e.type === 'street') {
      lastAction.clear();
    } else if (e.type === 'post') {
      lastAction.set(e.seat, e.blind === 'ante' ? 'Ante' : e.blind === 'small' ? 'Small blind' : 'Big blind');
    } else if (e.type === 'action') {
      const label = actionLabel(e.action, e.amount, e.bet, e.allIn);
      lastAction.set(e.seat, e.forced === 'timeout' ? `${label} (timed out)` : label);
    } else if (e.type === 'show') {
      shownHands.set(e.seat, e.description);
    } else if (e.type === 'muck') {
      lastAction.set(e.seat, 'Mucked');
    }
  }
  return { lastAction, shownHands };
}

/**
 * The actions the server took for `seat` because its time ran out, among events newer than
 * `afterSeq` — what the player is told ("Your time ran out: you checked").
 */
export function ownTimeouts(
  recent: readonly { readonly seq: number; readonly event: unknown }[],
  seat: number,
  afterSeq: number,
): { readonly seq: number; readonly action: string }[] {
  return recent.flatMap(({ seq, event }) => {
    const e = event as Partial<Extract<HoldemEventView, { type: 'action' }>>;
    return seq > afterSeq && e.type === 'action' && e.seat === seat && e.forced === 'timeout'
      ? [{ seq, action: e.action ?? 'fold' }]
      : [];
  });
}

function actionLabel(action: string, amount: number, bet: number, allIn: boolean): string {
  const base =
    action === 'fold'
      ? 'Fold'
      : action === 'check'
        ? 'Check'
        : action === 'call'
          ? `Call ${chips(amount)}`
          : action === 'bet'
            ? `Bet ${chips(bet)}`
            : `Raise to ${chips(bet)}`;
  return allIn ? `${base} (all in)` : base;
}

/**
 * The cards that won at showdown: for each pot won with a shown hand, the winner's best five of
 * their cards and the board. Empty while a hand runs, and when nobody had to show.
 */
export function winningCards(view: HoldemView): ReadonlySet<string> {
  const cards = new Set<string>();
  if (view.inHand || view.board.length < 3) return cards;
  for (const award of view.awards) {
    if (award.description === null) continue;
    for (const winner of award.winners) {
      const shown = view.seats[winner.seat]?.shown;
      if (!shown || shown.length !== 2) continue;
      try {
        for (const card of evaluate([...shown, ...view.board] as Card[]).best) cards.add(card);
      } catch {
        // Cards the evaluator does not take are nothing to highlight.
      }
    }
  }
  return cards;
}
