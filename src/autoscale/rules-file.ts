// A rules file (`--rules`, `--autoscale-rules`): JSON with any subset of the autoscaler's rules,
// each a number ≥ 0 (durations in ms, shares 0–1), e.g. {"maxNodes": 6, "playersPerNodeUp": 200}.
// An unknown name is refused, so a typo never silently keeps a default.

import { z } from 'zod';
import { DEFAULT_RULES, type AutoscaleRules } from './rules.js';

const RulesSchema = z
  .object(
    Object.fromEntries(
      Object.keys(DEFAULT_RULES).map((key) => [key, z.number().min(0).optional()]),
    ) as Record<keyof AutoscaleRules, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

/** Throws (zod's error, naming the field) when the text is not JSON or not a set of rules. */
export function parseRulesFile(text: string): Partial<AutoscaleRules> {
  return RulesSchema.parse(JSON.parse(text));
}
