import { describe, expect, it } from 'vitest';
import { judge, type ChipAuditResult } from '../../src/load/verify.js';
import type { TableProgress } from '../../src/load/worker-protocol.js';

const balanced: ChipAuditResult = {
  balanced: true,
  tablesMatch: true,
  granted: 100_000,
  inWallets: 90_000,
  atTables: 10_000,
  mismatchedTables: [],
};

function table(index: number, overrides: Partial<TableProgress> = {}): TableProgress {
  return {
    index,
    id: `t-${index}`,
    game: 'holdem',
    seated: 4,
    wanted: 4,
    seq: 120,
    handNumber: 9,
    handNumberWhenFull: 1,
    silentMs: 800,
    ...overrides,
  };
}

describe('--verify', () => {
  it('passes when the ledger balances and every full table had events recently', () => {
    const result = judge([table(0), table(1)], balanced, 20);
    expect(result).toMatchObject({
      ok: true,
      tablesChecked: 2,
      stuckTables: [],
      tablesWithFinishedHand: 2,
      problems: [],
    });
  });

  it('names full tables that went silent as stuck', () => {
    const result = judge(
      [table(0), table(1, { silentMs: 45_000 }), table(2, { silentMs: null })],
      balanced,
      20,
    );
    expect(result.ok).toBe(false);
    expect(result.stuckTables.map((t) => t.id)).toEqual(['t-1', 't-2']);
    expect(result.problems.join()).toMatch(/2 table\(s\) silent/);
  });

  it('does not judge tables that never filled up, but counts them', () => {
    const result = judge([table(0), table(1, { seated: 2, silentMs: null })], balanced, 20);
    expect(result).toMatchObject({ ok: true, tablesChecked: 1, incompleteTables: 1 });
  });

  it('fails on an unbalanced ledger, on tables that disagree with it, and when it could not be read', () => {
    expect(judge([table(0)], { ...balanced, balanced: false }, 20).problems.join()).toMatch(
      /does not balance/,
    );
    expect(
      judge([table(0)], { ...balanced, tablesMatch: false, mismatchedTables: ['t-0'] }, 20).problems.join(),
    ).toMatch(/1 table\(s\) hold other chips/);
    const unread = judge([table(0)], { error: 'no admin token' }, 20);
    expect(unread).toMatchObject({ ok: false, ledger: null });
    expect(unread.problems.join()).toMatch(/no admin token/);
  });
});
