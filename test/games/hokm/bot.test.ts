// The bot: legal in every position over many games, deterministic given its rng, and sensible in
// the situations the rules of thumb cover (trump from strength, not over-trumping a partner,
// cheap wins, low discards, leading masters).

import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/games/cards.js';
import {
  hokm,
  type HokmAction,
  type HokmHandView,
  type HokmLegalActions,
  type HokmView,
} from '../../../src/games/hokm/index.js';
import { Rng } from '../../../src/games/rng.js';
import { seatedTable } from './helpers.js';
import { botChooser, botCommand, playGame } from './simulate.js';

const rngFor = (i: number): Rng => Rng.fromSeed(i.toString(16).padStart(64, 'a'));

function handView(overrides: Partial<HokmHandView>): HokmView {
  const hand: HokmHandView = {
    number: 1,
    inGame: 1,
    hakem: 0,
    phase: 'play',
    trump: 's',
    turn: 0,
    leader: 0,
    trick: [],
    tricks: [],
    tricksWon: [0, 0],
    handSizes: [13, 13, 13, 13],
    myCards: [],
    result: null,
    ...overrides,
  };
  return {
    viewer: 0,
    config: { targetScore: 7, stake: 0, minBuyIn: 0, maxBuyIn: 100 },
    seats: [null, null, null, null],
    deal: null,
    handNumber: 1,
    gameNumber: 1,
    game: {
      number: 1,
      players: ['a', 'b', 'c', 'd'],
      scores: [0, 0],
      pot: 0,
      draw: [],
      hakem: 0,
      winner: null,
      payout: [],
      hand,
    },
  };
}

function decide(view: HokmView, legal: HokmLegalActions, seed = 1): unknown {
  return hokm.bot.decide({ view, seat: 0, legal }, rngFor(seed));
}

function playDecision(
  myCards: Card[],
  trick: HokmHandView['trick'],
  legal: Card[],
  trump: 's' | 'h' = 's',
): unknown {
  return decide(handView({ myCards, trick, trump }), { type: 'play', cards: legal });
}

describe('the Hokm bot', () => {
  it('plays 40 whole games at four seats without a single illegal action', () => {
    let hands = 0;
    for (let g = 0; g < 40; g++) {
      const seed = g.toString(16).padStart(2, '0').repeat(32);
      const run = playGame(seatedTable({ targetScore: 7 }, 1000, seed), botChooser(rngFor(g)));
      expect(run.state.game!.winner).not.toBeNull();
      hands += run.state.handNumber;
    }
    expect(hands).toBeGreaterThanOrEqual(40 * 4);
  });

  it('beats partners who play random legal cards in at least nine games out of ten', () => {
    let wins = 0;
    const games = 30;
    for (let g = 0; g < games; g++) {
      const seed = (g + 500).toString(16).padStart(64, '0');
      const bots = rngFor(g);
      const random = rngFor(g + 1000);
      const run = playGame(seatedTable({}, 1000, seed), (state, seat) => {
        if (seat % 2 === 0) return botCommand(state, seat, bots);
        const legal = hokm.legalActions(state, seat);
        const action: HokmAction =
          legal.type === 'choose_trump'
            ? { type: 'choose_trump', suit: legal.suits[random.below(legal.suits.length)]! }
            : {
                type: 'play',
                card: legal.type === 'play' ? legal.cards[random.below(legal.cards.length)]! : '2c',
              };
        return { kind: 'act', seat, action };
      });
      if (run.state.game!.winner === 0) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(27);
  });

  it('makes the same decision from the same rng state', () => {
    const run = playGame(seatedTable({ targetScore: 2 }), botChooser(rngFor(7)));
    const again = playGame(seatedTable({ targetScore: 2 }), botChooser(rngFor(7)));
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(run.state));
    expect(again.accepted).toEqual(run.accepted);
  });

  it('names as trump the suit that is longest and strongest among its five', () => {
    const view = handView({ phase: 'trump', trump: null, myCards: ['Ah', 'Kh', '2s', '3s', '9s'] });
    expect(decide(view, { type: 'choose_trump', suits: ['c', 'd', 'h', 's'] })).toEqual({
      type: 'choose_trump',
      suit: 's',
    });
    const high = handView({ phase: 'trump', trump: null, myCards: ['Ah', 'Kh', '2s', '3s', '4d'] });
    expect(decide(high, { type: 'choose_trump', suits: ['c', 'd', 'h', 's'] })).toEqual({
      type: 'choose_trump',
      suit: 'h',
    });
  });

  it('does not over-trump a partner who is winning the trick, and discards low instead', () => {
    // Seat 2 (partner) won the trick so far with a trump; the bot is void in hearts.
    const trick = [
      { seat: 1, card: 'Ah' as Card },
      { seat: 2, card: '5s' as Card },
      { seat: 3, card: '2h' as Card },
    ];
    expect(playDecision(['As', 'Ks', '9d', '3c'], trick, ['As', 'Ks', '9d', '3c'])).toEqual({
      type: 'play',
      card: '3c',
    });
  });

  it('wins a trick an opponent is winning as cheaply as it can', () => {
    const trick = [
      { seat: 1, card: 'Th' as Card },
      { seat: 2, card: '4h' as Card },
      { seat: 3, card: 'Jh' as Card },
    ];
    expect(playDecision(['Ah', 'Qh', '3h', '2s'], trick, ['Ah', 'Qh', '3h'])).toEqual({
      type: 'play',
      card: 'Qh',
    });
  });

  it('trumps an opponent when void in the led suit, with its lowest trump', () => {
    const trick = [{ seat: 1, card: 'Ah' as Card }];
    expect(playDecision(['Ks', '4s', '9d'], trick, ['Ks', '4s', '9d'])).toEqual({ type: 'play', card: '4s' });
  });

  it('plays its lowest card when it cannot win', () => {
    const trick = [{ seat: 3, card: 'Ah' as Card }];
    expect(playDecision(['Kh', '5h', '9h', '2s'], trick, ['Kh', '5h', '9h'])).toEqual({
      type: 'play',
      card: '5h',
    });
  });

  it('leads a side-suit master card when it holds one', () => {
    expect(playDecision(['Ad', '7d', '3c', '5s'], [], ['Ad', '7d', '3c', '5s'])).toEqual({
      type: 'play',
      card: 'Ad',
    });
  });

  it('counts played cards: a king is a master once the ace has gone', () => {
    const view = handView({
      myCards: ['Kd', '3c', '5s', '6c'],
      tricks: [
        {
          leader: 1,
          winner: 1,
          plays: [
            { seat: 1, card: 'Ad' },
            { seat: 0, card: '2d' },
            { seat: 3, card: '4d' },
            { seat: 2, card: '5d' },
          ],
        },
      ],
    });
    expect(decide(view, { type: 'play', cards: ['Kd', '3c', '5s', '6c'] })).toEqual({
      type: 'play',
      card: 'Kd',
    });
  });

  it('otherwise leads low from its longest side suit', () => {
    expect(playDecision(['Kd', '7d', '3d', 'Qc', '5s'], [], ['Kd', '7d', '3d', 'Qc', '5s'])).toEqual({
      type: 'play',
      card: '3d',
    });
  });
});
