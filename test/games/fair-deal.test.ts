// Verifiable deals over thousands of random hands of both games: the revealed seed reproduces the
// dealt cards and matches the commitment every viewer was told before the deal; any edit to a
// card, the order or the seed makes verification fail; nothing before the hand's end carries the
// seed; and spectators and players are told the same commitment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/games/contract.js';
import { commitmentTo, dealCommitment, handSeed, type DealCommitment } from '../../src/games/fair-deal.js';
import { holdem, type HoldemEvent, type HoldemState } from '../../src/games/holdem/index.js';
import type { HoldemHandRecord } from '../../src/games/holdem/record-types.js';
import { hokm, type HokmEvent, type HokmState } from '../../src/games/hokm/index.js';
import type { HokmHandRecord } from '../../src/games/hokm/record.js';
import { Rng } from '../../src/games/rng.js';
import { verifyHand } from '../../src/games/verify-hand.js';
import { randomGame } from './holdem/random-game.js';
import { botChooser, playGame } from './hokm/simulate.js';

const ints = fc.array(fc.nat(), { minLength: 20, maxLength: 200 });
const seeds = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

function viewers(seats: number): Viewer[] {
  return ['spectator', ...Array.from({ length: seats }, (_, i) => i)];
}

/** The same commitment for every viewer, in the view and in the projected `hand_started`. */
function expectSameForEveryone(deals: readonly (DealCommitment | null | undefined)[]): void {
  for (const d of deals) expect(d).toEqual(deals[0]);
}

/** Edits the record as someone tampering with a downloaded file might, one edit per copy. */
function holdemTampered(record: HoldemHandRecord): HoldemHandRecord[] {
  const out: HoldemHandRecord[] = [];
  const deal = record.deal;
  if (deal) {
    const flipped = (deal.seed[0] === '0' ? '1' : '0') + deal.seed.slice(1);
    out.push({ ...record, deal: { ...deal, seed: flipped } });
    out.push({ ...record, deal: { ...deal, seed: flipped, commitment: commitmentTo(flipped) } });
  }
  if (record.board.length >= 2) out.push({ ...record, board: [...record.board].reverse() });
  const [a, b] = record.players;
  if (a?.cards && b?.cards) {
    out.push({
      ...record,
      players: record.players.map((p, i) =>
        i === 0 ? { ...p, cards: b.cards } : i === 1 ? { ...p, cards: a.cards } : p,
      ),
    });
    out.push({
      ...record,
      players: record.players.map((p, i) => (i === 0 ? { ...p, cards: [...(a.cards ?? [])].reverse() } : p)),
    });
  }
  return out;
}

function hokmTampered(record: HokmHandRecord): HokmHandRecord[] {
  const out: HokmHandRecord[] = [];
  const deal = record.deal;
  if (deal) {
    const flipped = (deal.seed[0] === '0' ? '1' : '0') + deal.seed.slice(1);
    out.push({ ...record, deal: { ...deal, seed: flipped, commitment: commitmentTo(flipped) } });
  }
  const [h0, h1] = record.hands;
  if (h0 && h1) {
    const a = h0[0];
    const b = h1[0];
    if (a !== undefined && b !== undefined)
      out.push({
        ...record,
        hands: record.hands.map((h, s) =>
          s === 0 ? [b, ...h0.slice(1)] : s === 1 ? [a, ...h1.slice(1)] : h,
        ),
      });
  }
  const trick = record.tricks[0];
  const first = trick?.plays[0];
  const second = trick?.plays[1];
  if (trick && first && second)
    out.push({
      ...record,
      tricks: [
        {
          ...trick,
          plays: [{ ...first, card: second.card }, { ...second, card: first.card }, ...trick.plays.slice(2)],
        },
        ...record.tricks.slice(1),
      ],
    });
  return out;
}

describe('verifiable deals', () => {
  it("Hold'em: every finished hand verifies, in every copy of its record, against the commitment told before its deal", () => {
    let hands = 0;
    fc.assert(
      fc.property(ints, (xs) => {
        /** Commitment each hand started with, by hand number. */
        const started = new Map<number, DealCommitment>();
        randomGame(xs, 150, (step) => {
          if (!step.outcome.ok) return;
          const before: HoldemState = step.before;
          const after: HoldemState = step.outcome.state;
          const seats = after.config.seats;
          for (const event of step.outcome.events as HoldemEvent[]) {
            if (event.type === 'hand_started') {
              // Told before the deal: in every view of the state before the start, and the same now.
              const told = viewers(seats).map((v) => holdem.view(before, v).deal);
              expectSameForEveryone([...told, event.deal]);
              expectSameForEveryone(
                viewers(seats).map((v) => (holdem.viewEvent(event, v) as typeof event).deal),
              );
              if (event.deal) started.set(event.hand, event.deal);
            }
            if (event.type !== 'hand_ended') {
              // Nothing before the hand's end carries its seed: no event, no view of anyone.
              const seed = after.hand?.deal?.seed;
              if (seed && !after.hand?.complete) {
                expect(JSON.stringify(event)).not.toContain(seed);
                for (const v of viewers(seats))
                  expect(JSON.stringify(holdem.view(after, v))).not.toContain(seed);
              }
              continue;
            }
            hands++;
            const record = event.record;
            expect(record.deal?.commitment).toBe(started.get(event.hand)?.commitment);
            const full = verifyHand(record);
            expect(full.problems).toEqual([]);
            for (const p of [...record.players.map((x) => x.player), 'public'])
              expect(verifyHand(holdem.recordFor(record, p)).ok).toBe(true);
            for (const edited of holdemTampered(record)) expect(verifyHand(edited).ok).toBe(false);
            // The next hand's commitment is told now, and it is the one that hand will start with.
            expect(event.next).toEqual(dealCommitment(after.rng.key, event.hand + 1));
          }
        });
      }),
      { numRuns: 150 },
    );
    expect(hands).toBeGreaterThan(1000);
  });

  it('Hokm: every hand verifies — the draw for hakem included — and any edit is caught', () => {
    let hands = 0;
    fc.assert(
      fc.property(seeds, fc.nat(), (seed, botSeed) => {
        const parsed = hokm.parseConfig({ stake: 100, minBuyIn: 100, maxBuyIn: 1000, targetScore: 3 });
        if (!parsed.ok) throw new Error(parsed.message);
        let state: HokmState = hokm.setup(parsed.config, seed);
        for (let s = 0; s < 4; s++) {
          const out = hokm.apply(state, {
            kind: 'sit',
            seat: s,
            player: `p${s}`,
            name: `P${s}`,
            chips: 1000,
          });
          if (!out.ok) throw new Error(out.message);
          state = out.state;
        }
        const started = new Map<number, DealCommitment>();
        playGame(state, botChooser(Rng.fromSeed(botSeed.toString(16).padStart(64, '0'))), {
          onStep: ({ before, after, events }) => {
            for (const event of events as HokmEvent[]) {
              if (event.type === 'hand_started') {
                if (event.inGame === 1 || before.game?.hand.phase === 'ended')
                  expectSameForEveryone([...viewers(4).map((v) => hokm.view(before, v).deal), event.deal]);
                if (event.deal) started.set(event.hand, event.deal);
              }
              if (event.type !== 'hand_ended') {
                const hand = after.game?.hand;
                if (hand?.deal && hand.phase !== 'ended')
                  expect(JSON.stringify(event)).not.toContain(hand.deal.seed);
                continue;
              }
              hands++;
              const record = event.record;
              expect(record.deal?.commitment).toBe(started.get(event.hand)?.commitment);
              expect(verifyHand(record).problems).toEqual([]);
              for (const p of [...record.players, 'public'])
                expect(verifyHand(hokm.recordFor(record, p)).ok).toBe(true);
              for (const edited of hokmTampered(record)) expect(verifyHand(edited).ok).toBe(false);
            }
          },
        });
      }),
      { numRuns: 120 },
    );
    expect(hands).toBeGreaterThan(400);
  });

  it('a revealed hand seed says nothing of the next: seeds of one table are unrelated, and differ per table', () => {
    const table = 'ab'.repeat(32);
    const seedsOfTable = Array.from({ length: 50 }, (_, i) => handSeed(table, i + 1));
    expect(new Set(seedsOfTable).size).toBe(50);
    // The same hand number at another table has another seed; the table seed itself never appears.
    expect(handSeed('cd'.repeat(32), 1)).not.toBe(seedsOfTable[0]);
    for (const s of seedsOfTable) expect(s).not.toContain(table.slice(0, 16));
  });

  it('refuses, with a reason, what is not a verifiable record', () => {
    expect(verifyHand(null)).toMatchObject({ ok: false, problems: ['this is not a hand record'] });
    expect(verifyHand({ game: 'chess', hand: 1 }).ok).toBe(false);
    expect(verifyHand({ game: 'holdem', hand: 1, players: [], board: [], entries: [] }).problems).toEqual([
      'this hand has no revealed deal (a stacked deck, or a table from before verifiable deals)',
    ]);
    expect(verifyHand({ game: 'holdem', hand: 1, deal: { scheme: 'nope' } }).ok).toBe(false);
  });
});
