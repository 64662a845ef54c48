// Untrusted input at the engine's edge: action shapes (zod) and command shapes. Nothing here
// throws; everything malformed becomes a typed rejection.

import { z } from 'zod';
import { MAX_CHIPS, reject, type Command, type Rejection } from '../contract.js';
import type { HoldemAction, HoldemActionType } from './types.js';

const amount = z
  .number()
  .int()
  .positive()
  .max(MAX_CHIPS * 10);

const ACTION_SCHEMAS = {
  fold: z.strictObject({ type: z.literal('fold') }),
  check: z.strictObject({ type: z.literal('check') }),
  call: z.strictObject({ type: z.literal('call') }),
  bet: z.strictObject({ type: z.literal('bet'), amount }),
  raise: z.strictObject({ type: z.literal('raise'), to: amount }),
  all_in: z.strictObject({ type: z.literal('all_in') }),
} as const satisfies Record<HoldemActionType, z.ZodType>;

function isActionType(value: unknown): value is HoldemActionType {
  return typeof value === 'string' && Object.hasOwn(ACTION_SCHEMAS, value);
}

export function parseAction(
  input: unknown,
): { readonly ok: true; readonly action: HoldemAction } | Rejection {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return reject('action/invalid', 'an action is an object with a type');
  }
  const type: unknown = (input as { type?: unknown }).type;
  if (!isActionType(type)) return reject('action/unknown_type', 'unknown action type');
  const parsed = ACTION_SCHEMAS[type].safeParse(input);
  if (parsed.success) return { ok: true, action: parsed.data };
  const amountIssue = parsed.error.issues.some((i) => i.path[0] === 'amount' || i.path[0] === 'to');
  return amountIssue
    ? reject('action/invalid_amount', 'amounts are positive whole numbers of chips')
    : reject('action/invalid', `malformed ${type} action`);
}

type SeatedKind = Exclude<Command<unknown>['kind'], 'start'>;
const SEATED_KINDS: ReadonlySet<string> = new Set<SeatedKind>([
  'act',
  'sit',
  'leave',
  'sit_out',
  'sit_in',
  'top_up',
  'entropy',
  'timeout',
]);

/**
 * Checks a command's envelope (kind, seat index in range). Field checks specific to a kind happen
 * where the kind is handled.
 */
export function checkCommand(input: unknown, seatCount: number): Command<unknown> | Rejection {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return reject('command/invalid', 'a command is an object with a kind');
  }
  const c = input as { kind?: unknown; seat?: unknown };
  if (c.kind === 'start') return input as Command<unknown>;
  if (typeof c.kind !== 'string' || !SEATED_KINDS.has(c.kind)) {
    return reject('command/unknown_kind', 'unknown command kind');
  }
  if (typeof c.seat !== 'number' || !Number.isInteger(c.seat) || c.seat < 0 || c.seat >= seatCount) {
    return reject('seat/invalid', `seat must be a whole number from 0 to ${seatCount - 1}`);
  }
  return input as Command<unknown>;
}
