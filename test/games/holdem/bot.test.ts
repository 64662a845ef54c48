// The Hold'em bot: always legal, deterministic given its Rng, and sensible with clear hands.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHoldemBot, holdem, playBotHand, type HoldemState } from '../../../src/games/holdem/index.js';
import { Rng } from '../../../src/games/rng.js';
import { randomConfig } from './random-game.js';
import { TestTable } from './helpers.js';

const FAST_BOT = createHoldemBot({ iterations: 24 });

function botTable(seed: string, players: number, rng: Rng): HoldemState {
  const next = (): number => rng.uint32();
  const config = randomConfig(next);
  let state = holdem.setup(config, seed);
  for (let seat = 0; seat < Math.min(players, config.seats); seat++) {
    const chips = config.minBuyIn + (next() % (config.maxBuyIn - config.minBuyIn + 1));
    const out = holdem.apply(state, {
      kind: 'sit',
      seat,
      player: `b${seat}`,
      name: `Bot ${seat}`,
      chips,
      bot: true,
    });
    if (!out.ok) throw new Error(out.message);
    state = out.state;
  }
  return state;
}

describe("the Hold'em bot", () => {
  it('never proposes an illegal action over many random hands', () => {
    let hands = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 2, max: 10 }), (n, players) => {
        const rng = Rng.fromSeed(n.toString(16).padStart(64, '0'));
        let state = botTable(n.toString(16).padStart(64, 'a'), players, rng);
        const total = holdem.chipsOnTable(state);
        for (let h = 0; h < 12; h++) {
          const out = playBotHand(state, FAST_BOT, rng);
          if (!out.ok) expect.fail(`bot action rejected: ${out.code} ${out.message}`);
          state = out.state;
          if (out.decisions > 0 || out.events.length > 0) hands++;
          expect(holdem.chipsOnTable(state)).toBe(total);
        }
      }),
      { numRuns: 60 },
    );
    expect(hands).toBeGreaterThan(300);
  });

  it('makes the same decision from the same Rng state', () => {
    const t = new TestTable([1000, 1000, 1000]);
    t.start();
    const seat = t.toAct!;
    const input = { view: holdem.view(t.state, seat), seat, legal: holdem.legalActions(t.state, seat) };
    for (let i = 0; i < 20; i++) {
      const state = Rng.fromSeed(i.toString(16).padStart(64, '7')).state();
      const a = Rng.fromState(state);
      const b = Rng.fromState(state);
      expect(holdem.bot.decide(input, a)).toEqual(holdem.bot.decide(input, b));
      expect(a.state()).toEqual(b.state());
    }
  });

  it('plays strong hands for value and folds hopeless ones to a big bet', () => {
    const t = new TestTable([1000, 1000]);
    t.deal(0, { 0: ['As', 'Ad'], 1: ['7c', '2d'] }, ['Ah', 'Ac', '9d', '4s', '5h']);
    t.raise(0, 30);
    t.call(1);
    // Seat 1 (big blind) acts first after the flop with seven-high against quad aces on board.
    t.check(1);
    const rng = Rng.fromSeed('b0'.repeat(32));
    for (let i = 0; i < 10; i++) {
      const action = holdem.bot.decide(
        { view: holdem.view(t.state, 0), seat: 0, legal: holdem.legalActions(t.state, 0) },
        rng,
      );
      expect(['bet', 'all_in']).toContain(action.type);
    }
    t.bet(0, 500);
    for (let i = 0; i < 10; i++) {
      const action = holdem.bot.decide(
        { view: holdem.view(t.state, 1), seat: 1, legal: holdem.legalActions(t.state, 1) },
        rng,
      );
      expect(action).toEqual({ type: 'fold' });
    }
  });

  it('checks or folds when asked out of turn rather than proposing something impossible', () => {
    const t = new TestTable([1000, 1000]);
    t.start();
    const action = holdem.bot.decide(
      { view: holdem.view(t.state, 1), seat: 1, legal: holdem.legalActions(t.state, 1) },
      Rng.fromSeed('c'.repeat(64)),
    );
    expect(action).toEqual({ type: 'fold' });
  });
});
