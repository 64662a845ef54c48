// Shared helpers for the Hokm tests: a seated table, commands that must be accepted or rejected,
// stacked decks built from the hands each seat should hold, and trick-by-trick play.

import { expect } from 'vitest';
import { rankOf, type Card, type Suit } from '../../../src/games/cards.js';
import type { Command, SeatIndex } from '../../../src/games/contract.js';
import {
  hokm,
  playOrder,
  type HokmAction,
  type HokmEvent,
  type HokmState,
} from '../../../src/games/hokm/index.js';

export const SEED = '0f'.repeat(32);
export type Cmd = Command<HokmAction>;

export interface Step {
  readonly state: HokmState;
  readonly events: readonly HokmEvent[];
}

/** A table with four seated players (p0…p3) holding `chips` each. */
export function seatedTable(config: Record<string, unknown> = {}, chips = 1000, seed = SEED): HokmState {
  const parsed = hokm.parseConfig({ maxBuyIn: 100_000, ...config });
  if (!parsed.ok) throw new Error(parsed.message);
  let state = hokm.setup(parsed.config, seed);
  for (let seat = 0; seat < 4; seat++) {
    state = accept(state, { kind: 'sit', seat, player: `p${seat}`, name: `Player ${seat}`, chips }).state;
  }
  return state;
}

export function accept(state: HokmState, command: Cmd): Step {
  const out = hokm.apply(state, command);
  if (!out.ok)
    throw new Error(`expected ${JSON.stringify(command)} to be accepted: ${out.code} ${out.message}`);
  return { state: out.state, events: out.events };
}

/** Asserts the command is rejected with `code` and leaves the state exactly as it was. */
export function expectRejected(state: HokmState, command: unknown, code: string): void {
  const before = structuredClone(state);
  const out = hokm.apply(state, command as Cmd);
  expect(out.ok).toBe(false);
  if (!out.ok) expect(out.code).toBe(code);
  expect(state).toEqual(before);
}

export function act(seat: SeatIndex, action: HokmAction): Cmd {
  return { kind: 'act', seat, action };
}

export function play(seat: SeatIndex, card: Card): Cmd {
  return act(seat, { type: 'play', card });
}

export function chooseTrump(seat: SeatIndex, suit: Suit): Cmd {
  return act(seat, { type: 'choose_trump', suit });
}

/** All 13 cards of a suit, ace first. */
export function suitCards(suit: Suit): Card[] {
  return (['A', 'K', 'Q', 'J', 'T', '9', '8', '7', '6', '5', '4', '3', '2'] as const).map(
    (r): Card => `${r}${suit}`,
  );
}

export function cards(spec: string): Card[] {
  return spec.split(/\s+/).filter(Boolean) as Card[];
}

/**
 * The deck order that deals `hands` with `hakem` dealing first: each seat's first five cards arrive
 * in the first round, the other eight in two packets of four (see src/games/hokm/deal.ts).
 */
export function stackDeck(hakem: SeatIndex, hands: readonly (readonly Card[])[]): Card[] {
  const order = playOrder(hakem);
  const hand = (seat: SeatIndex): readonly Card[] => {
    const h = hands[seat];
    if (h?.length !== 13) throw new Error(`seat ${seat} needs 13 cards`);
    return h;
  };
  const deck: Card[] = [];
  for (const seat of order) deck.push(...hand(seat).slice(0, 5));
  for (const packet of [0, 1]) {
    for (const seat of order) deck.push(...hand(seat).slice(5 + packet * 4, 9 + packet * 4));
  }
  if (new Set(deck).size !== 52) throw new Error('the hands must hold the 52 cards once each');
  return deck;
}

/**
 * Like `stackDeck`, for the first hand of a game, where the face-up draw also deals this order
 * from seat 0 in play order: the hakem's first five are reordered so that the first ace of the
 * deck falls to the hakem. The hakem must hold an ace among their first five.
 */
export function stackFirstDeck(hakem: SeatIndex, hands: readonly (readonly Card[])[]): Card[] {
  const drawIndex = playOrder(0).indexOf(hakem);
  const five = (hands[hakem] ?? []).slice(0, 5);
  const ace = five.find((c) => rankOf(c) === 'A');
  const others = five.filter((c) => c !== ace);
  if (!ace || others.filter((c) => rankOf(c) !== 'A').length < drawIndex) {
    throw new Error('the hakem needs an ace among the first five, after enough non-aces');
  }
  others.sort((a, b) => Number(rankOf(a) === 'A') - Number(rankOf(b) === 'A'));
  const reordered = [...others.slice(0, drawIndex), ace, ...others.slice(drawIndex)];
  const adjusted = hands.map((h, seat) => (seat === hakem ? [...reordered, ...h.slice(5)] : h));
  return stackDeck(hakem, adjusted);
}

/** Plays cards in order; each must belong to the seat whose turn it is. Returns every event. */
export function playCards(state: HokmState, plays: readonly Card[]): Step {
  let current = state;
  const events: HokmEvent[] = [];
  for (const card of plays) {
    const hand = current.game?.hand;
    const seat = hand?.turn;
    if (hand === undefined || seat === null || seat === undefined) throw new Error(`nobody to play ${card}`);
    if (!hand.hands[seat]?.includes(card))
      throw new Error(`${card} is not held by seat ${seat}, whose turn it is`);
    const step = accept(current, play(seat, card));
    current = step.state;
    events.push(...step.events);
  }
  return { state: current, events };
}

export function eventsOfType<T extends HokmEvent['type']>(
  events: readonly HokmEvent[],
  type: T,
): Extract<HokmEvent, { type: T }>[] {
  return events.filter((e): e is Extract<HokmEvent, { type: T }> => e.type === type);
}

/** One seat per suit: seat 0 spades, seat 1 clubs, seat 2 diamonds, seat 3 hearts. */
export function oneSuitEach(): Card[][] {
  return [suitCards('s'), suitCards('c'), suitCards('d'), suitCards('h')];
}
