// `apply` and the table-level queries: the command dispatcher over a draft of the state.

import {
  reject,
  type Outcome,
  type Rejection,
  type SeatInfo,
  type SeatIndex,
  type TableStatus,
} from '../contract.js';
import { entropyRefusal, withEntropy } from '../fair-deal.js';
import { Rng } from '../rng.js';
import { applyAction } from './betting.js';
import { checkCommand, parseAction } from './commands.js';
import type { HoldemConfig } from './config.js';
import { draftState, type Ctx } from './draft.js';
import { handRunning, legalActions } from './rules.js';
import { leave, sit, sitOut, topUp } from './seating.js';
import { canStart, startHand } from './start.js';
import type { HoldemAction, HoldemEvent, HoldemState } from './types.js';

/** A new, empty table. `seed`: 64 lowercase hex characters from a CSPRNG (secret). */
export function setup(config: HoldemConfig, seed: string): HoldemState {
  return {
    game: 'holdem',
    config,
    seats: Array.from({ length: config.seats }, () => null),
    handNumber: 0,
    hand: null,
    rng: Rng.fromSeed(seed).state(),
    verifiable: true,
  };
}

/**
 * Applies one command. Never throws and never mutates `state`: malformed or illegal input is a
 * typed rejection, and an unexpected internal failure becomes `internal/error` rather than taking
 * the table's node down (property tests assert legal play never meets it).
 */
export function apply(state: HoldemState, command: unknown): Outcome<HoldemState, HoldemEvent> {
  try {
    return dispatch(state, command);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unknown failure';
    return reject('internal/error', `the command could not be applied (${message})`);
  }
}

function dispatch(state: HoldemState, input: unknown): Outcome<HoldemState, HoldemEvent> {
  const command = checkCommand(input, state.config.seats);
  if ('ok' in command) return command;
  if (command.kind === 'act' || command.kind === 'timeout') {
    const turn = checkTurn(state, command.seat);
    if (turn !== null) return turn;
  }
  let action: HoldemAction | null = null;
  if (command.kind === 'act') {
    const parsed = parseAction(command.action);
    if (!parsed.ok) return parsed;
    action = parsed.action;
  }

  const ctx: Ctx = { state: draftState(state), events: [] };
  let rejection: Rejection | null;
  switch (command.kind) {
    case 'start':
      rejection = startHand(ctx, command.deck);
      break;
    case 'sit':
      rejection = sit(ctx, command.seat, command);
      break;
    case 'leave':
      rejection = leave(ctx, command.seat);
      break;
    case 'sit_out':
      rejection = sitOut(ctx, command.seat, true);
      break;
    case 'sit_in':
      rejection = sitOut(ctx, command.seat, false);
      break;
    case 'top_up':
      rejection = topUp(ctx, command.seat, command.chips);
      break;
    case 'entropy':
      rejection = takeEntropy(ctx, command.seat, command.hand, command.value);
      break;
    case 'timeout':
      // The documented timeout action: check when checking is free, otherwise fold.
      rejection = applyAction(
        ctx,
        command.seat,
        legalActions(state, command.seat).check ? { type: 'check' } : { type: 'fold' },
        'timeout',
      );
      break;
    case 'act':
      rejection =
        action === null
          ? reject('action/invalid', 'missing action')
          : applyAction(ctx, command.seat, action, null);
      break;
  }
  return rejection ?? { ok: true, state: ctx.state, events: ctx.events };
}

/** A seated player's value for the next hand's deck (fair-deal.ts); nothing is told to anyone. */
function takeEntropy(ctx: Ctx, seat: SeatIndex, hand: unknown, value: unknown): Rejection | null {
  const state = ctx.state;
  const player = state.seats[seat]?.player;
  if (player === undefined) return reject('seat/empty', `seat ${seat} is empty`);
  const refused = entropyRefusal({ ...state, handRunning: handRunning(state) }, hand, value);
  if (refused !== null) return reject(refused.code, refused.message);
  state.nextEntropy = withEntropy(state.nextEntropy, { seat, player, value: value as string });
  return null;
}

function checkTurn(state: HoldemState, seat: SeatIndex): Rejection | null {
  if (!handRunning(state)) return reject('action/no_hand', 'no hand is in progress');
  if (state.hand?.toAct !== seat) return reject('action/not_your_turn', `it is not seat ${seat}'s turn`);
  return null;
}

export function status(state: HoldemState): TableStatus {
  const running = handRunning(state);
  const toAct = running ? (state.hand?.toAct ?? null) : null;
  return {
    inHand: running,
    handNumber: state.handNumber,
    toAct: toAct === null ? [] : [toAct],
    canStart: canStart(state),
  };
}

export function seats(state: HoldemState): SeatInfo[] {
  const out: SeatInfo[] = [];
  state.seats.forEach((s, seat) => {
    if (s !== null)
      out.push({ seat, player: s.player, name: s.name, chips: s.chips, status: s.status, bot: s.bot });
  });
  return out;
}

/** Stacks plus everything committed to the running hand's pots. */
export function chipsOnTable(state: HoldemState): number {
  let total = 0;
  for (const s of state.seats) if (s !== null) total += s.chips;
  if (state.hand !== null && !state.hand.complete) for (const p of state.hand.players) total += p.committed;
  return total;
}
