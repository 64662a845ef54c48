// Bots playing whole hands: for load generators, benchmarks, the demo and tests. Every seat to
// act is played by the bot policy, which sees only that seat's view and legal actions.

import type { BotPolicy, Command, Rejection } from '../contract.js';
import type { Rng } from '../rng.js';
import { apply } from './engine.js';
import { legalActions } from './rules.js';
import { canStart } from './start.js';
import type { HoldemAction, HoldemEvent, HoldemLegalActions, HoldemState, HoldemView } from './types.js';
import { view } from './view.js';

export interface BotHand {
  readonly ok: true;
  readonly state: HoldemState;
  readonly events: HoldemEvent[];
  /** Bot decisions made in the hand. */
  readonly decisions: number;
}

/** Most decisions a hand can take: a bound so a broken policy cannot loop forever. */
const MAX_DECISIONS = 1000;

/**
 * Starts a hand (if one can start) and lets `bot` play every seat until it ends. A rejection means
 * the policy proposed an illegal action — a bug in the policy.
 */
export function playBotHand(
  state: HoldemState,
  bot: BotPolicy<HoldemView, HoldemLegalActions, HoldemAction>,
  rng: Rng,
  deck?: readonly string[],
): BotHand | Rejection {
  const events: HoldemEvent[] = [];
  const step = (command: Command<HoldemAction>): Rejection | null => {
    const out = apply(state, command);
    if (!out.ok) return out;
    state = out.state;
    events.push(...out.events);
    return null;
  };
  if (!canStart(state)) return { ok: true, state, events, decisions: 0 };
  const started = step(deck === undefined ? { kind: 'start' } : { kind: 'start', deck });
  if (started !== null) return started;
  let decisions = 0;
  while (
    state.hand !== null &&
    !state.hand.complete &&
    state.hand.toAct !== null &&
    decisions < MAX_DECISIONS
  ) {
    const seat = state.hand.toAct;
    const action = bot.decide({ view: view(state, seat), seat, legal: legalActions(state, seat) }, rng);
    decisions++;
    const rejected = step({ kind: 'act', seat, action });
    if (rejected !== null) return rejected;
  }
  return { ok: true, state, events, decisions };
}
