// Bet and raise amounts the action bar offers: always inside the legal range the server sent,
// with pot-fraction shortcuts. Amounts are street totals ("raise to"), as the engine expects.

import type { HoldemLegalActions, HoldemView } from '../../../src/games/holdem/index.js';

export interface Sizing {
  readonly kind: 'bet' | 'raise';
  readonly min: number;
  readonly max: number;
}

export function sizingOf(legal: HoldemLegalActions): Sizing | null {
  if (legal.bet !== null) return { kind: 'bet', min: legal.bet.min, max: legal.bet.max };
  if (legal.raise !== null) return { kind: 'raise', min: legal.raise.min, max: legal.raise.max };
  return null;
}

export function clampAmount(amount: number, sizing: Sizing): number {
  if (!Number.isFinite(amount)) return sizing.min;
  return Math.min(sizing.max, Math.max(sizing.min, Math.round(amount)));
}

/** Chips in the middle now: collected pots plus this street's bets. */
export function potTotal(view: HoldemView): number {
  const pots = view.pots.reduce((sum, p) => sum + p.amount, 0);
  const bets = view.seats.reduce((sum, s) => sum + (s?.bet ?? 0), 0);
  return pots + bets;
}

/**
 * The street total for a bet or raise of `fraction` of the pot. A raise is sized on the pot after
 * our call, as players count it: to = current bet + fraction × (pot + call).
 */
export function potFractionAmount(
  view: HoldemView,
  legal: HoldemLegalActions,
  sizing: Sizing,
  fraction: number,
): number {
  const pot = potTotal(view);
  const target =
    sizing.kind === 'bet' ? fraction * pot : view.currentBet + fraction * (pot + (legal.call ?? 0));
  return clampAmount(target, sizing);
}

export interface Preset {
  readonly label: string;
  readonly amount: number;
}

/** Min, ½ pot, ¾ pot, pot and all in — without duplicates, in increasing order. */
export function presets(view: HoldemView, legal: HoldemLegalActions, sizing: Sizing): Preset[] {
  // Always the same five, in the same places: a button that moved between turns is a misclick.
  // Two may name the same amount (a short stack's ¾ pot is its maximum too).
  return [
    { label: 'Min', amount: sizing.min },
    { label: '½ pot', amount: potFractionAmount(view, legal, sizing, 0.5) },
    { label: '¾ pot', amount: potFractionAmount(view, legal, sizing, 0.75) },
    { label: 'Pot', amount: potFractionAmount(view, legal, sizing, 1) },
    { label: 'Max', amount: sizing.max },
  ];
}
