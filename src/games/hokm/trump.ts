// The hakem names trump after seeing their first five cards; then the rest of the deck is dealt.

import type { Suit } from '../cards.js';
import { reject, type Outcome, type SeatIndex } from '../contract.js';
import { dealRest } from './deal.js';
import type { HokmEvent } from './events.js';
import { playOrder, type GameState, type HokmState } from './state.js';

export function chooseTrump(
  state: HokmState,
  seat: SeatIndex,
  suit: Suit,
  timeout: boolean,
): Outcome<HokmState, HokmEvent> {
  const game = state.game;
  if (!game || game.winner !== null) return reject('hokm/no_hand', 'no hand is being played');
  const hand = game.hand;
  if (hand.phase !== 'trump') {
    return hand.phase === 'play'
      ? reject('hokm/trump_already_chosen', 'trump has already been chosen for this hand')
      : reject('hokm/no_hand', 'the hand is over');
  }
  if (seat !== hand.hakem) return reject('hokm/not_hakem', 'only the hakem chooses trump');

  const rest = dealRest(hand.undealt, hand.hakem);
  const hands = hand.hands.map((cards, s) => [...cards, ...(rest[s] ?? [])]);
  const events: HokmEvent[] = [{ type: 'trump_chosen', hand: hand.number, seat, suit, timeout }];
  for (const s of playOrder(hand.hakem)) {
    const cards = rest[s] ?? [];
    const held = hands[s]?.length ?? 0;
    events.push({ type: 'cards_dealt', hand: hand.number, seat: s, round: 'rest', cards, held });
  }
  const next: GameState = {
    ...game,
    hand: { ...hand, phase: 'play', trump: suit, hands, undealt: [], turn: hand.hakem },
  };
  return { ok: true, state: { ...state, game: next }, events };
}
