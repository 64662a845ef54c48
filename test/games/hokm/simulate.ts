// Drives whole Hokm games for the property tests, the bot tests and the benchmark: whoever is to
// act gets a command from a chooser (the bot, random legal moves, timeouts…), and the next hand or
// game is started whenever the table allows it.

import type { SeatIndex } from '../../../src/games/contract.js';
import { hokm, type HokmEvent, type HokmState } from '../../../src/games/hokm/index.js';
import type { Rng } from '../../../src/games/rng.js';
import type { Cmd } from './helpers.js';

/** The bot's move for `seat`, from exactly what that seat may see. */
export function botCommand(state: HokmState, seat: SeatIndex, rng: Rng): Cmd {
  const action = hokm.bot.decide(
    { view: hokm.view(state, seat), seat, legal: hokm.legalActions(state, seat) },
    rng,
  );
  return { kind: 'act', seat, action };
}

export interface StepRecord {
  readonly before: HokmState;
  readonly command: Cmd;
  readonly after: HokmState;
  readonly events: readonly HokmEvent[];
}

export interface GameRun {
  readonly state: HokmState;
  /** Every accepted command, in order: replaying them from setup must give `state`. */
  readonly accepted: readonly Cmd[];
  readonly steps: number;
}

export type Chooser = (state: HokmState, seat: SeatIndex) => Cmd;

/**
 * Plays from `state` until the game that is running (or the one `start` begins) is over. Throws
 * if a chosen command is rejected and `mayReject` does not allow it, or after `maxSteps`.
 */
export function playGame(
  initial: HokmState,
  choose: Chooser,
  options: {
    onStep?: (step: StepRecord) => void;
    mayReject?: (command: Cmd) => boolean;
    maxSteps?: number;
  } = {},
): GameRun {
  const maxSteps = options.maxSteps ?? 10_000;
  let state = initial;
  const accepted: Cmd[] = [];
  let steps = 0;
  let started = false;
  while (steps < maxSteps) {
    const status = hokm.status(state);
    const toAct = status.toAct[0];
    let command: Cmd;
    if (toAct !== undefined) command = choose(state, toAct);
    else if (status.canStart && (!started || state.game?.winner === null)) command = { kind: 'start' };
    else break;
    started = true;
    steps++;
    const out = hokm.apply(state, command);
    if (!out.ok) {
      if (options.mayReject?.(command)) continue;
      throw new Error(`rejected ${JSON.stringify(command)}: ${out.code} ${out.message}`);
    }
    options.onStep?.({ before: state, command, after: out.state, events: out.events });
    accepted.push(command);
    state = out.state;
  }
  if (steps >= maxSteps) throw new Error(`game did not end within ${maxSteps} steps`);
  return { state, accepted, steps };
}

/** A chooser that lets the bot play every seat, with one rng shared by the four bots. */
export function botChooser(rng: Rng): Chooser {
  return (state, seat) => botCommand(state, seat, rng);
}
