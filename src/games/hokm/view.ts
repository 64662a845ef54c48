// What one viewer may see of the table. A seat sees its own cards; everyone sees the public play
// (trump, the trick on the table, completed tricks — they were laid face up — tricks per team,
// scores, the hakem and whose turn it is) and how many cards each seat holds. Nobody sees another
// hand, the undealt cards or the RNG state.

import { dealCommitment, type DealCommitment } from '../fair-deal.js';
import type { Card, Suit } from '../cards.js';
import { sortCards } from './rules.js';
import type { PlayerId, SeatIndex, SeatStatus, Viewer } from '../contract.js';
import type { HokmConfig } from './config.js';
import type {
  CompletedTrick,
  GameState,
  HandPhase,
  HandResult,
  HokmState,
  Payout,
  Play,
  Team,
} from './state.js';

export interface HokmSeatView {
  readonly player: PlayerId;
  readonly name: string;
  readonly chips: number;
  readonly status: SeatStatus;
  readonly bot: boolean;
}

export interface HokmHandView {
  readonly number: number;
  readonly inGame: number;
  readonly hakem: SeatIndex;
  readonly phase: HandPhase;
  readonly trump: Suit | null;
  readonly turn: SeatIndex | null;
  readonly leader: SeatIndex;
  /** The trick on the table, in the order played. */
  readonly trick: readonly Play[];
  readonly tricks: readonly CompletedTrick[];
  readonly tricksWon: readonly [number, number];
  /** Cards each seat still holds (counts only). */
  readonly handSizes: readonly number[];
  /** The viewer's own cards, sorted by suit then rank; null for spectators. */
  readonly myCards: readonly Card[] | null;
  readonly result: HandResult | null;
}

export interface HokmGameView {
  readonly number: number;
  readonly players: readonly PlayerId[];
  readonly scores: readonly [number, number];
  readonly pot: number;
  readonly draw: readonly Play[];
  /**
   * Hakem of the current hand, or of the next one once this hand is scored. Null (like `hand`)
   * only transiently, while a client folds the events that start a game.
   */
  readonly hakem: SeatIndex | null;
  readonly winner: Team | null;
  readonly payout: readonly Payout[];
  readonly hand: HokmHandView | null;
}

export interface HokmView {
  readonly viewer: Viewer;
  readonly config: HokmConfig;
  readonly seats: readonly (HokmSeatView | null)[];
  readonly handNumber: number;
  readonly gameNumber: number;
  readonly game: HokmGameView | null;
  /**
   * The commitment to the deck of the hand in progress, or of the next hand between hands: anyone
   * can check it against the seed the hand's record reveals (fair-deal.ts). Null for a stacked
   * deck or a table from before verifiable deals.
   */
  readonly deal: DealCommitment | null;
}

export function view(state: HokmState, viewer: Viewer): HokmView {
  return {
    viewer,
    config: state.config,
    seats: state.seats.map((s) =>
      s ? { player: s.player, name: s.name, chips: s.chips, status: s.status, bot: s.bot } : null,
    ),
    handNumber: state.handNumber,
    gameNumber: state.gameNumber,
    game: state.game ? gameView(state.game, viewer) : null,
    deal: dealToCome(state),
  };
}

/** The running hand's commitment, or between hands the next one's (what `hand_ended` announced). */
function dealToCome(state: HokmState): DealCommitment | null {
  const hand = state.game?.hand;
  if (hand && hand.phase !== 'ended')
    return hand.deal ? { hand: hand.deal.hand, commitment: hand.deal.commitment } : null;
  return state.verifiable === true ? dealCommitment(state.rng.key, state.handNumber + 1) : null;
}

function gameView(game: GameState, viewer: Viewer): HokmGameView {
  const hand = game.hand;
  const mine = viewer === 'spectator' ? null : (hand.hands[viewer] ?? null);
  return {
    number: game.number,
    players: game.players,
    scores: game.scores,
    pot: game.pot,
    draw: game.draw,
    hakem: game.hakem,
    winner: game.winner,
    payout: game.payout,
    hand: {
      number: hand.number,
      inGame: hand.inGame,
      hakem: hand.hakem,
      phase: hand.phase,
      trump: hand.trump,
      turn: hand.turn,
      leader: hand.leader,
      trick: hand.current,
      tricks: hand.tricks,
      tricksWon: hand.tricksWon,
      handSizes: hand.hands.map((h) => h.length),
      myCards: mine ? sortCards(mine) : null,
      result: hand.result,
    },
  };
}
