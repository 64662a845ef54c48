// Property tests over random games: random legal and illegal actions, players sitting, leaving and
// sitting out, on random table configurations.

import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/games/contract.js';
import {
  holdem,
  type HoldemEvent,
  type HoldemState,
  type HoldemView,
} from '../../../src/games/holdem/index.js';
import { randomGame, replay, type Step } from './random-game.js';

const ints = fc.array(fc.nat(), { minLength: 20, maxLength: 200 });

function seatDelta(events: readonly HoldemEvent[]): number {
  let delta = 0;
  for (const e of events) {
    if (e.type === 'seat_taken') delta += e.chips;
    if (e.type === 'seat_vacated') delta -= e.chips;
    if (e.type === 'chips_added') delta += e.amount;
  }
  return delta;
}

/** Checks every step for the engine's basic promises. */
function basicChecks(step: Step): void {
  const { before, outcome, expect: expected, command } = step;
  const label = JSON.stringify(command);
  if (expected === 'legal')
    expect(outcome.ok, `${label} should be accepted: ${outcome.ok ? '' : outcome.code}`).toBe(true);
  if (expected === 'illegal') expect(outcome.ok, `${label} should be rejected`).toBe(false);
  if (!outcome.ok) {
    expect(outcome.code).not.toBe('internal/error');
    expect(outcome.code).toMatch(/^[a-z_]+\/[a-z_]+$/);
    return;
  }
  const after = outcome.state;
  expect(holdem.chipsOnTable(after)).toBe(holdem.chipsOnTable(before) + seatDelta(outcome.events));
  for (const s of after.seats) {
    if (s !== null) expect(Number.isSafeInteger(s.chips) && s.chips >= 0, `stack ${s.chips}`).toBe(true);
  }
  if (outcome.events.some((e) => e.type === 'hand_ended')) {
    // Every pot was awarded: nothing is left committed and the awards add up to the pots.
    expect(holdem.status(after).inHand).toBe(false);
    expect(holdem.view(after, 'spectator').pots).toEqual([]);
    const hand = after.hand;
    const awarded = hand?.awards.reduce((sum, a) => sum + a.amount, 0) ?? 0;
    const committed = hand?.players.reduce((sum, p) => sum + p.committed, 0) ?? 0;
    expect(awarded).toBe(committed);
  }
}

describe("random Hold'em games", () => {
  it('never throw, conserve chips to the chip, keep stacks non-negative, award every pot and reject illegal input', () => {
    let hands = 0;
    fc.assert(
      fc.property(ints, (xs) => {
        const game = randomGame(xs, 150, basicChecks);
        hands += game.handsEnded;
      }),
      { numRuns: 400 },
    );
    expect(hands).toBeGreaterThan(1000);
  });

  it('leave the state untouched by rejected commands', () => {
    fc.assert(
      fc.property(ints, (xs) => {
        randomGame(xs, 80, (step) => {
          if (step.outcome.ok) return;
          // The rejected command's input state still serializes exactly as before (no mutation).
          const copy = structuredClone(step.before);
          expect(holdem.apply(step.before, step.command as never).ok).toBe(false);
          expect(step.before).toEqual(copy);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('replay from the seed and the accepted commands to byte-identical state', () => {
    let games = 0;
    fc.assert(
      fc.property(ints, (xs) => {
        const game = randomGame(xs, 120, () => undefined);
        expect(JSON.stringify(replay(game))).toBe(JSON.stringify(game.final));
        games++;
      }),
      { numRuns: 1000 },
    );
    expect(games).toBe(1000);
  });
});

const CARD = /"([2-9TJQKA][cdhs])"/g;

function cardsIn(json: string): string[] {
  return [...json.matchAll(CARD)].map((m) => m[1] ?? '');
}

/** Cards `viewer` may know after the step: the board, everything shown, and its own hole cards. */
function knownCards(
  states: readonly HoldemState[],
  after: HoldemState,
  viewer: Viewer,
  forEvents: boolean,
): Set<string> {
  const known = new Set<string>(after.hand?.board ?? []);
  for (const p of after.hand?.players ?? []) if (p.shown) p.cards.forEach((c) => known.add(c));
  if (viewer === 'spectator') return known;
  for (const s of states) {
    const p = s.hand?.players.find((q) => q.seat === viewer);
    const occupant = s.seats[viewer];
    const own =
      forEvents ||
      (occupant !== null && occupant !== undefined && p?.player === occupant.player && !p.vacated);
    if (p !== undefined && own && (forEvents || s === after)) p.cards.forEach((c) => known.add(c));
  }
  return known;
}

describe('hidden information in random games', () => {
  it('never reaches a viewer: views and event views hold only cards that viewer may know, never the RNG key', () => {
    fc.assert(
      fc.property(ints, (xs) => {
        randomGame(xs, 80, ({ before, outcome }) => {
          if (!outcome.ok) return;
          const after = outcome.state;
          const viewers: Viewer[] = ['spectator', ...after.seats.map((_, i) => i)];
          for (const viewer of viewers) {
            const viewJson = JSON.stringify(holdem.view(after, viewer));
            const knownNow = knownCards([after], after, viewer, false);
            for (const c of cardsIn(viewJson))
              expect(knownNow.has(c), `view for ${viewer} leaks ${c}`).toBe(true);
            expect(viewJson.includes(after.rng.key)).toBe(false);
            const knownInEvents = knownCards([before, after], after, viewer, true);
            for (const e of outcome.events) {
              const json = JSON.stringify(holdem.viewEvent(e, viewer));
              for (const c of cardsIn(json))
                expect(knownInEvents.has(c), `${e.type} for ${viewer} leaks ${c}`).toBe(true);
              expect(json.includes(after.rng.key)).toBe(false);
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('lets every viewer rebuild its view from event views alone (reduceView)', () => {
    fc.assert(
      fc.property(ints, (xs) => {
        randomGame(xs, 100, ({ before, outcome }) => {
          if (!outcome.ok) return;
          const viewers: Viewer[] = ['spectator', ...before.seats.map((_, i) => i)];
          // An event "seen alike" goes to everyone as the spectators see it: no seat may see more.
          for (const e of outcome.events.filter((e) => holdem.seenAlike(e))) {
            const spectator = JSON.stringify(holdem.viewEvent(e, 'spectator'));
            for (const viewer of viewers) expect(JSON.stringify(holdem.viewEvent(e, viewer))).toBe(spectator);
          }
          for (const viewer of viewers) {
            let folded: HoldemView = holdem.view(before, viewer);
            for (const e of outcome.events) {
              const ev = holdem.viewEvent(e, viewer);
              if (ev !== null) folded = holdem.reduceView(folded, ev);
            }
            const expected = holdem.view(outcome.state, viewer);
            if (!isDeepStrictEqual(folded, expected)) expect(folded).toEqual(expected);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});
