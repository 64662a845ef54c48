// Playing a card: turn order, holding the card, following suit, closing the trick, and handing
// the end of the hand to scoring.

import { suitOf, type Card } from '../cards.js';
import { reject, type Outcome, type SeatIndex } from '../contract.js';
import type { HokmEvent } from './events.js';
import { playableCards, trickWinner } from './rules.js';
import { scoreHand } from './scoring.js';
import {
  nextSeat,
  replaceAt,
  SEATS,
  teamOf,
  TRICKS_TO_WIN,
  type CompletedTrick,
  type HandState,
  type HokmState,
} from './state.js';

export function playCard(
  state: HokmState,
  seat: SeatIndex,
  card: Card,
  timeout: boolean,
): Outcome<HokmState, HokmEvent> {
  const game = state.game;
  if (!game || game.winner !== null) return reject('hokm/no_hand', 'no hand is being played');
  const hand = game.hand;
  if (hand.phase === 'ended') return reject('hokm/no_hand', 'the hand is over');
  if (hand.phase === 'trump') return reject('hokm/trump_not_chosen', 'the hakem has not chosen trump yet');
  if (seat !== hand.turn) return reject('action/not_your_turn', 'it is not your turn');
  const held = hand.hands[seat] ?? [];
  if (!held.includes(card)) return reject('hokm/card_not_in_hand', 'that card is not in your hand');
  const led = hand.current[0] ? suitOf(hand.current[0].card) : null;
  if (!playableCards(held, led).includes(card)) {
    return reject('hokm/must_follow_suit', 'you must follow the suit that was led');
  }

  const trickNumber = hand.tricks.length + 1;
  const current = [...hand.current, { seat, card }];
  const remaining = held.filter((c) => c !== card);
  const hands = replaceAt(hand.hands, seat, remaining);
  const complete = current.length === SEATS;
  const turn = complete ? null : nextSeat(seat);
  const events: HokmEvent[] = [
    { type: 'card_played', hand: hand.number, trick: trickNumber, seat, card, timeout, turn },
  ];
  if (!complete) {
    const next: HandState = { ...hand, hands, current, turn };
    return { ok: true, state: { ...state, game: { ...game, hand: next } }, events };
  }

  const winner = trickWinner(current, hand.trump);
  const team = teamOf(winner);
  const tricksWon: [number, number] = [hand.tricksWon[0], hand.tricksWon[1]];
  tricksWon[team] += 1;
  const trick: CompletedTrick = { leader: hand.leader, plays: current, winner };
  events.push({
    type: 'trick_won',
    hand: hand.number,
    trick: trickNumber,
    winner,
    team,
    plays: current,
    tricksWon,
  });
  const closed: HandState = {
    ...hand,
    hands,
    current: [],
    tricks: [...hand.tricks, trick],
    tricksWon,
    leader: winner,
    turn: winner,
  };
  if (tricksWon[team] < TRICKS_TO_WIN) {
    return { ok: true, state: { ...state, game: { ...game, hand: closed } }, events };
  }
  const scored = scoreHand({ ...state, game: { ...game, hand: closed } });
  return { ok: true, state: scored.state, events: [...events, ...scored.events] };
}
