// What one seat may do right now.

import { SUITS, suitOf, type Card, type Suit } from '../cards.js';
import type { SeatIndex } from '../contract.js';
import { playableCards } from './rules.js';
import type { HokmState } from './state.js';

export type HokmLegalActions =
  | { readonly type: 'none' }
  | { readonly type: 'choose_trump'; readonly suits: readonly Suit[] }
  | { readonly type: 'play'; readonly cards: readonly Card[] };

const NONE: HokmLegalActions = { type: 'none' };

export function legalActions(state: HokmState, seat: SeatIndex): HokmLegalActions {
  const game = state.game;
  if (!game || game.winner !== null) return NONE;
  const hand = game.hand;
  if (hand.turn !== seat) return NONE;
  if (hand.phase === 'trump') return { type: 'choose_trump', suits: SUITS };
  if (hand.phase !== 'play') return NONE;
  const led = hand.current[0] ? suitOf(hand.current[0].card) : null;
  return { type: 'play', cards: playableCards(hand.hands[seat] ?? [], led) };
}
