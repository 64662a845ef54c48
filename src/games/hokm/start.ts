// `start`: begin a new game (stakes into the pot, the hakem draw, the first deal) or, when a game is
// running and its last hand has been scored, deal the next hand.

import { FULL_DECK, parseStackedDeck, type Card } from '../cards.js';
import { reject, type Outcome, type SeatIndex } from '../contract.js';
import { dealRng, entropyInSeats, revealDeal, type DealReveal } from '../fair-deal.js';
import { dealFirstFive, drawHakem, newGameDecks, shuffleHand, shuffleNewGame } from './deal.js';
import type { HokmEvent } from './events.js';
import {
  isGameRunning,
  playOrder,
  SEATS,
  type GameState,
  type HandState,
  type HokmSeat,
  type HokmState,
} from './state.js';

/** Why `start` would be refused now, or null when it would be accepted. */
export function startBlocker(state: HokmState): string | null {
  if (isGameRunning(state)) {
    return state.game?.hand.phase === 'ended' ? null : 'the current hand is still being played';
  }
  const { stake } = state.config;
  for (let i = 0; i < SEATS; i++) {
    const seat = state.seats[i];
    if (!seat) return 'Hokm needs four players';
    if (seat.status !== 'playing') return `seat ${i} is sitting out`;
    if (seat.chips < stake) return `seat ${i} cannot pay the stake`;
  }
  return null;
}

export function start(state: HokmState, deck: readonly string[] | undefined): Outcome<HokmState, HokmEvent> {
  const blocker = startBlocker(state);
  if (blocker !== null) return reject('table/cannot_start', blocker);
  let stacked: Card[] | null = null;
  if (deck !== undefined) {
    stacked = deck.length === 52 ? parseStackedDeck(deck) : null;
    if (!stacked) return reject('table/invalid_deck', 'a stacked deck must list the 52 cards once each');
  }
  const game = state.game;
  return game && game.winner === null ? nextHand(state, game, stacked) : newGame(state, stacked);
}

function newGame(state: HokmState, stacked: Card[] | null): Outcome<HokmState, HokmEvent> {
  let rng = state.rng;
  let start: SeatIndex = 0;
  let drawDeck: readonly Card[];
  let handDeck: readonly Card[];
  const deal = fairDeal(state, stacked);
  if (stacked) {
    drawDeck = handDeck = stacked;
  } else if (deal) {
    ({ start, drawDeck, handDeck } = newGameDecks(dealRng(deal.seed, deal.entropy)));
  } else {
    const shuffled = shuffleNewGame(state.rng);
    ({ start, drawDeck, handDeck } = shuffled.value);
    rng = shuffled.rng;
  }
  const { stake, targetScore } = state.config;
  // startBlocker has checked that all four seats are filled.
  const seats = state.seats.map((s) => (s ? { ...s, chips: s.chips - stake } : s));
  const players = seats.map((s) => (s as HokmSeat).player);
  const draw = drawHakem(drawDeck, start);
  const number = state.gameNumber + 1;
  const pot = stake * SEATS;
  const events: HokmEvent[] = [
    {
      type: 'game_started',
      game: number,
      players,
      stake,
      pot,
      targetScore,
      chips: seats.map((s) => s?.chips ?? null),
    },
    { type: 'hakem_drawn', game: number, draws: draw.draws, hakem: draw.hakem },
  ];
  const dealt = dealHand(state.handNumber + 1, number, 1, draw.hakem, handDeck, deal);
  const game: GameState = {
    number,
    players,
    scores: [0, 0],
    pot,
    draw: draw.draws,
    hakem: draw.hakem,
    hand: dealt.hand,
    winner: null,
    payout: [],
  };
  return {
    ok: true,
    // The players' values went into this hand's deal: none is carried to the next.
    state: {
      ...state,
      rng,
      seats,
      handNumber: state.handNumber + 1,
      gameNumber: number,
      game,
      nextEntropy: undefined,
    },
    events: [...events, ...dealt.events],
  };
}

function nextHand(state: HokmState, game: GameState, stacked: Card[] | null): Outcome<HokmState, HokmEvent> {
  let rng = state.rng;
  let deck: readonly Card[];
  const deal = fairDeal(state, stacked);
  if (stacked) {
    deck = stacked;
  } else if (deal) {
    deck = dealRng(deal.seed, deal.entropy).shuffle(FULL_DECK);
  } else {
    const shuffled = shuffleHand(state.rng);
    deck = shuffled.value;
    rng = shuffled.rng;
  }
  const dealt = dealHand(state.handNumber + 1, game.number, game.hand.inGame + 1, game.hakem, deck, deal);
  return {
    ok: true,
    state: {
      ...state,
      rng,
      handNumber: state.handNumber + 1,
      game: { ...game, hand: dealt.hand },
      nextEntropy: undefined,
    },
    events: dealt.events,
  };
}

/** The next hand's revealable deal on a verifiable table; null for a stacked deck or an older table. */
function fairDeal(state: HokmState, stacked: Card[] | null): DealReveal | null {
  return stacked === null && state.verifiable === true
    ? revealDeal(
        state.rng.key,
        state.handNumber + 1,
        entropyInSeats(state.nextEntropy, (seat) => state.seats[seat]?.player),
      )
    : null;
}

function dealHand(
  number: number,
  gameNumber: number,
  inGame: number,
  hakem: SeatIndex,
  deck: readonly Card[],
  deal: DealReveal | null,
): { hand: HandState; events: HokmEvent[] } {
  const { hands, undealt } = dealFirstFive(deck, hakem);
  const commitment = deal === null ? {} : { deal: { hand: deal.hand, commitment: deal.commitment } };
  const events: HokmEvent[] = [
    { type: 'hand_started', hand: number, game: gameNumber, inGame, hakem, ...commitment },
  ];
  for (const seat of playOrder(hakem)) {
    const cards = hands[seat] ?? [];
    events.push({ type: 'cards_dealt', hand: number, seat, round: 'first', cards, held: cards.length });
  }
  const hand: HandState = {
    number,
    inGame,
    hakem,
    phase: 'trump',
    trump: null,
    hands,
    undealt,
    leader: hakem,
    current: [],
    tricks: [],
    tricksWon: [0, 0],
    turn: hakem,
    result: null,
    deal,
  };
  return { hand, events };
}
