// Hokm's seating on screen and its hand-history lines, from real games played by the bots.

import { describe, expect, it } from 'vitest';
import { hokm, type HokmEvent } from '../../../src/games/hokm/index.js';
import { Rng } from '../../../src/games/rng.js';
import { hokmLegal } from '../../../web/src/table/legal.js';
import { hokmTimeouts } from '../../../web/src/hokm/timeouts.js';
import { hokmHistoryLines, isHokmRecord } from '../../../web/src/hokm/history-lines.js';
import { positionOf, teamName, teamOfSeat } from '../../../web/src/hokm/teams.js';
import { seatedTable } from '../../games/hokm/helpers.js';
import { botChooser, playGame } from '../../games/hokm/simulate.js';

describe('Hokm seats on screen', () => {
  it('put the viewer at the bottom, the partner at the top and the opponents at the sides', () => {
    for (const viewer of [0, 1, 2, 3]) {
      const positions = [0, 1, 2, 3].map((seat) => positionOf(seat, viewer));
      expect(new Set(positions).size).toBe(4);
      expect(positionOf(viewer, viewer)).toBe('bottom');
      expect(positionOf((viewer + 2) % 4, viewer)).toBe('top');
      expect(teamOfSeat((viewer + 2) % 4)).toBe(teamOfSeat(viewer));
      expect(teamOfSeat((viewer + 1) % 4)).not.toBe(teamOfSeat(viewer));
    }
    expect(positionOf(0, null)).toBe('bottom');
  });

  it('name a team by its two partners', () => {
    const names = ['Ann', 'Ben', 'Cat', 'Dan'];
    expect(teamName(0, (s) => names[s] ?? '')).toBe('Ann & Cat');
    expect(teamName(1, (s) => names[s] ?? '')).toBe('Ben & Dan');
  });
});

describe('Hokm hand records as lines', () => {
  const events: HokmEvent[] = [];
  playGame(seatedTable({ targetScore: 2 }), botChooser(Rng.fromSeed('cd'.repeat(32))), {
    onStep: (step) => events.push(...step.events),
  });
  const ended = events.filter((e) => e.type === 'hand_ended');
  const names = ['Ann', 'Ben', 'Cat', 'Dan'];
  const nameOf = (seat: number) => names[seat] ?? '?';

  it("show hakem and trump, the reader's own deal only, every trick and the score", () => {
    expect(ended.length).toBeGreaterThan(0);
    for (const e of ended) {
      const player = e.record.players[1] ?? '';
      const record = hokm.recordFor(e.record, player);
      expect(isHokmRecord(record)).toBe(true);
      if (!isHokmRecord(record)) continue;
      const lines = hokmHistoryLines(record, nameOf);
      expect(lines[1]).toMatch(/^Hakem: (Ann|Ben|Cat|Dan); trump: (clubs|diamonds|hearts|spades) /);
      expect(lines.filter((l) => l.includes(' was dealt '))).toEqual([
        expect.stringMatching(/^Ben was dealt /),
      ]);
      expect(lines.filter((l) => l.startsWith('Trick '))).toHaveLength(record.tricks.length);
      expect(lines.some((l) => /score \d points?/.test(l))).toBe(true);
    }
    const last = ended.at(-1);
    if (last) expect(hokmHistoryLines(last.record, nameOf).at(-1)).toMatch(/^Game over: /);
  });

  it('rejects things that are not Hokm records', () => {
    expect(isHokmRecord({ game: 'holdem' })).toBe(false);
    expect(isHokmRecord(undefined)).toBe(false);
  });
});

describe('Hokm legal actions from the wire', () => {
  it('keep the three shapes the engine sends and refuse anything else', () => {
    expect(hokmLegal({ type: 'none' })).toEqual({ type: 'none' });
    expect(hokmLegal({ type: 'choose_trump', suits: ['c', 'd', 'h', 's'] })).toEqual({
      type: 'choose_trump',
      suits: ['c', 'd', 'h', 's'],
    });
    expect(hokmLegal({ type: 'play', cards: ['As'] })).toEqual({ type: 'play', cards: ['As'] });
    expect(hokmLegal({ type: 'play', cards: [1] })).toBeNull();
    expect(hokmLegal({ type: 'pass' })).toBeNull();
  });
});

describe('Hokm timeouts told to their player', () => {
  it('says what was played or chosen for our seat when our time ran out, and nothing for others or our own moves', () => {
    const recent = [
      { seq: 4, event: { type: 'trump_chosen', hand: 1, seat: 2, suit: 's', timeout: true } },
      {
        seq: 5,
        event: { type: 'card_played', hand: 1, trick: 1, seat: 2, card: '7h', timeout: false, turn: 3 },
      },
      {
        seq: 6,
        event: { type: 'card_played', hand: 1, trick: 1, seat: 3, card: '9h', timeout: true, turn: 0 },
      },
      {
        seq: 9,
        event: { type: 'card_played', hand: 1, trick: 2, seat: 2, card: 'Kd', timeout: true, turn: 3 },
      },
    ];
    expect(hokmTimeouts(recent, 2, 0)).toEqual([
      { seq: 4, said: 'trump was chosen for you: spades ♠' },
      { seq: 9, said: 'a card was played for you: King of diamonds' },
    ]);
    expect(hokmTimeouts(recent, 2, 4)).toEqual([
      { seq: 9, said: 'a card was played for you: King of diamonds' },
    ]);
    expect(hokmTimeouts(recent, 0, 0)).toEqual([]);
  });
});
