// One seat at a Hold'em table: who, stack, bet, cards (our own face up, others face down until
// shown), position markers, last action and — when it is their turn — the timer.

import type { HoldemSeatView, HoldemView } from '../../../src/games/holdem/index.js';
import { cardName } from '../core/cards.js';
import { chips, needsBotBadge } from '../core/format.js';
import { CardBack, CardRow } from '../ui/Card.js';
import { TurnTimer } from '../table/TurnTimer.js';

export interface SeatTimer {
  readonly endsAt: number;
  readonly totalMs: number;
  readonly mine: boolean;
}

export interface HoldemSeatProps {
  readonly view: HoldemView;
  readonly seat: HoldemSeatView;
  readonly mine: boolean;
  readonly lastAction: string | undefined;
  readonly shownHand: string | undefined;
  readonly timer: SeatTimer | null;
  readonly style: Record<string, string>;
  /** No connection of this player watches the table now. */
  readonly away: boolean;
  /** The cards that won the last pot (highlighted where this seat shows them). */
  readonly winning: ReadonlySet<string>;
}

export function HoldemSeat(props: HoldemSeatProps) {
  const { view, seat, mine } = props;
  const acting = view.toAct === seat.seat;
  const marks = [
    view.button === seat.seat ? 'dealer' : null,
    view.smallBlind === seat.seat ? 'small blind' : null,
    view.bigBlind === seat.seat ? 'big blind' : null,
  ].filter((m) => m !== null);
  const state = seat.folded
    ? 'folded'
    : seat.allIn
      ? 'all in'
      : seat.status === 'sitting_out'
        ? 'sitting out'
        : seat.status === 'leaving'
          ? 'leaving'
          : null;
  const winner = view.awards.some((a) => a.winners.some((w) => w.seat === seat.seat));
  const summary = [
    `Seat ${seat.seat + 1}: ${seat.name}${mine ? ' (you)' : ''}${needsBotBadge(seat.name, seat.bot) ? ', bot' : ''}`,
    `${chips(seat.chips)} chips`,
    seat.bet > 0 ? `bet ${chips(seat.bet)}` : null,
    ...marks,
    state,
    props.away ? 'away' : null,
    acting ? 'to act' : null,
  ]
    .filter((part) => part !== null)
    .join(', ');

  return (
    <section
      class={`seat ${mine ? 'mine' : ''} ${acting ? 'acting' : ''} ${seat.folded ? 'folded' : ''} ${winner ? 'winner' : ''} ${props.away ? 'away' : ''}`}
      style={props.style}
      aria-label={summary}
      data-seat={seat.seat}
      data-revealed={seat.shown !== null ? 'true' : 'false'}
    >
      <div class="seat-head">
        <span class="name">{seat.name}</span>
        {needsBotBadge(seat.name, seat.bot) && <span class="badge">bot</span>}
        {props.away && <span class="badge away">away</span>}
        {view.button === seat.seat && (
          <span class="marker dealer" title="Dealer button" aria-hidden="true">
            D
          </span>
        )}
      </div>
      <div class="stack" aria-hidden="true">
        {chips(seat.chips)}
      </div>
      <SeatCards view={view} seat={seat} mine={mine} winning={props.winning} />
      {props.shownHand !== undefined && <div class="hand-name">{props.shownHand}</div>}
      <div class="seat-foot" aria-hidden="true">
        {state !== null ? (
          <span class="state">{state}</span>
        ) : (
          props.lastAction !== undefined && <span class="last-action">{props.lastAction}</span>
        )}
        {seat.bet > 0 && <span class="bet">{chips(seat.bet)}</span>}
      </div>
      {acting && props.timer !== null && <TurnTimer {...props.timer} />}
    </section>
  );
}

function SeatCards(props: {
  readonly view: HoldemView;
  readonly seat: HoldemSeatView;
  readonly mine: boolean;
  readonly winning: ReadonlySet<string>;
}) {
  const { view, seat, mine, winning } = props;
  if (mine && view.holeCards !== null) {
    return (
      <CardRow
        cards={view.holeCards}
        label={`Your cards: ${view.holeCards.map(cardName).join(', ')}`}
        testId="hole-cards"
        winning={winning}
      />
    );
  }
  if (seat.shown !== null) {
    return (
      <CardRow
        cards={seat.shown}
        label={`${seat.name} shows ${seat.shown.map(cardName).join(', ')}`}
        size="small"
        winning={winning}
      />
    );
  }
  if (seat.inHand && !seat.folded && !seat.mucked && (view.inHand || view.awards.length > 0)) {
    return (
      <div class="card-row" aria-hidden="true">
        <CardBack size="small" />
        <CardBack size="small" />
      </div>
    );
  }
  return <div class="card-row empty" aria-hidden="true" />;
}
