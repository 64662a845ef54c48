// The game-module contract every Pitboss game implements.
//
// A game is a set of pure functions over plain, JSON-serializable state: no I/O, no clock, no
// ambient randomness (enforced by eslint.config.js and test/games/purity.test.ts). The state is
// the whole table — seats, stacks, the hand in progress and the hidden RNG state — so that one
// seed plus the ordered list of accepted commands reproduces it byte for byte. That property is
// what table failover and migration are built on.
//
// The runtime (the table actor) never interprets game rules. It feeds commands in, appends the
// accepted ones to the table's log, fans events out through `viewEvent`, and reacts to the few
// table-level events every game emits (seat_vacated → cash-out, hand_ended → history + snapshot).

import type { DealCommitment } from './fair-deal.js';
import type { Rng, RngState } from './rng.js';

/** Seat index, 0-based, clockwise. */
export type SeatIndex = number;
/** Account id of a player, assigned by the server. Public information. */
export type PlayerId = string;

/** Who is looking: a seat (sees its own hidden cards) or a spectator (sees only public information). */
export type Viewer = SeatIndex | 'spectator';

/** Rejections are data with namespaced codes, never exceptions: `action/not_your_turn`. */
export type RejectionCode = `${string}/${string}`;

export interface Rejection {
  readonly ok: false;
  readonly code: RejectionCode;
  readonly message: string;
}

export interface Transition<S, E> {
  readonly ok: true;
  readonly state: S;
  readonly events: readonly E[];
}

export type Outcome<S, E> = Transition<S, E> | Rejection;

/**
 * The largest chip amount anything may name: a table's stakes and buy-ins, a bet, a wallet grant.
 * One table holds at most 10 seats × this, and the ledger's sums (the chip audit adds every wallet
 * and every table) stay exact JavaScript and SQL integers below 2^53 ≈ 9.0e15 while fewer than nine
 * million such amounts exist at once. The protocol schema uses the same bound (test/protocol).
 */
export const MAX_CHIPS = 1_000_000_000;

export function reject(code: RejectionCode, message: string): Rejection {
  return { ok: false, code, message };
}

/**
 * Everything the runtime may ask a table to do. `act` carries a player's own game action; the rest
 * are issued by the runtime on a player's behalf (sit, leave, sit out) or by the table itself
 * (start the next hand, time a seat out). All of them go through `apply` and the table log, so
 * replaying the log replays them too.
 */
export type Command<A> =
  | { readonly kind: 'act'; readonly seat: SeatIndex; readonly action: A }
  | {
      readonly kind: 'sit';
      readonly seat: SeatIndex;
      readonly player: PlayerId;
      readonly name: string;
      /** Chips brought to the table (already debited from the wallet by the runtime). */
      readonly chips: number;
      readonly bot?: boolean;
    }
  /** Leave the table. Between hands the seat is vacated at once; during a hand, as the game documents. */
  | { readonly kind: 'leave'; readonly seat: SeatIndex }
  | { readonly kind: 'sit_out'; readonly seat: SeatIndex }
  | { readonly kind: 'sit_in'; readonly seat: SeatIndex }
  /**
   * Add chips to a seated player's stack (a rebuy or top-up; already debited from the wallet by the
   * runtime). A game without stacks between hands rejects it.
   */
  | { readonly kind: 'top_up'; readonly seat: SeatIndex; readonly chips: number }
  /**
   * Start the next hand if the game can. `deck` stacks the deck (an explicit order, top card first)
   * for scripted tests; the server never accepts it from a client.
   */
  | { readonly kind: 'start'; readonly deck?: readonly string[] }
  /** The seat's turn timer expired: apply the game's documented timeout action. */
  | { readonly kind: 'timeout'; readonly seat: SeatIndex }
  /**
   * The seated player's random value for hand `hand`'s deck (fair-deal.ts), sent by their client
   * after the hand's commitment was told; games with verifiable deals mix it into that deck.
   */
  | { readonly kind: 'entropy'; readonly seat: SeatIndex; readonly hand: number; readonly value: string };

export type CommandKind = Command<unknown>['kind'];

export type SeatStatus = 'playing' | 'sitting_out' | 'leaving';

/** Public facts about one occupied seat that the runtime needs (ledger, presence, bots). */
export interface SeatInfo {
  readonly seat: SeatIndex;
  readonly player: PlayerId;
  readonly name: string;
  /** Chips behind, not counting chips committed to the current hand's pots. */
  readonly chips: number;
  readonly status: SeatStatus;
  readonly bot: boolean;
}

export interface TableStatus {
  /** A hand is in progress (for Hokm: one hand of a game; between hands of a game it is false). */
  readonly inHand: boolean;
  /** Number of hands started at this table so far. */
  readonly handNumber: number;
  /** Seats the table is waiting on; the runtime runs one turn timer per listed seat. */
  readonly toAct: readonly SeatIndex[];
  /** `start` would be accepted now. */
  readonly canStart: boolean;
}

/** Events every game emits, so the runtime can react without knowing the game. */
export type TableEvent =
  | {
      readonly type: 'seat_taken';
      readonly seat: SeatIndex;
      readonly player: PlayerId;
      readonly name: string;
      readonly chips: number;
      readonly bot: boolean;
    }
  /** The seat is empty again; `chips` go back to the player's wallet. */
  | {
      readonly type: 'seat_vacated';
      readonly seat: SeatIndex;
      readonly player: PlayerId;
      readonly chips: number;
    }
  | { readonly type: 'seat_status'; readonly seat: SeatIndex; readonly status: SeatStatus }
  /**
   * `deal`: the commitment to this hand's deck (fair-deal.ts), the same one every viewer was told
   * before the hand; absent for a stacked deck and on tables from before verifiable deals.
   */
  | { readonly type: 'hand_started'; readonly hand: number; readonly deal?: DealCommitment }
  /** The hand is over and settled: a snapshot point. `record` is the game's hand history. */
  | {
      readonly type: 'hand_ended';
      /** The commitment to the next hand's deck, told now, before that hand (verifiable tables). */
      readonly next?: DealCommitment;
      readonly hand: number;
      readonly players: readonly PlayerId[];
      readonly record: unknown;
    };

/** What a bot is given: exactly what its seat may see, plus its legal actions. It never sees hidden state. */
export interface BotInput<V, L> {
  readonly view: V;
  readonly seat: SeatIndex;
  readonly legal: L;
}

export interface BotPolicy<V, L, A> {
  /** Must return an action `apply` accepts. Deterministic given `rng`'s state. */
  decide(input: BotInput<V, L>, rng: Rng): A;
}

/**
 * A game module.
 * - `Cfg`: table configuration (stakes, seats, …), validated by `parseConfig`.
 * - `S`: the whole table state, JSON-serializable, including hidden parts.
 * - `A`: a player action. `E`: an event (a superset of TableEvent). `V`: a per-viewer view.
 * - `EV`: an event as one viewer sees it. `L`: the legal actions of one seat.
 */
export interface GameModule<Cfg, S, A, E extends { readonly type: string }, V, EV, L> {
  readonly id: string;
  /** Validate untrusted configuration. Never throws. */
  parseConfig(input: unknown): { readonly ok: true; readonly config: Cfg } | Rejection;
  /** Validate an untrusted action shape (the server's edge check). Never throws. */
  parseAction(input: unknown): { readonly ok: true; readonly action: A } | Rejection;
  /** A new, empty table. `seed` is 32 bytes as 64 hex characters, from a CSPRNG. */
  setup(config: Cfg, seed: string): S;
  /** Never throws, whatever it is given; on rejection the input state is untouched. */
  apply(state: S, command: Command<A>): Outcome<S, E>;
  legalActions(state: S, seat: SeatIndex): L;
  status(state: S): TableStatus;
  seats(state: S): readonly SeatInfo[];
  /** All chips at the table: stacks plus everything in pots. Used to prove chip conservation. */
  chipsOnTable(state: S): number;
  seatCount(state: S): number;
  config(state: S): Cfg;
  /** What `viewer` may see of the state. Contains nothing hidden from that viewer. */
  view(state: S, viewer: Viewer): V;
  /** What `viewer` may see of one event, or null if it is not for them. */
  viewEvent(event: E, viewer: Viewer): EV | null;
  /**
   * True when every viewer — each seat and the spectators — sees `event` alike: `viewEvent` gives
   * them all what it gives a spectator. The fanout then projects and serializes it once for
   * everyone instead of once per seat. Must be false whenever some seat would see more.
   */
  seenAlike(event: E): boolean;
  /**
   * Client-side view maintenance: the view after `event` (as `viewEvent` projected it for this
   * viewer). Clients get a `view` once (on watch or resume) and then only event views, so for every
   * viewer and every accepted command, folding that command's event views into `view(before, v)`
   * must give exactly `view(after, v)` (deep equality). Pure; must not mutate `view`.
   * Events therefore carry the resulting public values (stacks, bets, pots, scores…), not just deltas.
   */
  reduceView(view: V, event: EV): V;
  /**
   * A finished hand's record (`hand_ended.record`) as `player` may see it: their own cards and
   * cards shown at showdown, never another player's mucked or unshown cards. 'public' = spectator.
   */
  // PlayerId is an opaque string; 'public' stays in the signature to document the spectator case.
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  recordFor(record: unknown, player: PlayerId | 'public'): unknown;
  /**
   * What `player` won (+) or lost (−) in chips over a finished hand, from its record; null if they
   * were not in it or the game moves no chips per hand (Hokm pays out per game).
   */
  netFor?(record: unknown, player: PlayerId): number | null;
  readonly bot: BotPolicy<V, L, A>;
}

/** Any game module, for code (the runtime) that does not care which game it runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGameModule = GameModule<any, any, any, { readonly type: string }, any, any, any>;

/** RNG state kept inside a game's hidden state. Re-exported for game modules. */
export type { RngState };
