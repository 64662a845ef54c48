// Table configuration for No-Limit Hold'em: stakes, seats and the buy-in range, validated with zod
// because it arrives from operators and lobby requests (untrusted input).

import { z } from 'zod';
import { MAX_CHIPS, reject, type Rejection } from '../contract.js';

export interface HoldemConfig {
  /** Number of seats, 2–10. */
  readonly seats: number;
  readonly smallBlind: number;
  readonly bigBlind: number;
  /** Ante per dealt-in player, or the big blind's ante when `bigBlindAnte` is set. 0 = none. */
  readonly ante: number;
  /** The big blind pays one ante (of `ante` chips) for the whole table instead of everyone. */
  readonly bigBlindAnte: boolean;
  /** Chips a player must bring to sit: `minBuyIn` ≤ chips ≤ `maxBuyIn`. */
  readonly minBuyIn: number;
  readonly maxBuyIn: number;
}

const chips = z.number().int().min(0).max(MAX_CHIPS);

const schema = z.strictObject({
  seats: z.number().int().min(2).max(10),
  smallBlind: chips.min(1),
  bigBlind: chips.min(1),
  ante: chips.default(0),
  bigBlindAnte: z.boolean().default(false),
  minBuyIn: chips.min(1),
  maxBuyIn: chips.min(1),
});

export function parseConfig(
  input: unknown,
): { readonly ok: true; readonly config: HoldemConfig } | Rejection {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
    return reject('config/invalid', `invalid Hold'em config (${where})`);
  }
  const c = parsed.data;
  if (c.bigBlind < c.smallBlind) {
    return reject('config/blinds', 'the big blind must be at least the small blind');
  }
  if (c.maxBuyIn < c.minBuyIn) {
    return reject('config/buy_in', 'maxBuyIn must be at least minBuyIn');
  }
  if (c.minBuyIn < c.bigBlind) {
    return reject('config/buy_in', 'minBuyIn must cover at least one big blind');
  }
  if (c.bigBlindAnte && c.ante === 0) {
    return reject('config/ante', 'bigBlindAnte needs a positive ante');
  }
  if (c.ante > c.bigBlind) {
    return reject('config/ante', 'the ante may not exceed the big blind');
  }
  return { ok: true, config: c };
}
