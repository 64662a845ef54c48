// Scoring a finished hand, passing (or keeping) the hakem, and ending the game with the payout.
//
// The team that takes seven tricks scores 1 point; a 7–0 sweep (kot) scores 2 when the hakem's team
// sweeps and 3 (hakem kot) when the other team sweeps the hakem's. The hakem keeps the deal when
// their team wins the hand; otherwise it passes to the next seat in the direction of play. At the
// target score the game ends: the pot (4 × stake) is split between the two winners, 2 × stake each,
// and seats marked `leaving` are vacated.

import { dealCommitment } from '../fair-deal.js';
import type { SeatIndex } from '../contract.js';
import type { HokmEvent } from './events.js';
import { handRecord } from './record.js';
import { vacate } from './seating.js';
import {
  nextSeat,
  teamOf,
  TRICKS_TO_WIN,
  type GameState,
  type HandResult,
  type HokmSeat,
  type HokmState,
  type Payout,
  type Team,
} from './state.js';

export function handResult(hakem: SeatIndex, tricksWon: readonly [number, number]): HandResult {
  const team: Team = tricksWon[0] >= TRICKS_TO_WIN ? 0 : 1;
  const losers = tricksWon[team === 0 ? 1 : 0];
  if (losers > 0) return { team, points: 1, kind: 'normal' };
  return teamOf(hakem) === team ? { team, points: 2, kind: 'kot' } : { team, points: 3, kind: 'hakem_kot' };
}

/** Closes the hand in `state.game.hand` (a team has seven tricks). */
export function scoreHand(state: HokmState): { state: HokmState; events: HokmEvent[] } {
  const game = state.game as GameState;
  const hand = game.hand;
  const result = handResult(hand.hakem, hand.tricksWon);
  const scores: [number, number] = [game.scores[0], game.scores[1]];
  scores[result.team] += result.points;
  const over = scores[result.team] >= state.config.targetScore;
  const nextHakem = teamOf(hand.hakem) === result.team ? hand.hakem : nextSeat(hand.hakem);

  let seats = state.seats;
  let payout: Payout[] = [];
  if (over) {
    const prize = 2 * state.config.stake;
    payout = game.players.flatMap((player, seat) =>
      teamOf(seat) === result.team ? [{ seat, player, amount: prize }] : [],
    );
    seats = seats.map((s, i) => (s && teamOf(i) === result.team ? { ...s, chips: s.chips + prize } : s));
  }
  const endedGame: GameState = {
    ...game,
    scores,
    hakem: nextHakem,
    pot: over ? 0 : game.pot,
    winner: over ? result.team : null,
    payout,
    hand: { ...hand, phase: 'ended', turn: null, result },
  };
  const events: HokmEvent[] = [
    {
      type: 'hand_scored',
      hand: hand.number,
      team: result.team,
      points: result.points,
      kind: result.kind,
      tricksWon: hand.tricksWon,
      scores,
      nextHakem,
    },
  ];
  if (over) {
    events.push({
      type: 'game_over',
      game: game.number,
      team: result.team,
      winners: payout.map((p) => p.seat),
      scores,
      payout,
      chips: seats.map((s) => s?.chips ?? null),
    });
  }
  // The trump is set in the play phase, the only phase a hand can be scored from.
  const record = handRecord(endedGame, endedGame.hand, result, hand.trump ?? 's');
  events.push({
    type: 'hand_ended',
    hand: hand.number,
    players: game.players,
    record,
    ...(state.verifiable === true ? { next: dealCommitment(state.rng.key, hand.number + 1) } : {}),
  });

  let next: HokmState = { ...state, seats, game: endedGame };
  if (over) {
    // Leaving seats go now; so does anyone who cannot pay the next game's stake (they would block
    // the table forever): they stand up with the chips they have, and the seat is free for a
    // player who can.
    const stake = state.config.stake;
    const standing = seats.flatMap((s: HokmSeat | null, i) =>
      s && (s.status === 'leaving' || s.chips < stake) ? [i] : [],
    );
    const vacated = vacate(next, standing);
    next = vacated.state;
    events.push(...vacated.events);
  }
  return { state: next, events };
}
