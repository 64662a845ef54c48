// Table configuration for Hokm: how many points win a game and what a game costs.
//
// Chips move only at game boundaries: when a game starts every player puts `stake` into the pot,
// and when it ends the two winners each take 2 × stake. A seat's buy-in must cover at least one
// stake, so `minBuyIn` may not be below `stake`.

import { z } from 'zod';
import { MAX_CHIPS, reject, type Rejection } from '../contract.js';

export interface HokmConfig {
  /** Points a team needs to win the game (the traditional game is to 7). */
  readonly targetScore: number;
  /** Chips each player puts into the pot when a game starts. */
  readonly stake: number;
  /** Smallest buy-in `sit` accepts (at least `stake`; defaults to `stake`). */
  readonly minBuyIn: number;
  /** Largest buy-in `sit` accepts (defaults to 10,000, or `minBuyIn` if that is larger). */
  readonly maxBuyIn: number;
}

export const DEFAULT_CONFIG: HokmConfig = { targetScore: 7, stake: 100, minBuyIn: 100, maxBuyIn: 10_000 };

const chips = z.number().int().min(0).max(MAX_CHIPS);

const configSchema = z
  .object({
    targetScore: z.number().int().min(1).max(21).default(DEFAULT_CONFIG.targetScore),
    stake: chips.default(DEFAULT_CONFIG.stake),
    minBuyIn: chips.optional(),
    maxBuyIn: chips.optional(),
  })
  .strict()
  .transform((c) => {
    const minBuyIn = c.minBuyIn ?? c.stake;
    const maxBuyIn = c.maxBuyIn ?? Math.max(minBuyIn, DEFAULT_CONFIG.maxBuyIn);
    return { targetScore: c.targetScore, stake: c.stake, minBuyIn, maxBuyIn };
  })
  .refine((c) => c.minBuyIn >= c.stake, { message: 'minBuyIn must be at least the stake' })
  .refine((c) => c.maxBuyIn >= c.minBuyIn, { message: 'maxBuyIn must be at least minBuyIn' });

/** Validates untrusted configuration; missing fields take the defaults. Never throws. */
export function parseConfig(input: unknown): { readonly ok: true; readonly config: HokmConfig } | Rejection {
  const parsed = configSchema.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return reject('config/invalid', `invalid Hokm config: ${where}${issue?.message ?? 'malformed'}`);
  }
  return { ok: true, config: parsed.data };
}
