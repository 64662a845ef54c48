// The lobby summary's schema (what nodes exchange) and its TypeScript type (what clients see) agree.

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { TableSummary } from '../../src/protocol/messages.js';
import { TableSummarySchema } from '../../src/protocol/table-summary.js';

describe('TableSummarySchema', () => {
  it('accepts every TableSummary and yields one', () => {
    const summary: TableSummary = {
      id: 't-1',
      game: 'holdem',
      name: 'Table',
      stake: 10,
      smallBlind: 5,
      seats: 6,
      occupied: 1,
      players: [{ seat: 0, name: 'Ann', chips: 500, bot: false }],
      minBuyIn: 100,
      maxBuyIn: 1000,
      turnSeconds: 20,
      handNumber: 3,
      watchers: 2,
    };
    const parsed: z.infer<typeof TableSummarySchema> = TableSummarySchema.parse(summary);
    const back: TableSummary = parsed;
    expect(back).toEqual(summary);
    expect(TableSummarySchema.safeParse({ ...summary, game: 'chess' }).success).toBe(false);
  });
});
