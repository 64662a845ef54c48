// The legal actions in a `table.turn` arrive as unknown JSON: check their shape before drawing
// buttons from them, so a malformed message shows no buttons rather than wrong ones.

import type { HoldemLegalActions } from '../../../src/games/holdem/index.js';
import type { HokmLegalActions } from '../../../src/games/hokm/index.js';

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isRange = (x: unknown): boolean => isObject(x) && isCount(x.min) && isCount(x.max) && x.min <= x.max;
const nullOr = (x: unknown, check: (y: unknown) => boolean) => x === null || check(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

export function holdemLegal(x: unknown): HoldemLegalActions | null {
  if (!isObject(x)) return null;
  const ok =
    isCount(x.seat) &&
    typeof x.canAct === 'boolean' &&
    typeof x.fold === 'boolean' &&
    typeof x.check === 'boolean' &&
    nullOr(x.call, isCount) &&
    nullOr(x.bet, isRange) &&
    nullOr(x.raise, isRange) &&
    nullOr(x.allIn, isCount);
  return ok ? (x as unknown as HoldemLegalActions) : null;
}

export function hokmLegal(x: unknown): HokmLegalActions | null {
  if (!isObject(x)) return null;
  if (x.type === 'none') return { type: 'none' };
  if (x.type === 'choose_trump' && isStrings(x.suits)) return x as unknown as HokmLegalActions;
  if (x.type === 'play' && isStrings(x.cards)) return x as unknown as HokmLegalActions;
  return null;
}
