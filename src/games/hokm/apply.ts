// `apply`: validate an untrusted command and route it. Rejections are data; the input state is
// never modified (every transition builds new objects), and nothing in here throws for any input.

import { z } from 'zod';
import { MAX_CHIPS, reject, type Command, type Outcome, type SeatIndex } from '../contract.js';
import { entropyRefusal, withEntropy } from '../fair-deal.js';
import { parseAction, type HokmAction } from './actions.js';
import type { HokmEvent } from './events.js';
import { leave, sit, sitIn, sitOut } from './seating.js';
import { start } from './start.js';
import { timeoutAction } from './timeout.js';
import { playCard } from './trick.js';
import { chooseTrump } from './trump.js';
import { SEATS, type HokmState } from './state.js';

const seat = z
  .number()
  .int()
  .min(0)
  .max(SEATS - 1);

const commandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('act'), seat, action: z.unknown() }),
  z.object({
    kind: z.literal('sit'),
    seat,
    player: z.string().min(1).max(200),
    name: z.string().max(200),
    chips: z.number().int().min(0).max(MAX_CHIPS),
    bot: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('leave'), seat }),
  z.object({ kind: z.literal('sit_out'), seat }),
  z.object({ kind: z.literal('sit_in'), seat }),
  z.object({ kind: z.literal('top_up'), seat, chips: z.unknown() }),
  z.object({ kind: z.literal('start'), deck: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('timeout'), seat }),
  z.object({ kind: z.literal('entropy'), seat, hand: z.unknown(), value: z.unknown() }),
]);

export function applyCommand(state: HokmState, command: Command<HokmAction>): Outcome<HokmState, HokmEvent> {
  try {
    return route(state, command);
  } catch {
    // Unreachable by design; a bug must cost one command, never the node.
    return reject('hokm/internal_error', 'the command could not be applied');
  }
}

function route(state: HokmState, input: unknown): Outcome<HokmState, HokmEvent> {
  const parsed = commandSchema.safeParse(input);
  if (!parsed.success) return reject('table/invalid_command', 'malformed table command');
  const cmd = parsed.data;
  switch (cmd.kind) {
    case 'act': {
      const action = parseAction(cmd.action);
      return action.ok ? act(state, cmd.seat, action.action, false) : action;
    }
    case 'sit':
      return sit(state, cmd);
    case 'leave':
      return leave(state, cmd.seat);
    case 'sit_out':
      return sitOut(state, cmd.seat);
    case 'sit_in':
      return sitIn(state, cmd.seat);
    case 'top_up':
      // A seat that cannot pay the next game's stake is vacated at game over (docs/hokm.md): there
      // is no stack to top up between games.
      return reject('seat/no_top_up', 'Hokm has no top-ups: sit down again with a new buy-in');
    case 'start':
      return start(state, cmd.deck);
    case 'entropy':
      return takeEntropy(state, cmd.seat, cmd.hand, cmd.value);
    case 'timeout': {
      const action = timeoutAction(state, cmd.seat);
      if (!action) return reject('action/not_your_turn', `seat ${cmd.seat} is not to act`);
      return act(state, cmd.seat, action, true);
    }
  }
}

function act(
  state: HokmState,
  seat: SeatIndex,
  action: HokmAction,
  timeout: boolean,
): Outcome<HokmState, HokmEvent> {
  if (!state.seats[seat]) return reject('table/seat_empty', `seat ${seat} is empty`);
  return action.type === 'choose_trump'
    ? chooseTrump(state, seat, action.suit, timeout)
    : playCard(state, seat, action.card, timeout);
}

/** A seated player's value for the next hand's deck (fair-deal.ts); nothing is told to anyone. */
function takeEntropy(
  state: HokmState,
  seat: SeatIndex,
  hand: unknown,
  value: unknown,
): Outcome<HokmState, HokmEvent> {
  const player = state.seats[seat]?.player;
  if (player === undefined) return reject('seat/empty', `seat ${seat} is empty`);
  const running = state.game !== null && state.game.hand.phase !== 'ended';
  const refused = entropyRefusal({ ...state, handRunning: running }, hand, value);
  if (refused !== null) return reject(refused.code, refused.message);
  return {
    ok: true,
    state: {
      ...state,
      nextEntropy: withEntropy(state.nextEntropy, { seat, player, value: value as string }),
    },
    events: [],
  };
}
