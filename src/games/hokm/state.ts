// The whole Hokm table state: plain JSON, hidden parts included (hands, the undealt cards, the RNG
// key). Never send it to a client; `view` projects what one viewer may see.
//
// Seats are numbered clockwise (as the contract says) and play goes counter-clockwise, as Hokm is
// traditionally played: after seat s comes seat (s + 3) % 4, so 0 → 3 → 2 → 1 → 0. Partners sit
// opposite, which makes the team of a seat its index modulo 2: team 0 is seats 0 & 2, team 1 is
// seats 1 & 3.

import type { DealReveal, PendingEntropy } from '../fair-deal.js';
import type { Card, Suit } from '../cards.js';
import type { PlayerId, RngState, SeatIndex, SeatStatus } from '../contract.js';
import type { HokmConfig } from './config.js';

export const SEATS = 4;
/** Tricks a team needs to win a hand. */
export const TRICKS_TO_WIN = 7;

export type Team = 0 | 1;

export interface HokmSeat {
  readonly player: PlayerId;
  readonly name: string;
  /** Chips behind; the stake of a running game is in the game's pot. */
  readonly chips: number;
  readonly status: SeatStatus;
  readonly bot: boolean;
}

/** One card laid by one seat, in a trick or in the face-up hakem draw. */
export interface Play {
  readonly seat: SeatIndex;
  readonly card: Card;
}

export interface CompletedTrick {
  readonly leader: SeatIndex;
  /** In the order played. */
  readonly plays: readonly Play[];
  readonly winner: SeatIndex;
}

/** 'normal': 1 point. 'kot': the hakem's team swept 7–0, 2 points. 'hakem_kot': the other team swept, 3. */
export type ResultKind = 'normal' | 'kot' | 'hakem_kot';

export interface HandResult {
  readonly team: Team;
  readonly points: number;
  readonly kind: ResultKind;
}

/** 'trump': the hakem holds five cards and must choose. 'play': tricks. 'ended': scored. */
export type HandPhase = 'trump' | 'play' | 'ended';

export interface HandState {
  /** Table-wide hand number (the runtime's `hand`). */
  readonly number: number;
  /** 1 for the first hand of the game. */
  readonly inGame: number;
  readonly hakem: SeatIndex;
  readonly phase: HandPhase;
  readonly trump: Suit | null;
  /** Cards still held, by seat, in the order received. Hidden. */
  readonly hands: readonly (readonly Card[])[];
  /** The 32 cards dealt after trump is chosen, top first. Hidden; empty once dealt. */
  readonly undealt: readonly Card[];
  /** Who leads the trick in progress. */
  readonly leader: SeatIndex;
  /** The trick in progress. */
  readonly current: readonly Play[];
  readonly tricks: readonly CompletedTrick[];
  /** Tricks won by team 0 and team 1. */
  readonly tricksWon: readonly [number, number];
  /**
   * Hidden until the hand ends, then in its record: the hand's seed and what else made its deck
   * (fair-deal.ts). Null for a stacked deck; absent in hands from before verifiable deals.
   */
  readonly deal?: DealReveal | null;
  /** Whose move it is (trump choice or card); null once the hand has ended. */
  readonly turn: SeatIndex | null;
  readonly result: HandResult | null;
}

export interface Payout {
  readonly seat: SeatIndex;
  readonly player: PlayerId;
  readonly amount: number;
}

export interface GameState {
  readonly number: number;
  /** The four players, by seat, as they were when the game started. */
  readonly players: readonly PlayerId[];
  readonly scores: readonly [number, number];
  /** Stakes paid in at the start; emptied by the payout. */
  readonly pot: number;
  /** The face-up cards dealt to find the first hakem. Public. */
  readonly draw: readonly Play[];
  /** Hakem of the next hand to deal (the current one while a hand runs). */
  readonly hakem: SeatIndex;
  readonly hand: HandState;
  /** The winning team once the game is over; null while it runs. */
  readonly winner: Team | null;
  readonly payout: readonly Payout[];
}

export interface HokmState {
  readonly config: HokmConfig;
  /** Hidden: the seeded RNG behind every shuffle (the key is the table's seed). */
  readonly rng: RngState;
  /**
   * Each hand's deck (and a new game's draw for hakem) comes from a seed of its own, committed to
   * before the hand and revealed after it (fair-deal.ts). Absent in tables created before
   * verifiable deals: they keep shuffling from `rng`, so their logs replay to the same cards.
   */
  readonly verifiable?: true;
  /** Hidden: players' values for the next hand's deck, taken between hands (fair-deal.ts). */
  readonly nextEntropy?: readonly PendingEntropy[] | undefined;
  readonly seats: readonly (HokmSeat | null)[];
  /** Hands started at this table. */
  readonly handNumber: number;
  /** Games started at this table. */
  readonly gameNumber: number;
  /** The running game, or the last one (with `winner` set), or null before the first. */
  readonly game: GameState | null;
}

/** The next seat in the direction of play (counter-clockwise). */
export function nextSeat(seat: SeatIndex): SeatIndex {
  return (seat + SEATS - 1) % SEATS;
}

export function teamOf(seat: SeatIndex): Team {
  return seat % 2 === 0 ? 0 : 1;
}

export function partnerOf(seat: SeatIndex): SeatIndex {
  return (seat + 2) % SEATS;
}

/** The four seats in play order starting from `first`. */
export function playOrder(first: SeatIndex): SeatIndex[] {
  const order = [first];
  for (let i = 1; i < SEATS; i++) order.push(nextSeat(order[i - 1] ?? first));
  return order;
}

export function isGameRunning(state: HokmState): boolean {
  return state.game !== null && state.game.winner === null;
}

/** A copy of `items` with index `i` replaced. */
export function replaceAt<T>(items: readonly T[], i: number, value: T): T[] {
  const out = items.slice();
  out[i] = value;
  return out;
}
