// Bad input (issue 2, part 7): every malformed or illegal command is a typed rejection, the state
// is untouched, and nothing throws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdem } from '../../../src/games/holdem/index.js';
import { TestTable } from './helpers.js';

/** A heads-up hand where seat 0 (button, 1000 chips) is to act facing the big blind. */
function table(): TestTable {
  const t = new TestTable([1000, 1000]);
  t.start();
  return t;
}

describe('bad input', () => {
  it.each([
    ['a seat that does not exist', { kind: 'act', seat: 7, action: { type: 'fold' } }, 'seat/invalid'],
    ['a negative seat', { kind: 'act', seat: -1, action: { type: 'fold' } }, 'seat/invalid'],
    ['a seat given as a string', { kind: 'act', seat: '0', action: { type: 'fold' } }, 'seat/invalid'],
    ['a fractional seat', { kind: 'act', seat: 0.5, action: { type: 'fold' } }, 'seat/invalid'],
    ['acting out of turn', { kind: 'act', seat: 1, action: { type: 'fold' } }, 'action/not_your_turn'],
    [
      'a negative amount',
      { kind: 'act', seat: 0, action: { type: 'raise', to: -20 } },
      'action/invalid_amount',
    ],
    ['a zero amount', { kind: 'act', seat: 0, action: { type: 'raise', to: 0 } }, 'action/invalid_amount'],
    [
      'a NaN amount',
      { kind: 'act', seat: 0, action: { type: 'raise', to: Number.NaN } },
      'action/invalid_amount',
    ],
    [
      'an infinite amount',
      { kind: 'act', seat: 0, action: { type: 'raise', to: Infinity } },
      'action/invalid_amount',
    ],
    [
      'a fractional amount',
      { kind: 'act', seat: 0, action: { type: 'raise', to: 20.5 } },
      'action/invalid_amount',
    ],
    [
      'an amount over the stack',
      { kind: 'act', seat: 0, action: { type: 'raise', to: 1001 } },
      'action/invalid_amount',
    ],
    [
      'an amount as a string',
      { kind: 'act', seat: 0, action: { type: 'raise', to: '40' } },
      'action/invalid_amount',
    ],
    ['a missing amount', { kind: 'act', seat: 0, action: { type: 'raise' } }, 'action/invalid_amount'],
    ['an unknown action type', { kind: 'act', seat: 0, action: { type: 'steal' } }, 'action/unknown_type'],
    [
      'an action with extra fields',
      { kind: 'act', seat: 0, action: { type: 'fold', chips: 5 } },
      'action/invalid',
    ],
    ['a null action', { kind: 'act', seat: 0, action: null }, 'action/invalid'],
    ['an action given as a string', { kind: 'act', seat: 0, action: 'fold' }, 'action/invalid'],
    ['an unknown command kind', { kind: 'shuffle' }, 'command/unknown_kind'],
    ['a null command', null, 'command/invalid'],
    ['a number as a command', 7, 'command/invalid'],
    ['an array as a command', [], 'command/invalid'],
    ['an empty object', {}, 'command/unknown_kind'],
  ])('rejects %s with a typed code and leaves the state untouched', (_name, command, code) => {
    table().rejects(command, code);
  });

  it('rejects garbage of every shape without throwing or changing the state', () => {
    const t = table();
    const before = JSON.stringify(t.state);
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        for (const command of [
          a,
          { kind: 'act', seat: 0, action: a },
          { kind: 'act', seat: 0, action: { type: 'bet', amount: b } },
          { kind: 'sit', seat: 0, player: a, name: b, chips: a },
        ]) {
          const out = holdem.apply(t.state, command as never);
          if (out.ok) continue; // fc.anything() can produce a valid action now and then
          expect(out.code).toMatch(/^[a-z_]+\/[a-z_]+$/);
          expect(out.code).not.toBe('internal/error');
        }
        expect(JSON.stringify(t.state)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('validates action shapes at the edge with parseAction', () => {
    expect(holdem.parseAction({ type: 'raise', to: 40 })).toEqual({
      ok: true,
      action: { type: 'raise', to: 40 },
    });
    expect(holdem.parseAction({ type: 'bet', amount: 1.5 })).toMatchObject({
      ok: false,
      code: 'action/invalid_amount',
    });
    expect(holdem.parseAction({ type: 'nap' })).toMatchObject({ ok: false, code: 'action/unknown_type' });
    expect(holdem.parseAction(undefined)).toMatchObject({ ok: false, code: 'action/invalid' });
    expect(holdem.parseAction({ type: 'toString' })).toMatchObject({
      ok: false,
      code: 'action/unknown_type',
    });
  });

  it('rejects actions and timeouts when no hand is running', () => {
    const t = new TestTable([1000, 1000]);
    t.rejects({ kind: 'act', seat: 0, action: { type: 'check' } }, 'action/no_hand');
    t.rejects({ kind: 'timeout', seat: 0 }, 'action/no_hand');
  });
});
