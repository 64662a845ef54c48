// A table's lobby summary as a schema: what nodes exchange on the Bus (lobby) and over node links
// (a table created on another node). The TypeScript shape clients see is TableSummary in
// messages.ts; the test in test/protocol checks the two agree.

import { z } from 'zod';
import { GameIdSchema, TableIdSchema } from './messages.js';

export const TableSummarySchema = z.object({
  id: TableIdSchema,
  game: GameIdSchema,
  name: z.string(),
  stake: z.number(),
  smallBlind: z.number().optional(),
  seats: z.number().int(),
  occupied: z.number().int(),
  players: z.array(
    z.object({
      seat: z.number().int(),
      name: z.string(),
      chips: z.number(),
      bot: z.boolean(),
      away: z.boolean().optional(),
    }),
  ),
  minBuyIn: z.number(),
  maxBuyIn: z.number(),
  turnSeconds: z.number(),
  handNumber: z.number(),
  watchers: z.number(),
  spectators: z.boolean().optional(),
  paused: z.boolean().optional(),
});
