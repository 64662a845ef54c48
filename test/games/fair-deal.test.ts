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
        const parsed = hokm.parseConfig({ stake: 100, minBuyIn: 100, maxBuyIn: 1000, targetScore: 7 });
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
                if (hand?.deal && hand.phase !== 'ended') {
                  const { seed } = hand.deal;
                  expect(JSON.stringify(event)).not.toContain(seed);
                  // Views where the hand's deal is in the state (right after the deal), for every viewer.
                  if (event.type === 'hand_started')
                    for (const v of viewers(4))
                      expect(JSON.stringify(hokm.view(after, v))).not.toContain(seed);
                }
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
    expect(hands).toBeGreaterThan(1000);
  });

  it('a revealed hand seed says nothing of the next: seeds of one table are unrelated, and differ per table', () => {
    const table = 'ab'.repeat(32);
    const seedsOfTable = Array.from({ length: 50 }, (_, i) => handSeed(table, i + 1));
    expect(new Set(seedsOfTable).size).toBe(50);
    // The same hand number at another table has another seed; the table seed itself never appears.
    expect(handSeed('cd'.repeat(32), 1)).not.toBe(seedsOfTable[0]);
    for (const s of seedsOfTable) expect(s).not.toContain(table.slice(0, 16));
  });

  it("checks the record's commitment against the one the checker was told before the deal", () => {
    const records: HoldemHandRecord[] = [];
    randomGame([7, 3, 9, 1, 4, 4, 8, 2, 6, 5, 0, 11, 13, 17, 19, 23, 29, 31, 37, 41], 300, (step) => {
      if (!step.outcome.ok) return;
      for (const e of step.outcome.events as HoldemEvent[])
        if (e.type === 'hand_ended') records.push(e.record);
    });
    const [record] = records;
    if (!record) throw new Error('no hand ended');
    const deal = record.deal;
    if (!deal) throw new Error('no deal');
    expect(verifyHand(record, { commitment: deal.commitment }).ok).toBe(true);
    const told = dealCommitment('99'.repeat(32), deal.hand).commitment;
    expect(verifyHand(record, { commitment: told }).problems).toEqual([
      expect.stringMatching(/is not the one told before the deal/),
    ]);
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

describe("players' entropy", () => {
  const config = (() => {
    const parsed = holdem.parseConfig({
      seats: 6,
      smallBlind: 5,
      bigBlind: 10,
      minBuyIn: 100,
      maxBuyIn: 1000,
    });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.config;
  })();
  const SEED = '7e'.repeat(32);

  function accept<S>(out: { ok: true; state: S } | { ok: false; code: string }): S {
    if (!out.ok) throw new Error(`rejected: ${out.code}`);
    return out.state;
  }

  function twoSeated(seed = SEED): HoldemState {
    let state = holdem.setup(config, seed);
    for (const seat of [0, 1])
      state = accept(
        holdem.apply(state, { kind: 'sit', seat, player: `p${seat}`, name: `P${seat}`, chips: 500 }),
      );
    return state;
  }

  it("Hold'em: each seated player's value for the next hand goes into its deck and its reveal, and the record still verifies", () => {
    let state = twoSeated();
    state = accept(holdem.apply(state, { kind: 'entropy', seat: 1, hand: 1, value: 'beef' }));
    state = accept(holdem.apply(state, { kind: 'entropy', seat: 0, hand: 1, value: '00' }));
    state = accept(holdem.apply(state, { kind: 'entropy', seat: 0, hand: 1, value: 'c0ffee' })); // replaces '00'
    const withEntropy = accept(holdem.apply(state, { kind: 'start' }));
    expect(withEntropy.hand?.deal?.entropy).toEqual([
      { seat: 0, value: 'c0ffee' },
      { seat: 1, value: 'beef' },
    ]);
    // The same seed without the players' values deals another deck: they count.
    const without = accept(holdem.apply(twoSeated(), { kind: 'start' }));
    expect(without.hand?.deck).not.toEqual(withEntropy.hand?.deck);
    // The values are used once: the next hand starts with none unless sent again.
    expect(withEntropy.nextEntropy).toBeUndefined();

    // Play the hand out (both fold or check down) and check its record.
    let s = withEntropy;
    const ended: HoldemEvent[] = [];
    for (let i = 0; i < 40 && s.hand !== null && !s.hand.complete; i++) {
      const seat = s.hand.toAct;
      if (seat === null) break;
      const out = holdem.apply(s, { kind: 'timeout', seat });
      if (!out.ok) throw new Error(out.code);
      s = out.state;
      ended.push(...out.events.filter((e) => e.type === 'hand_ended'));
    }
    const record = (ended[0] as Extract<HoldemEvent, { type: 'hand_ended' }>).record;
    expect(verifyHand(record).ok).toBe(true);
    expect(record.deal?.entropy).toEqual([
      { seat: 0, value: 'c0ffee' },
      { seat: 1, value: 'beef' },
    ]);
    const forged = {
      ...record,
      deal: {
        ...record.deal!,
        entropy: [
          { seat: 0, value: 'c0ffef' },
          { seat: 1, value: 'beef' },
        ],
      },
    };
    expect(verifyHand(forged).ok).toBe(false);
  });

  it('refuses values outside the window, for the wrong hand, malformed, from an empty seat, or on an older table — changing nothing', () => {
    const state = twoSeated();
    const refused = (command: unknown, s: HoldemState = state) => {
      const out = holdem.apply(s, command as Parameters<typeof holdem.apply>[1]);
      return out.ok ? 'accepted' : out.code;
    };
    expect(refused({ kind: 'entropy', seat: 0, hand: 2, value: 'ab' })).toBe('deal/wrong_hand');
    expect(refused({ kind: 'entropy', seat: 0, hand: 1, value: 'XYZ' })).toBe('deal/invalid_entropy');
    expect(refused({ kind: 'entropy', seat: 0, hand: 1, value: 'a'.repeat(65) })).toBe(
      'deal/invalid_entropy',
    );
    expect(refused({ kind: 'entropy', seat: 3, hand: 1, value: 'ab' })).toBe('seat/empty');
    const running = accept(holdem.apply(state, { kind: 'start' }));
    expect(refused({ kind: 'entropy', seat: 0, hand: 2, value: 'ab' }, running)).toBe('deal/hand_running');
    const older: HoldemState = { ...state, verifiable: undefined };
    expect(refused({ kind: 'entropy', seat: 0, hand: 1, value: 'ab' }, older)).toBe('deal/not_verifiable');
  });

  it('a value given from a seat its player has left does not count', () => {
    let state = twoSeated();
    state = accept(holdem.apply(state, { kind: 'entropy', seat: 1, hand: 1, value: 'abc' }));
    state = accept(holdem.apply(state, { kind: 'leave', seat: 1 }));
    state = accept(holdem.apply(state, { kind: 'sit', seat: 1, player: 'p9', name: 'P9', chips: 500 }));
    const started = accept(holdem.apply(state, { kind: 'start' }));
    expect(started.hand?.deal?.entropy).toEqual([]);
  });

  it('Hokm: values for the next hand go into its deal (the draw for hakem included)', () => {
    const parsed = hokm.parseConfig({ stake: 100, minBuyIn: 100, maxBuyIn: 1000 });
    if (!parsed.ok) throw new Error(parsed.message);
    const fourSeated = (): HokmState => {
      let table: HokmState = hokm.setup(parsed.config, SEED);
      for (let s = 0; s < 4; s++)
        table = accept(
          hokm.apply(table, { kind: 'sit', seat: s, player: `p${s}`, name: `P${s}`, chips: 1000 }),
        );
      return table;
    };
    let state = fourSeated();
    state = accept(hokm.apply(state, { kind: 'entropy', seat: 2, hand: 1, value: '1234' }));
    const started = accept(hokm.apply(state, { kind: 'start' }));
    expect(started.game?.hand.deal?.entropy).toEqual([{ seat: 2, value: '1234' }]);
    const plain = accept(hokm.apply(fourSeated(), { kind: 'start' }));
    expect(started.game?.hand.hands).not.toEqual(plain.game?.hand.hands);
    const out = hokm.apply(started, { kind: 'entropy', seat: 2, hand: 2, value: 'ab' });
    expect(out.ok ? 'accepted' : out.code).toBe('deal/hand_running');
  });
});
