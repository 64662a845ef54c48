// The Hold'em bot: Monte Carlo equity against the live opponents, compared with the pot odds and
// shaded by position. It sees only its own view and legal actions, and every action it returns is
// built from (and clamped into) those legal actions, so `apply` always accepts it.

import type { BotInput, BotPolicy } from '../contract.js';
import type { Rng } from '../rng.js';
import { equity, mulberry32 } from './equity.js';
import type { AmountRange, HoldemAction, HoldemLegalActions, HoldemView } from './types.js';

export interface HoldemBotOptions {
  /** Monte Carlo deals per decision: the bot's whole computing budget. */
  readonly iterations: number;
}

export const DEFAULT_BOT_OPTIONS: HoldemBotOptions = { iterations: 250 };

export function createHoldemBot(
  options: HoldemBotOptions = DEFAULT_BOT_OPTIONS,
): BotPolicy<HoldemView, HoldemLegalActions, HoldemAction> {
  return { decide: (input, rng) => decide(input, rng, options) };
}

function passive(legal: HoldemLegalActions): HoldemAction {
  return legal.check ? { type: 'check' } : { type: 'fold' };
}

function clamp(value: number, range: AmountRange): number {
  return Math.max(range.min, Math.min(range.max, Math.round(value)));
}

/** 0 for the first seat to act after the button … 1 for the button (acts last after the flop). */
function lateness(view: HoldemView, seat: number): number {
  const n = view.seats.length;
  const button = view.button ?? 0;
  const live = view.seats
    .filter((s) => s !== null && s.inHand && !s.folded)
    .map((s) => s?.seat ?? 0)
    .sort((a, b) => ((a - button - 1 + n) % n) - ((b - button - 1 + n) % n));
  const index = live.indexOf(seat);
  return live.length <= 1 || index < 0 ? 1 : index / (live.length - 1);
}

function decide(
  input: BotInput<HoldemView, HoldemLegalActions>,
  rng: Rng,
  options: HoldemBotOptions,
): HoldemAction {
  const { view, seat, legal } = input;
  const hole = view.holeCards;
  if (!legal.canAct || hole === null) return passive(legal);
  const random = mulberry32(rng.uint32());
  const opponents = view.seats.filter((s) => s !== null && s.seat !== seat && s.inHand && !s.folded).length;
  const eq = equity(hole, view.board, Math.max(1, opponents), options.iterations, random);
  // Strength 1 = an average share of the pot against this many opponents.
  const strength = eq * (Math.max(1, opponents) + 1);
  const late = lateness(view, seat);
  let pot = 0;
  for (const p of view.pots) pot += p.amount;
  for (const s of view.seats) pot += s?.bet ?? 0;
  const toCall = legal.call ?? 0;
  const potOdds = toCall === 0 ? 0 : toCall / (pot + toCall);
  const roll = random();

  const wantsToRaise = strength >= 1.7 - 0.3 * late && eq > potOdds + 0.1;
  const bluffs = toCall === 0 && roll < 0.05 + 0.1 * late && strength > 0.6;
  const valueBets = toCall === 0 && strength >= 1.25 - 0.2 * late;
  if (wantsToRaise || valueBets || bluffs) {
    const fraction = strength > 2.5 ? 1 : strength > 1.7 ? 0.75 : 0.5;
    const sized = aggressive(legal, view.currentBet + (pot + toCall) * fraction);
    if (sized !== null) return sized;
  }
  if (toCall === 0) return { type: 'check' };
  if (legal.call !== null && (eq >= potOdds || (roll < 0.1 * late && eq >= potOdds * 0.8)))
    return { type: 'call' };
  return { type: 'fold' };
}

/** A bet or raise to about `target`, clamped into the legal range; all in when that is most of it. */
function aggressive(legal: HoldemLegalActions, target: number): HoldemAction | null {
  const range = legal.bet ?? legal.raise;
  if (range === null) return null;
  const to = clamp(target, range);
  if (to >= range.max * 0.8 && legal.allIn !== null) return { type: 'all_in' };
  return legal.bet !== null ? { type: 'bet', amount: to } : { type: 'raise', to };
}
