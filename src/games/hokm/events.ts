// Events a Hokm table emits, and how each viewer sees them.
//
// Everything here is public once it happens (cards played are laid face up) except the cards a
// seat is dealt: `viewEvent` gives those only to their owner; everyone else learns how many. The
// record in `hand_ended` keeps the dealt hands out for everyone (history.get gives a player theirs).
// Events carry resulting values (stacks, hand sizes, scores, whose turn) so a client can fold them
// into its view (see reduce.ts).

import type { DealCommitment } from '../fair-deal.js';
import type { Card, Suit } from '../cards.js';
import type { PlayerId, SeatIndex, TableEvent, Viewer } from '../contract.js';
import { projectRecord, type HokmHandRecord } from './record.js';
import type { CompletedTrick, Payout, Play, ResultKind, Team } from './state.js';

export type HandEndedEvent = {
  readonly type: 'hand_ended';
  readonly hand: number;
  readonly players: readonly PlayerId[];
  readonly record: HokmHandRecord;
  /** The commitment to the next hand's deck, told now, before that hand (verifiable tables). */
  readonly next?: DealCommitment;
};

export type GameStartedEvent = {
  readonly type: 'game_started';
  readonly game: number;
  readonly players: readonly PlayerId[];
  readonly stake: number;
  readonly pot: number;
  readonly targetScore: number;
  /** Every seat's chips behind after paying the stake. */
  readonly chips: readonly (number | null)[];
};

export type HandStartedEvent = {
  readonly type: 'hand_started';
  readonly hand: number;
  readonly game: number;
  /** 1 for the first hand of the game. */
  readonly inGame: number;
  readonly hakem: SeatIndex;
  /** The commitment to this hand's deck, as told before the hand (absent: stacked, or an older table). */
  readonly deal?: DealCommitment;
};

/** The face-up deal that found the first hakem: the first ace decides. */
export type HakemDrawnEvent = {
  readonly type: 'hakem_drawn';
  readonly game: number;
  readonly draws: readonly Play[];
  readonly hakem: SeatIndex;
};

/** Private: the cards one seat received. 'first' is the five before trump, 'rest' the eight after. */
export type CardsDealtEvent = {
  readonly type: 'cards_dealt';
  readonly hand: number;
  readonly seat: SeatIndex;
  readonly round: 'first' | 'rest';
  readonly cards: readonly Card[];
  /** How many cards the seat holds now. */
  readonly held: number;
};

export type TrumpChosenEvent = {
  readonly type: 'trump_chosen';
  readonly hand: number;
  readonly seat: SeatIndex;
  readonly suit: Suit;
  /** Chosen by the timeout rule, not by the player. */
  readonly timeout: boolean;
};

export type CardPlayedEvent = {
  readonly type: 'card_played';
  readonly hand: number;
  /** 1-based trick number within the hand. */
  readonly trick: number;
  readonly seat: SeatIndex;
  readonly card: Card;
  readonly timeout: boolean;
  /** Who plays next; null when this card completes the trick (see `trick_won`). */
  readonly turn: SeatIndex | null;
};

export type TrickWonEvent = {
  readonly type: 'trick_won';
  readonly hand: number;
  readonly trick: number;
  readonly winner: SeatIndex;
  readonly team: Team;
  readonly plays: CompletedTrick['plays'];
  readonly tricksWon: readonly [number, number];
};

export type HandScoredEvent = {
  readonly type: 'hand_scored';
  readonly hand: number;
  readonly team: Team;
  readonly points: number;
  readonly kind: ResultKind;
  readonly tricksWon: readonly [number, number];
  readonly scores: readonly [number, number];
  /** Hakem of the next hand: the same seat if their team won, else the next seat in play order. */
  readonly nextHakem: SeatIndex;
};

export type GameOverEvent = {
  readonly type: 'game_over';
  readonly game: number;
  readonly team: Team;
  readonly winners: readonly SeatIndex[];
  readonly scores: readonly [number, number];
  readonly payout: readonly Payout[];
  /** Every seat's chips behind after the payout. */
  readonly chips: readonly (number | null)[];
};

export type HokmEvent =
  | Exclude<TableEvent, { readonly type: 'hand_ended' | 'hand_started' }>
  | HandStartedEvent
  | HandEndedEvent
  | GameStartedEvent
  | HakemDrawnEvent
  | CardsDealtEvent
  | TrumpChosenEvent
  | CardPlayedEvent
  | TrickWonEvent
  | HandScoredEvent
  | GameOverEvent;

/** `cards_dealt` as one viewer sees it: the cards only if they are the viewer's own. */
export type CardsDealtView = {
  readonly type: 'cards_dealt';
  readonly hand: number;
  readonly seat: SeatIndex;
  readonly round: 'first' | 'rest';
  readonly count: number;
  readonly held: number;
  readonly cards: readonly Card[] | null;
};

export type HokmEventView = Exclude<HokmEvent, CardsDealtEvent> | CardsDealtView;

/** Every viewer sees every event alike but the cards dealt, which only their owner sees. */
export function seenAlike(event: HokmEvent): boolean {
  return event.type !== 'cards_dealt';
}

export function viewEvent(event: HokmEvent, viewer: Viewer): HokmEventView | null {
  // The public record (cards played, never a hand still held) for players too: each has their own
  // cards already, and history.get gives them the record with their hand (see holdem/event-view.ts).
  if (event.type === 'hand_ended') return { ...event, record: projectRecord(event.record, null) };
  if (event.type !== 'cards_dealt') return event;
  return {
    type: 'cards_dealt',
    hand: event.hand,
    seat: event.seat,
    round: event.round,
    count: event.cards.length,
    held: event.held,
    cards: viewer === event.seat ? event.cards : null,
  };
}
