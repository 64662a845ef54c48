// The edge's schema check of the hottest client frame, `table.act`, as the gateway runs it
// (`ClientMessageSchema.safeParse` on the parsed JSON): with the numeric request id every SDK
// client sends, with a string id, and — the order the schema had before 2026-12-02 — a numeric id
// checked against the string option first. Frames per second, alternating rounds in this process.

import { z } from 'zod';
import { ClientMessageSchema } from '../src/protocol/messages.js';
import type { Bench, BenchOptions, BenchResult } from './lib/bench.js';
import { compare, formatRate, type Contender } from './lib/measure.js';

const act = (id: number | string) => ({
  type: 'table.act',
  id,
  table: 'tbl_0123456789ab',
  action: { type: 'raise', amount: 120 },
});

// The order of the id's options on its own: one table.act schema with each order.
const STRING_ID = z.string().min(1).max(64);
const NUMBER_ID = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const actWithId = (id: z.ZodType) =>
  z.object({ type: z.literal('table.act'), id, table: z.string(), action: z.unknown() }).strict();
const StringFirstAct = actWithId(z.union([STRING_ID, NUMBER_ID]));
const NumberFirstAct = actWithId(z.union([NUMBER_ID, STRING_ID]));

function parsing(name: string, frame: unknown, schema: z.ZodType = ClientMessageSchema): Contender {
  return {
    name,
    run: (n) => {
      let ok = 0;
      for (let i = 0; i < n; i++) if (schema.safeParse(frame).success) ok++;
      if (ok !== n) throw new Error(`protocol bench: ${name} refused a valid frame`);
      return ok;
    },
  };
}

const bench: Bench = {
  name: 'protocol',
  description: 'table.act frames checked by the edge schema per second: numeric vs string request id',
  run({ rounds, roundMs, print }: BenchOptions): Promise<BenchResult> {
    const result = compare(
      [
        parsing('numeric id (what the SDK sends)', act(12345)),
        parsing('string id', act('r12345')),
        parsing('numeric id, string option first (before), table.act alone', act(12345), StringFirstAct),
        parsing('numeric id, number option first (after), table.act alone', act(12345), NumberFirstAct),
      ],
      rounds,
      roundMs,
    );
    const [numeric, string, before, after] = result.contenders;
    if (!numeric || !string || !before || !after) throw new Error('protocol bench: missing results');
    const us = (rate: number) => (1e6 / rate).toFixed(2);
    for (const c of result.contenders)
      print(`protocol: ${c.name}: ${formatRate(c.median)}/s (${us(c.median)} µs)`);
    return Promise.resolve({
      summary: [
        `protocol: table.act checked at the edge in ${us(numeric.median)} µs (numeric id), ${us(string.median)} µs (string id); a numeric id with the number option first ${(before.median > 0 ? after.median / before.median : NaN).toFixed(2)}× as fast as string first`,
      ],
      metrics: {
        numericIdPerSec: numeric.median,
        stringIdPerSec: string.median,
        stringFirstPerSec: before.median,
        numberFirstPerSec: after.median,
        checksum: result.checksum,
      },
    });
  },
};

export default bench;
