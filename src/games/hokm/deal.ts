// Shuffling, the face-up draw for the first hakem, and the deal.
//
// Randomness: a new game draws `start = below(4)`, then shuffles a deck for the draw, then shuffles
// another for the first hand; every later hand shuffles once. With a stacked deck (scripted tests)
// nothing is random: the draw starts at seat 0 and deals the stacked order, and the hand is dealt
// from the same stacked order.
//
// Dealing consumes the deck from the top in play order starting with the hakem: five cards each
// (deck[0..4] to the hakem, deck[5..9] to the next seat, …), then, after trump is chosen, four each
// twice (deck[20..23] to the hakem, …, deck[32..35] to the fourth seat, deck[36..39] to the hakem, …).

import { FULL_DECK, rankOf, type Card } from '../cards.js';
import type { RngState, SeatIndex } from '../contract.js';
import { Rng } from '../rng.js';
import { playOrder, SEATS, type Play } from './state.js';

export const FIRST_ROUND = 5;
const LATER_PACKET = 4;

export interface HakemDraw {
  readonly draws: readonly Play[];
  readonly hakem: SeatIndex;
}

/** Deals `deck` face up, one card a seat, from `start` in play order, until the first ace. */
export function drawHakem(deck: readonly Card[], start: SeatIndex): HakemDraw {
  const order = playOrder(start);
  const draws: Play[] = [];
  for (let i = 0; i < deck.length; i++) {
    const card = deck[i] as Card;
    const seat = order[i % SEATS] as SeatIndex;
    draws.push({ seat, card });
    if (rankOf(card) === 'A') return { draws, hakem: seat };
  }
  // A 52-card deck always holds an ace; this is reached only for a malformed deck.
  return { draws, hakem: start };
}

export interface FirstDeal {
  /** Five cards each, by seat. */
  readonly hands: Card[][];
  /** The 32 cards dealt after trump is chosen, top first. */
  readonly undealt: Card[];
}

export function dealFirstFive(deck: readonly Card[], hakem: SeatIndex): FirstDeal {
  const hands: Card[][] = [[], [], [], []];
  playOrder(hakem).forEach((seat, i) => {
    hands[seat] = deck.slice(i * FIRST_ROUND, (i + 1) * FIRST_ROUND);
  });
  return { hands, undealt: deck.slice(SEATS * FIRST_ROUND) };
}

/** The remaining cards, by seat, dealt from `undealt` in packets of four starting with the hakem. */
export function dealRest(undealt: readonly Card[], hakem: SeatIndex): Card[][] {
  const rest: Card[][] = [[], [], [], []];
  const order = playOrder(hakem);
  for (let packet = 0; packet * LATER_PACKET < undealt.length; packet++) {
    const seat = order[packet % SEATS] as SeatIndex;
    rest[seat]?.push(...undealt.slice(packet * LATER_PACKET, (packet + 1) * LATER_PACKET));
  }
  return rest;
}

export interface Shuffled<T> {
  readonly value: T;
  readonly rng: RngState;
}

/** A new game's randomness: the draw's first seat, the draw deck, and the first hand's deck. */
export interface NewGameDecks {
  /** Where the face-up draw for hakem starts. */
  readonly start: SeatIndex;
  readonly drawDeck: Card[];
  readonly handDeck: Card[];
}

/** A new game's randomness, in this order: the draw's first seat, the draw's deck, the hand's deck. */
export function newGameDecks(r: Rng): NewGameDecks {
  const start = r.below(SEATS);
  const drawDeck = r.shuffle(FULL_DECK);
  const handDeck = r.shuffle(FULL_DECK);
  return { start, drawDeck, handDeck };
}

export function shuffleNewGame(rng: RngState): Shuffled<NewGameDecks> {
  const r = Rng.fromState(rng);
  return { value: newGameDecks(r), rng: r.state() };
}

export function shuffleHand(rng: RngState): Shuffled<Card[]> {
  const r = Rng.fromState(rng);
  const deck = r.shuffle(FULL_DECK);
  return { value: deck, rng: r.state() };
}
