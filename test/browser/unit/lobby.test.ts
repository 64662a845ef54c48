// The lobby's filters, suggested buy-ins and the create-table form, without a browser.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableSummary } from '../../../src/sdk/index.js';
import {
  createRequest,
  defaultsFor,
  defaultTableName,
  fieldProblems,
  MAX_TABLE_CHIPS,
  newRequestKey,
  validate,
} from '../../../web/src/lobby/create-table.js';
import { filterTables, NO_FILTER, stakesLabel, suggestedBuyIn } from '../../../web/src/lobby/filter.js';

function table(overrides: Partial<TableSummary> & Pick<TableSummary, 'id'>): TableSummary {
  return {
    game: 'holdem',
    name: overrides.id,
    stake: 10,
    smallBlind: 5,
    seats: 6,
    occupied: 2,
    players: [],
    minBuyIn: 200,
    maxBuyIn: 2000,
    turnSeconds: 20,
    handNumber: 0,
    watchers: 0,
    ...overrides,
  };
}

const TABLES = [
  table({ id: 'small', stake: 2, smallBlind: 1 }),
  table({ id: 'big', stake: 100, smallBlind: 50, occupied: 6 }),
  table({
    id: 'hokm',
    game: 'hokm',
    stake: 100,
    seats: 4,
    occupied: 3,
    players: [{ seat: 0, name: 'Ada', chips: 100, bot: true }],
  }),
];

describe('lobby filters', () => {
  it('keep every table when nothing is filtered, ordered by game, then stake', () => {
    expect(filterTables(TABLES, NO_FILTER).map((t) => t.id)).toEqual(['small', 'big', 'hokm']);
  });

  it('select by game, stake bounds and free seats', () => {
    expect(filterTables(TABLES, { ...NO_FILTER, game: 'hokm' }).map((t) => t.id)).toEqual(['hokm']);
    expect(filterTables(TABLES, { ...NO_FILTER, minStake: 10 }).map((t) => t.id)).toEqual(['big', 'hokm']);
    expect(filterTables(TABLES, { ...NO_FILTER, maxStake: 10 }).map((t) => t.id)).toEqual(['small']);
    expect(filterTables(TABLES, { ...NO_FILTER, freeSeatsOnly: true }).map((t) => t.id)).toEqual([
      'small',
      'hokm',
    ]);
  });

  it("match text against the table's name and its players' names, ignoring case", () => {
    expect(filterTables(TABLES, { ...NO_FILTER, text: 'ADA' }).map((t) => t.id)).toEqual(['hokm']);
    expect(filterTables(TABLES, { ...NO_FILTER, text: ' smal ' }).map((t) => t.id)).toEqual(['small']);
  });

  it("label stakes as blinds for Hold'em and per game for Hokm", () => {
    expect(stakesLabel(TABLES[0]!)).toBe('1/2');
    expect(stakesLabel(TABLES[2]!)).toBe('100 a game');
  });

  it("suggest a buy-in inside the table's range and never above the wallet (unless the minimum is)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
        (stake, minBuyIn, extra, balance) => {
          const t = table({ id: 't', stake, minBuyIn, maxBuyIn: minBuyIn + extra });
          const buyIn = suggestedBuyIn(t, balance);
          expect(buyIn).toBeGreaterThanOrEqual(t.minBuyIn);
          expect(buyIn).toBeLessThanOrEqual(t.maxBuyIn);
          if (balance !== null && balance >= t.minBuyIn) expect(buyIn).toBeLessThanOrEqual(balance);
        },
      ),
    );
  });
});

describe('the create-table form', () => {
  it('accepts its own defaults for both games and turns them into a table.create request', () => {
    expect(validate({ ...defaultsFor('holdem'), name: 'Friday' })).toEqual([]);
    expect(validate({ ...defaultsFor('hokm'), name: 'Friday' })).toEqual([]);
    const request = createRequest({ ...defaultsFor('hokm'), name: ' Friday ', bots: 3, turnSeconds: 30 });
    expect(request).toEqual({
      game: 'hokm',
      name: 'Friday',
      config: { stake: 100, targetScore: 7, minBuyIn: 100, maxBuyIn: 2000 },
      options: { turnSeconds: 30, bots: 3, spectators: true },
    });
    const keyed = createRequest({ ...defaultsFor('holdem'), name: 'Once' }, newRequestKey());
    expect(keyed.requestKey).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestKey()).not.toBe(newRequestKey());
  });

  it('names every problem: no name, blinds upside down, buy-in below a blind, a timer out of range, no seat left', () => {
    const problems = validate({
      ...defaultsFor('holdem'),
      name: '',
      seats: 3,
      smallBlind: 20,
      bigBlind: 10,
      minBuyIn: 5,
      turnSeconds: 1,
      bots: 3,
    });
    expect(problems).toEqual([
      'Give the table a name.',
      'The big blind must be at least the small blind.',
      'The minimum buy-in must cover one big blind.',
      'Turn timer: 3 to 600 seconds.',
      'Bots: 0 to 2, so that you have a seat.',
    ]);
  });

  it('puts each problem beside its field, says the chip limit, and names a new table after its creator', () => {
    expect(fieldProblems({ ...defaultsFor('holdem'), name: 'T', maxBuyIn: MAX_TABLE_CHIPS + 1 })).toEqual({
      maxBuyIn: 'The maximum buy-in may be at most 1,000,000,000 chips.',
    });
    expect(fieldProblems({ ...defaultsFor('hokm'), name: 'T', stake: 500, minBuyIn: 100 })).toEqual({
      minBuyIn: 'The minimum buy-in must cover one stake.',
    });
    expect(defaultTableName('Ann')).toBe("Ann's table");
    // A nickname the table-name rule would refuse falls back to a plain name.
    expect(defaultTableName('--')).toBe('My table');
    expect(defaultTableName(null)).toBe('My table');
  });

  it('refuses a name that starts with a symbol or hides a bidirectional override, and accepts ordinary punctuation', () => {
    const named = (name: string) => validate({ ...defaultsFor('holdem'), name });
    expect(named("Ada's table #2 (6-max)")).toEqual([]);
    expect(named('میز حکم')).toEqual([]);
    expect(named('-- admin --')).toHaveLength(1);
    expect(named('table\u202Eevil')).toHaveLength(1);
    expect(named('x'.repeat(65))).toEqual(['The name may have at most 64 characters.']);
  });
});
