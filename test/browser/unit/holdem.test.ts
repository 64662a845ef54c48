// The Hold'em table's pure helpers: bet sizing inside the legal range, the notes read from events,
// the hand-history lines, and the check of legal actions from the wire — run against the real
// engine's hands and legal actions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  holdem,
  type HoldemEventView,
  type HoldemLegalActions,
  type HoldemState,
} from '../../../src/games/holdem/index.js';
import type { Card } from '../../../src/games/cards.js';
import { playBotHand } from '../../../src/games/holdem/simulate.js';
import { Rng } from '../../../src/games/rng.js';
import { clampAmount, potTotal, presets, sizingOf } from '../../../web/src/holdem/bet-sizing.js';
import { handNotes, ownTimeouts, winningCards } from '../../../web/src/holdem/derive.js';
import { holdemHistoryLines, isHoldemRecord } from '../../../web/src/holdem/history-lines.js';
import { holdemLegal } from '../../../web/src/table/legal.js';

const SEED = 'ab'.repeat(32);
const CONFIG = { seats: 4, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 2000 };

function seatedTable(): HoldemState {
  const parsed = holdem.parseConfig(CONFIG);
  if (!parsed.ok) throw new Error(parsed.message);
  let state = holdem.setup(parsed.config, SEED);
  for (const [seat, name] of ['Ann', 'Ben', 'Cat'].entries()) {
    const out = holdem.apply(state, { kind: 'sit', seat, player: `p-${name}`, name, chips: 1000 });
    if (!out.ok) throw new Error(out.message);
    state = out.state;
  }
  return state;
}

function botHands(count: number) {
  let state = seatedTable();
  const rng = Rng.fromSeed(SEED);
  const hands = [];
  for (let i = 0; i < count; i++) {
    const hand = playBotHand(state, holdem.bot, rng);
    if (!hand.ok) throw new Error(hand.message);
    hands.push(hand);
    state = hand.state;
  }
  return hands;
}

describe("Hold'em bet sizing", () => {
  it('offers the same five presets in fixed places, each inside the legal range, in increasing order', () => {
    const started = holdem.apply(seatedTable(), { kind: 'start' });
    if (!started.ok) throw new Error(started.message);
    const state = started.state;
    const seat = state.hand?.toAct ?? 0;
    const view = holdem.view(state, seat);
    const legal = holdem.legalActions(state, seat);
    const sizing = sizingOf(legal);
    expect(sizing?.kind).toBe('raise');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 5000 }), (min, span) => {
        const bounded = { ...legal, raise: { min, max: min + span } };
        const s = sizingOf(bounded)!;
        const list = presets(view, bounded, s);
        for (const p of list) {
          expect(p.amount).toBeGreaterThanOrEqual(min);
          expect(p.amount).toBeLessThanOrEqual(min + span);
        }
        // Fixed places: a button never moves between turns, whatever the range.
        expect(list.map((p) => p.label)).toEqual(['Min', '½ pot', '¾ pot', 'Pot', 'Max']);
        expect(list.map((p) => p.amount)).toEqual([...list.map((p) => p.amount)].sort((a, b) => a - b));
      }),
    );
    expect(potTotal(view)).toBe(15);
  });

  it('clamps typed amounts into the range and rounds them to whole chips', () => {
    const sizing = { kind: 'bet', min: 10, max: 990 } as const;
    expect(clampAmount(3, sizing)).toBe(10);
    expect(clampAmount(5000, sizing)).toBe(990);
    expect(clampAmount(55.6, sizing)).toBe(56);
    expect(clampAmount(Number.NaN, sizing)).toBe(10);
  });
});

describe("Hold'em events and records as the page shows them", () => {
  const hands = botHands(6);

  it("remembers each seat's last action on the street and the hands shown at showdown", () => {
    for (const hand of hands) {
      const events = hand.events.map((e) => holdem.viewEvent(e, 'spectator')) as HoldemEventView[];
      const notes = handNotes(events);
      for (const e of events) if (e.type === 'show') expect(notes.shownHands.get(e.seat)).toBe(e.description);
      const lastOfStreet = events.slice(events.map((e) => e.type).lastIndexOf('street') + 1);
      for (const e of lastOfStreet) if (e.type === 'action') expect(notes.lastAction.has(e.seat)).toBe(true);
    }
  });

  it('writes one line per player and per record entry, naming the winners', () => {
    for (const hand of hands) {
      const ended = hand.events.find((e) => e.type === 'hand_ended');
      expect(ended).toBeDefined();
      const record = holdem.recordFor(ended?.record, 'p-Ann');
      expect(isHoldemRecord(record)).toBe(true);
      if (!isHoldemRecord(record)) continue;
      const lines = holdemHistoryLines(record);
      expect(lines).toHaveLength(1 + record.players.length + record.entries.length);
      expect(lines[0]).toMatch(/^Hand #\d+: blinds 5\/10; button /);
      expect(lines.filter((l) => / wins \d/.test(l)).length).toBeGreaterThan(0);
      // Ann's own cards are in her record; nobody else's unless shown.
      expect(lines.find((l) => l.startsWith('Seat 1: Ann'))).toMatch(/ — \S+ \S+$/);
    }
  });

  it('rejects things that are not records', () => {
    expect(isHoldemRecord(null)).toBe(false);
    expect(isHoldemRecord({ game: 'hokm' })).toBe(false);
  });
});

describe('legal actions from the wire', () => {
  it('accept every legal-actions object the engine produces and refuse malformed ones', () => {
    const started = holdem.apply(seatedTable(), { kind: 'start' });
    if (!started.ok) throw new Error(started.message);
    for (const seat of [0, 1, 2, 3]) {
      const legal: HoldemLegalActions = holdem.legalActions(started.state, seat);
      expect(holdemLegal(JSON.parse(JSON.stringify(legal)))).toEqual(legal);
    }
    expect(holdemLegal(null)).toBeNull();
    expect(
      holdemLegal({
        seat: 0,
        canAct: true,
        fold: true,
        check: false,
        call: -5,
        bet: null,
        raise: null,
        allIn: null,
      }),
    ).toBeNull();
    expect(
      holdemLegal({
        seat: 0,
        canAct: true,
        fold: true,
        check: false,
        call: null,
        bet: { min: 9, max: 2 },
        raise: null,
        allIn: null,
      }),
    ).toBeNull();
  });
});

describe('timeouts', () => {
  const action = (seat: number, act: string, forced: 'timeout' | 'leave' | null) => ({
    type: 'action',
    seat,
    action: act,
    amount: 0,
    bet: 0,
    chips: 100,
    allIn: false,
    forced,
    currentBet: 0,
    minRaiseTo: 10,
    pots: [],
  });

  it("pick out the player's own timed-out turns, newer than what was already said", () => {
    const recent = [
      { seq: 10, event: action(1, 'fold', 'timeout') },
      { seq: 11, event: action(2, 'check', 'timeout') },
      { seq: 12, event: action(1, 'check', null) },
      { seq: 13, event: action(1, 'check', 'timeout') },
      { seq: 14, event: action(1, 'fold', 'leave') },
    ];
    expect(ownTimeouts(recent, 1, 0)).toEqual([
      { seq: 10, action: 'fold' },
      { seq: 13, action: 'check' },
    ]);
    expect(ownTimeouts(recent, 1, 10)).toEqual([{ seq: 13, action: 'check' }]);
    expect(ownTimeouts(recent, 3, 0)).toEqual([]);
  });

  it('mark a timed-out action on the seat for everyone', () => {
    const notes = handNotes([action(1, 'fold', 'timeout') as never, action(2, 'check', null) as never]);
    expect(notes.lastAction.get(1)).toBe('Fold (timed out)');
    expect(notes.lastAction.get(2)).toBe('Check');
  });
});

describe("Hold'em showdown highlight", () => {
  it("marks the five cards that won — the winner's best five of hole cards and board — and nothing when nobody showed", () => {
    const base = holdem.view(seatedTable(), 'spectator');
    const board: Card[] = ['Ah', 'Kd', '7c', '7s', '2h'];
    const seats = base.seats.map((s, i) =>
      s === null
        ? null
        : {
            ...s,
            inHand: true,
            shown: i === 0 ? (['7h', '7d'] as Card[]) : i === 1 ? (['Ac', 'Qs'] as Card[]) : null,
          },
    );
    const view = {
      ...base,
      inHand: false,
      board,
      seats,
      awards: [{ amount: 200, winners: [{ seat: 0, amount: 200 }], description: 'Four of a Kind, Sevens' }],
    };
    // Four sevens and the best kicker on the board, not the two and not the loser's cards.
    expect([...winningCards(view)].sort()).toEqual(['7c', '7d', '7h', '7s', 'Ah'].sort());
    expect(winningCards({ ...view, awards: [{ ...view.awards[0]!, description: null }] }).size).toBe(0);
    expect(winningCards({ ...view, inHand: true }).size).toBe(0);
  });
});
