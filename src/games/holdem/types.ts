// The data of a Hold'em table: state (with its hidden parts), actions, events, views and legal
// actions. Everything is plain JSON so a table snapshots, replays and travels between nodes as is.

import type { DealCommitment, DealReveal, PendingEntropy } from '../fair-deal.js';
import type { Card } from '../cards.js';
import type { PlayerId, RngState, SeatIndex, SeatStatus, TableEvent, Viewer } from '../contract.js';
import type { HoldemConfig } from './config.js';
import type { HoldemHandRecord } from './record-types.js';

export type Street = 'preflop' | 'flop' | 'turn' | 'river';

/**
 * A player action. Amounts are street totals ("to" amounts): `bet.amount` and `raise.to` are what
 * the seat's bet on this street becomes, not the chips added. (A bet is only possible when nobody has
 * bet on the street, so for `bet` the two are the same number.)
 */
export type HoldemAction =
  | { readonly type: 'fold' }
  | { readonly type: 'check' }
  | { readonly type: 'call' }
  | { readonly type: 'bet'; readonly amount: number }
  | { readonly type: 'raise'; readonly to: number }
  | { readonly type: 'all_in' };

export type HoldemActionType = HoldemAction['type'];

// ---------------------------------------------------------------------------------------- state

export interface SeatState {
  readonly player: PlayerId;
  readonly name: string;
  /** Chips behind: not counting chips committed to the hand in progress. */
  chips: number;
  status: SeatStatus;
  readonly bot: boolean;
}

/** One dealt-in player of a hand. Mutable only inside `apply`'s private working copy. */
export interface HandPlayer {
  readonly seat: SeatIndex;
  readonly player: PlayerId;
  readonly name: string;
  /** Stack at the start of the hand, before antes and blinds (for the hand history). */
  readonly startChips: number;
  /** Hidden until shown at showdown or revealed in an all-in run-out. */
  readonly cards: readonly [Card, Card];
  /** Chips put in on the current street. */
  bet: number;
  /** Chips put in during the whole hand (antes, blinds, bets), uncalled returns taken back. */
  committed: number;
  folded: boolean;
  allIn: boolean;
  /** Has acted voluntarily on this street (posting a blind is not acting). */
  acted: boolean;
  /** Cards are face up for everyone (showdown or all-in reveal). */
  shown: boolean;
  mucked: boolean;
  /** The seat was vacated after the hand ended: the seat's next occupant is someone else. */
  vacated: boolean;
}

export interface PotView {
  readonly amount: number;
  /** Seats that can win this pot (live players who contributed up to its level). */
  readonly eligible: readonly SeatIndex[];
}

export interface Award {
  readonly amount: number;
  readonly winners: readonly { readonly seat: SeatIndex; readonly amount: number }[];
  /** The winning hand ("Flush, Ace High"), or null when nobody had to show (everyone else folded). */
  readonly description: string | null;
}

export interface HandState {
  readonly number: number;
  /** The shuffled (or stacked) deck, top card first. Hidden. Emptied when the hand ends. */
  deck: readonly Card[];
  /**
   * Hidden until the hand ends, then published in its record: the hand's seed and what else made
   * its deck (fair-deal.ts). Null for a stacked deck or a table from before verifiable deals.
   */
  readonly deal: DealReveal | null;
  /** Index of the next card to deal. */
  next: number;
  /** Button position; may be a seat nobody is dealt in from (a dead button). */
  readonly button: SeatIndex;
  /** Small-blind position (the previous big blind's seat under the dead-button rule). */
  readonly sbPosition: SeatIndex;
  /** Seat that posted the small blind, or null for a dead small blind. */
  readonly smallBlind: SeatIndex | null;
  readonly bigBlind: SeatIndex;
  /** Dealt-in players in seat order. */
  players: HandPlayer[];
  board: Card[];
  street: Street;
  /** The bet to match on this street (preflop: at least the big blind, even if the blind was short). */
  currentBet: number;
  /** Size of the last full bet or raise on this street: a raise must add at least this much. */
  minRaise: number;
  /** Last seat that bet or raised on the current street (shows first at showdown). */
  aggressor: SeatIndex | null;
  toAct: SeatIndex | null;
  complete: boolean;
  awards: Award[];
  /** Public history of the hand, in order; becomes the hand record. */
  log: RecordEntry[];
}

export interface HoldemState {
  readonly game: 'holdem';
  readonly config: HoldemConfig;
  seats: (SeatState | null)[];
  /** Hands started so far (the current or last hand's number). */
  handNumber: number;
  /** The hand in progress, or the last finished one (kept so views can show its result). */
  hand: HandState | null;
  /** Hidden: the table's RNG (key = the seed). */
  rng: RngState;
  /**
   * Each hand's deck comes from a seed of its own, committed to before the hand and revealed after
   * it (fair-deal.ts). Absent in tables created before verifiable deals: they keep shuffling from
   * `rng` as they did, so their logs replay to the same cards.
   */
  readonly verifiable?: true;
  /** Hidden: players' values for the next hand's deck, taken between hands (fair-deal.ts). */
  nextEntropy?: readonly PendingEntropy[];
}

// ---------------------------------------------------------------------------------- hand record

/** Why the table acted for a player: their turn timer expired, or they left mid-hand; null = they chose. */
export type ForcedBy = 'timeout' | 'leave' | null;

export type BlindKind = 'small' | 'big' | 'ante';
export type ActionKind = 'fold' | 'check' | 'call' | 'bet' | 'raise';

export type RecordEntry =
  | {
      readonly kind: 'post';
      readonly seat: SeatIndex;
      readonly blind: BlindKind;
      readonly amount: number;
      readonly allIn: boolean;
    }
  | {
      readonly kind: 'action';
      readonly street: Street;
      readonly seat: SeatIndex;
      readonly action: ActionKind;
      /** Chips this action added. */
      readonly amount: number;
      /** The seat's street bet after the action. */
      readonly to: number;
      readonly allIn: boolean;
      readonly forced: ForcedBy;
    }
  | { readonly kind: 'street'; readonly street: Street; readonly cards: readonly Card[] }
  | { readonly kind: 'returned'; readonly seat: SeatIndex; readonly amount: number }
  | { readonly kind: 'reveal'; readonly seat: SeatIndex; readonly cards: readonly Card[] }
  | {
      readonly kind: 'show';
      readonly seat: SeatIndex;
      readonly cards: readonly Card[];
      readonly description: string;
    }
  | { readonly kind: 'muck'; readonly seat: SeatIndex }
  | {
      readonly kind: 'award';
      /** 0 = main pot, 1… = side pots. */
      readonly pot: number;
      readonly potCount: number;
      readonly amount: number;
      readonly winners: readonly { readonly seat: SeatIndex; readonly amount: number }[];
      readonly description: string | null;
    };

export type { HoldemHandRecord };

// --------------------------------------------------------------------------------------- events

/** Events after which a seat's public numbers changed carry the resulting values (see reduceView). */
export type HoldemEvent =
  | Exclude<TableEvent, { readonly type: 'hand_ended' }>
  /** TableEvent's hand_ended, with the record typed. */
  | {
      readonly type: 'hand_ended';
      readonly hand: number;
      readonly players: readonly PlayerId[];
      readonly record: HoldemHandRecord;
      readonly next?: DealCommitment;
    }
  | {
      readonly type: 'positions';
      readonly button: SeatIndex;
      readonly smallBlind: SeatIndex | null;
      readonly bigBlind: SeatIndex;
      /** Dealt-in seats, in seat order. */
      readonly seats: readonly SeatIndex[];
      readonly currentBet: number;
      readonly minRaiseTo: number;
    }
  | {
      readonly type: 'post';
      readonly seat: SeatIndex;
      readonly blind: BlindKind;
      readonly amount: number;
      readonly chips: number;
      readonly bet: number;
      readonly allIn: boolean;
      readonly pots: readonly PotView[];
    }
  /**
   * A seated player added `amount` chips from their wallet (a rebuy or top-up); `chips` is the
   * stack after it. `status` is set when it changed: a player who had busted plays again.
   */
  | {
      readonly type: 'chips_added';
      readonly seat: SeatIndex;
      readonly amount: number;
      readonly chips: number;
      readonly status: SeatStatus | null;
    }
  /** The seat's two hole cards. Only the owner's view of this event carries them. */
  | { readonly type: 'hole_cards'; readonly seat: SeatIndex; readonly cards: readonly [Card, Card] }
  | {
      readonly type: 'action';
      readonly seat: SeatIndex;
      readonly action: ActionKind;
      readonly amount: number;
      readonly bet: number;
      readonly chips: number;
      readonly allIn: boolean;
      readonly forced: ForcedBy;
      readonly currentBet: number;
      readonly minRaiseTo: number;
      readonly pots: readonly PotView[];
    }
  | { readonly type: 'turn'; readonly seat: SeatIndex }
  | {
      readonly type: 'bet_returned';
      readonly seat: SeatIndex;
      readonly amount: number;
      readonly chips: number;
      readonly bet: number;
      readonly allIn: boolean;
    }
  /** The street's bets go into the pots. */
  | { readonly type: 'collect'; readonly pots: readonly PotView[] }
  | {
      readonly type: 'street';
      readonly street: Street;
      readonly cards: readonly Card[];
      readonly board: readonly Card[];
      readonly minRaiseTo: number;
    }
  /** Cards turned face up because the remaining players are all in before the river. */
  | { readonly type: 'reveal'; readonly seat: SeatIndex; readonly cards: readonly Card[] }
  | {
      readonly type: 'show';
      readonly seat: SeatIndex;
      readonly cards: readonly Card[];
      readonly description: string;
    }
  | { readonly type: 'muck'; readonly seat: SeatIndex }
  | {
      readonly type: 'pot_awarded';
      readonly pot: number;
      readonly amount: number;
      readonly winners: readonly {
        readonly seat: SeatIndex;
        readonly amount: number;
        readonly chips: number;
      }[];
      readonly description: string | null;
      /** Pots still to award after this one. */
      readonly pots: readonly PotView[];
    };

export type HoldemEventType = HoldemEvent['type'];

/** An event as one viewer sees it: other seats' hole cards blanked, the record projected. */
export type HoldemEventView =
  | Exclude<HoldemEvent, { readonly type: 'hole_cards' }>
  | { readonly type: 'hole_cards'; readonly seat: SeatIndex; readonly cards: readonly [Card, Card] | null };

// ---------------------------------------------------------------------------------------- views

export interface HoldemSeatView {
  readonly seat: SeatIndex;
  readonly player: PlayerId;
  readonly name: string;
  readonly bot: boolean;
  readonly status: SeatStatus;
  readonly chips: number;
  readonly bet: number;
  /** Dealt into the current (or last) hand. */
  readonly inHand: boolean;
  readonly folded: boolean;
  readonly allIn: boolean;
  /** Cards shown at showdown or revealed all in; null while hidden. */
  readonly shown: readonly Card[] | null;
  readonly mucked: boolean;
}

export interface HoldemView {
  readonly game: 'holdem';
  readonly viewer: Viewer;
  readonly config: HoldemConfig;
  readonly handNumber: number;
  /** A hand is in progress. */
  readonly inHand: boolean;
  readonly street: Street | null;
  readonly button: SeatIndex | null;
  readonly smallBlind: SeatIndex | null;
  readonly bigBlind: SeatIndex | null;
  readonly board: readonly Card[];
  /** Chips already collected from earlier streets (and antes), main pot first. */
  readonly pots: readonly PotView[];
  readonly currentBet: number;
  /** Smallest legal raise-to (or bet) on this street, for a player allowed to raise. */
  readonly minRaiseTo: number;
  readonly toAct: SeatIndex | null;
  /** The viewer's own hole cards (null for spectators and seats not dealt in). */
  readonly holeCards: readonly [Card, Card] | null;
  readonly seats: readonly (HoldemSeatView | null)[];
  /** Pots awarded in the last finished hand (empty while a hand is running). */
  readonly awards: readonly Award[];
  /**
   * The commitment to the deck of the hand in progress, or of the next hand between hands: anyone
   * can check it against the seed the hand's record reveals (fair-deal.ts). Null for a stacked
   * deck or a table from before verifiable deals.
   */
  readonly deal: DealCommitment | null;
}

export interface AmountRange {
  readonly min: number;
  readonly max: number;
}

/** What one seat may do now; a UI draws its buttons and slider from it. */
export interface HoldemLegalActions {
  readonly seat: SeatIndex;
  /** It is this seat's turn. When false, everything below is off. */
  readonly canAct: boolean;
  readonly fold: boolean;
  readonly check: boolean;
  /** Chips a call adds (all the seat's chips when it cannot cover), or null when there is nothing to call. */
  readonly call: number | null;
  /** `bet.amount` bounds, when nobody has bet on this street. */
  readonly bet: AmountRange | null;
  /** `raise.to` bounds (street totals), when the seat may raise. `max` is all in. */
  readonly raise: AmountRange | null;
  /** Street total after going all in, or null when `all_in` is not allowed. */
  readonly allIn: number | null;
}
