// The hand record: a finished hand's structured history, carried by `hand_ended` and exported as a
// PokerStars-style text history (history.ts).

import type { DealReveal } from '../fair-deal.js';
import type { Card } from '../cards.js';
import type { PlayerId, SeatIndex } from '../contract.js';
import type { RecordEntry } from './types.js';

export interface RecordPlayer {
  readonly seat: SeatIndex;
  readonly player: PlayerId;
  readonly name: string;
  /** Stack before antes and blinds. */
  readonly chips: number;
  /**
   * Hole cards. The full record (server side, for audits) holds every player's cards; the
   * projections from `recordFor` keep only the viewer's own and those shown at showdown.
   */
  readonly cards: readonly Card[] | null;
}

export interface HoldemHandRecord {
  readonly game: 'holdem';
  readonly hand: number;
  readonly seats: number;
  readonly smallBlindAmount: number;
  readonly bigBlindAmount: number;
  readonly ante: number;
  readonly bigBlindAnte: boolean;
  readonly button: SeatIndex;
  readonly smallBlind: SeatIndex | null;
  readonly bigBlind: SeatIndex;
  readonly players: readonly RecordPlayer[];
  readonly board: readonly Card[];
  readonly entries: readonly RecordEntry[];
  /**
   * How the deck was made, revealed now that the hand is over: anyone can recompute it and check
   * every card above against it (verify-deal.ts). Null for a stacked deck; absent in records from
   * before verifiable deals.
   */
  readonly deal?: DealReveal | null;
}
