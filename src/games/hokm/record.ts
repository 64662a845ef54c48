// The history record of one Hokm hand, carried by `hand_ended`: who was hakem, the trump, every
// trick, the score, the game result, and the thirteen cards each seat was dealt.
//
// The dealt hands are the only hidden part: cards never played stay secret, so `projectRecord`
// (the module's `recordFor`) keeps only the requesting player's own hand and replaces the others
// with null; `viewEvent` gives every viewer of `hand_ended` the public record, no hand at all.
// Replay needs the seed and the command log, not this.

import type { DealReveal } from '../fair-deal.js';
import type { Card, Suit } from '../cards.js';
import type { PlayerId, SeatIndex } from '../contract.js';
import { sortCards } from './rules.js';
import type { CompletedTrick, GameState, HandResult, HandState, Payout, Team } from './state.js';

export interface HokmHandRecord {
  readonly game: number;
  /** Table-wide hand number. */
  readonly hand: number;
  /** 1 for the first hand of the game. */
  readonly handInGame: number;
  readonly players: readonly PlayerId[];
  readonly hakem: SeatIndex;
  readonly trump: Suit;
  /** The thirteen cards each seat was dealt, sorted; null where the reader may not see them. */
  readonly hands: readonly (readonly Card[] | null)[];
  readonly tricks: readonly CompletedTrick[];
  readonly tricksWon: readonly [number, number];
  readonly result: HandResult;
  /** Game scores after this hand. */
  readonly scores: readonly [number, number];
  /** Set when this hand ended the game. */
  readonly gameOver: { readonly team: Team; readonly payout: readonly Payout[] } | null;
  /**
   * How the deck (and, for a game's first hand, the draw for hakem) was made, revealed now that
   * the hand is over (verify-deal.ts). Null for a stacked deck; absent in older records.
   */
  readonly deal?: DealReveal | null;
}

export function handRecord(
  game: GameState,
  hand: HandState,
  result: HandResult,
  trump: Suit,
): HokmHandRecord {
  // A seat's deal is what it played plus what it still holds.
  const dealt = hand.hands.map((held) => [...held]);
  for (const t of hand.tricks) for (const p of t.plays) dealt[p.seat]?.push(p.card);
  return {
    game: game.number,
    hand: hand.number,
    handInGame: hand.inGame,
    players: game.players,
    hakem: hand.hakem,
    trump,
    hands: dealt.map(sortCards),
    tricks: hand.tricks,
    tricksWon: hand.tricksWon,
    result,
    scores: game.scores,
    gameOver: game.winner === null ? null : { team: game.winner, payout: game.payout },
    deal: hand.deal ?? null,
  };
}

/** The record as the player at `seat` may see it (null: a spectator): only their own dealt hand. */
export function projectRecord(record: HokmHandRecord, seat: SeatIndex | null): HokmHandRecord {
  return { ...record, hands: record.hands.map((cards, s) => (s === seat ? cards : null)) };
}

function isRecord(value: unknown): value is HokmHandRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof HokmHandRecord, unknown>>;
  return Array.isArray(r.players) && Array.isArray(r.hands) && typeof r.hand === 'number';
}

/**
 * The contract's `recordFor`: `player` is a player id, or 'public' for spectators (always treated
 * as a spectator). Anything that is not a Hokm hand record gives null.
 */
export function recordFor(record: unknown, player: PlayerId): HokmHandRecord | null {
  if (!isRecord(record)) return null;
  const seat = player === 'public' ? -1 : record.players.indexOf(player);
  return projectRecord(record, seat < 0 ? null : seat);
}
