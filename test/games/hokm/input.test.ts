// Untrusted input: configuration, action shapes and commands. Every bad input is a typed rejection
// that leaves the state exactly as it was; nothing throws.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hokm, type HokmState } from '../../../src/games/hokm/index.js';
import {
  accept,
  chooseTrump,
  expectRejected,
  oneSuitEach,
  play,
  playCards,
  seatedTable,
  stackFirstDeck,
  cards,
} from './helpers.js';

function trumpPhase(): HokmState {
  return accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, oneSuitEach()) }).state;
}

function playPhase(): HokmState {
  return accept(trumpPhase(), chooseTrump(0, 's')).state;
}

describe('configuration', () => {
  it('fills in the defaults', () => {
    expect(hokm.parseConfig({})).toEqual({
      ok: true,
      config: { targetScore: 7, stake: 100, minBuyIn: 100, maxBuyIn: 10_000 },
    });
    expect(hokm.parseConfig(undefined)).toMatchObject({ ok: true });
  });

  it('defaults the buy-in range from the stake', () => {
    expect(hokm.parseConfig({ stake: 50_000 })).toEqual({
      ok: true,
      config: { targetScore: 7, stake: 50_000, minBuyIn: 50_000, maxBuyIn: 50_000 },
    });
  });

  it.each([
    [{ targetScore: 0 }],
    [{ targetScore: 22 }],
    [{ targetScore: 7.5 }],
    [{ stake: -1 }],
    [{ stake: 10, minBuyIn: 5 }],
    [{ minBuyIn: 500, maxBuyIn: 400 }],
    [{ colour: 'red' }],
    [null],
    ['7'],
    [[]],
  ])('rejects %j as config/invalid', (input) => {
    const out = hokm.parseConfig(input);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.code).toBe('config/invalid');
  });
});

describe('action shapes', () => {
  it('accepts the two actions', () => {
    expect(hokm.parseAction({ type: 'choose_trump', suit: 'h' })).toEqual({
      ok: true,
      action: { type: 'choose_trump', suit: 'h' },
    });
    expect(hokm.parseAction({ type: 'play', card: 'Td' })).toEqual({
      ok: true,
      action: { type: 'play', card: 'Td' },
    });
  });

  it.each([
    [null],
    [undefined],
    [42],
    ['play'],
    [{}],
    [{ type: 'fold' }],
    [{ type: 'play' }],
    [{ type: 'play', card: 'Zz' }],
    [{ type: 'play', card: 'As', extra: 1 }],
    [{ type: 'choose_trump', suit: 'x' }],
    [{ type: 'choose_trump', suit: 's', card: 'As' }],
  ])('rejects %j as action/invalid', (input) => {
    const out = hokm.parseAction(input);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.code).toBe('action/invalid');
  });
});

describe('bad commands leave the state untouched', () => {
  it('rejects trump named by anyone but the hakem', () => {
    expectRejected(trumpPhase(), chooseTrump(1, 's'), 'hokm/not_hakem');
  });

  it('rejects trump named twice', () => {
    expectRejected(playPhase(), chooseTrump(0, 'h'), 'hokm/trump_already_chosen');
  });

  it('rejects a card before trump is named', () => {
    expectRejected(trumpPhase(), play(0, 'As'), 'hokm/trump_not_chosen');
  });

  it('rejects a card out of turn', () => {
    expectRejected(playPhase(), play(1, 'Ac'), 'action/not_your_turn');
  });

  it('rejects a card the player does not hold', () => {
    expectRejected(playPhase(), play(0, 'Ah'), 'hokm/card_not_in_hand');
  });

  it('rejects a card that does not follow suit', () => {
    // Seat 3 holds one spade among its hearts and must play it to a spade lead.
    const hands = oneSuitEach();
    hands[0] = cards('As Ks Qs Js Ts 9s 8s 7s 6s 5s 4s 3s 2h');
    hands[3] = cards('Ah Kh Qh Jh Th 9h 8h 7h 6h 5h 4h 3h 2s');
    const started = accept(seatedTable(), { kind: 'start', deck: stackFirstDeck(0, hands) }).state;
    const led = playCards(accept(started, chooseTrump(0, 'c')).state, cards('As')).state;
    expectRejected(led, play(3, 'Ah'), 'hokm/must_follow_suit');
    expect(hokm.legalActions(led, 3)).toEqual({ type: 'play', cards: ['2s'] });
  });

  it('rejects garbage actions and commands with typed codes', () => {
    const state = playPhase();
    expectRejected(state, { kind: 'act', seat: 0, action: null }, 'action/invalid');
    expectRejected(state, { kind: 'act', seat: 0, action: { type: 'bid', amount: 3 } }, 'action/invalid');
    expectRejected(
      state,
      { kind: 'act', seat: -1, action: { type: 'play', card: 'As' } },
      'table/invalid_command',
    );
    expectRejected(state, { kind: 'dance' }, 'table/invalid_command');
    expectRejected(state, null, 'table/invalid_command');
    expectRejected(state, 'start', 'table/invalid_command');
    expectRejected(state, { kind: 'start', deck: 'As Ks' }, 'table/invalid_command');
    expectRejected(state, { kind: 'timeout', seat: 2 }, 'action/not_your_turn');
    // No stacks to top up between games: a clear refusal, not a malformed-command one.
    expectRejected(state, { kind: 'top_up', seat: 0, chips: 100 }, 'seat/no_top_up');
  });

  it('never throws and never changes the state, whatever it is given', () => {
    const states = [seatedTable(), trumpPhase(), playPhase()];
    const anything = fc.oneof(
      fc.anything(),
      fc.record(
        {
          kind: fc.constantFrom('act', 'sit', 'leave', 'sit_out', 'sit_in', 'start', 'timeout'),
          seat: fc.anything(),
          action: fc.anything(),
          deck: fc.anything(),
          chips: fc.anything(),
          player: fc.anything(),
          name: fc.anything(),
        },
        { requiredKeys: ['kind'] },
      ),
      fc.record({
        kind: fc.constant('act'),
        seat: fc.integer({ min: -1, max: 4 }),
        action: fc.record(
          {
            type: fc.constantFrom('play', 'choose_trump'),
            card: fc.string({ maxLength: 3 }),
            suit: fc.string({ maxLength: 2 }),
          },
          { requiredKeys: ['type'] },
        ),
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...states), anything, (state, command) => {
        const before = JSON.stringify(state);
        const out = hokm.apply(state, command as never);
        expect(JSON.stringify(state)).toBe(before);
        if (!out.ok) expect(out.code).toMatch(/^[a-z]+\/[a-z_]+$/);
      }),
      { numRuns: 500 },
    );
  });
});
