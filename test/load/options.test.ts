import { describe, expect, it } from 'vitest';
import { DEFAULTS, LoadOptionsError, parseLoadArgs } from '../../src/load/options.js';
import { planRun } from '../../src/load/plan.js';

describe('pitboss load options', () => {
  it('uses the defaults when no argument is given', () => {
    expect(parseLoadArgs([])).toEqual(DEFAULTS);
  });

  it('reads --key value, --key=value and boolean flags', () => {
    const o = parseLoadArgs([
      '--url',
      'ws://10.0.0.5:9000/ws',
      '--players=120',
      '--tables',
      '20',
      '--game',
      'holdem',
      '--think',
      'uniform:200:900',
      '--verify',
      '--quiet',
      '--turn-seconds',
      '15',
    ]);
    expect(o).toMatchObject({
      url: 'ws://10.0.0.5:9000/ws',
      players: 120,
      tables: 20,
      think: { kind: 'uniform', minMs: 200, maxMs: 900 },
      verify: true,
      progress: 'off',
      turnSeconds: 15,
    });
  });

  it('refuses unknown options, values out of bounds and malformed think times', () => {
    expect(() => parseLoadArgs(['--players', '0'])).toThrow(LoadOptionsError);
    expect(() => parseLoadArgs(['--players', '50001'])).toThrow(/players/);
    expect(() => parseLoadArgs(['--duration', '7200'])).toThrow(/duration/);
    expect(() => parseLoadArgs(['--colour', 'red'])).toThrow(/unknown option --colour/);
    expect(() => parseLoadArgs(['--think', 'gamma:3'])).toThrow(/think/);
    expect(() => parseLoadArgs(['--url', 'http://x/ws'])).toThrow(/url/);
    expect(() => parseLoadArgs(['--players'])).toThrow(/needs a value/);
  });
});

describe('the run plan', () => {
  const base = { game: 'holdem' as const, seats: 6, workers: 2 };

  it('fills Hold’em tables one after another when no table count is given', () => {
    const plan = planRun({ ...base, players: 14, tables: null });
    expect(plan.tables.map((t) => t.players)).toEqual([6, 6, 2]);
    expect(plan.tables.map((t) => t.worker)).toEqual([0, 1, 0]);
  });

  it('spreads players evenly over a given number of tables', () => {
    const plan = planRun({ ...base, players: 12, tables: 3 });
    expect(plan.tables.map((t) => t.players)).toEqual([4, 4, 4]);
  });

  it('gives every Hokm table exactly four players and refuses counts that do not fit', () => {
    expect(planRun({ ...base, game: 'hokm', players: 8, tables: null }).tables.map((t) => t.players)).toEqual(
      [4, 4],
    );
    expect(() => planRun({ ...base, game: 'hokm', players: 6, tables: null })).toThrow(
      /Hokm needs exactly 4/,
    );
    expect(() => planRun({ ...base, players: 13, tables: 2 })).toThrow(/do not fit/);
    expect(() => planRun({ ...base, players: 7, tables: null })).toThrow(/needs 2/);
  });

  it('alternates Hold’em and Hokm tables for a mixed run', () => {
    const plan = planRun({ ...base, game: 'mixed', players: 20, tables: null });
    expect(plan.tables.map((t) => [t.game, t.players])).toEqual([
      ['holdem', 6],
      ['hokm', 4],
      ['holdem', 6],
      ['hokm', 4],
    ]);
  });
});
