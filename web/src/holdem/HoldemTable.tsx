// A Hold'em table: seats around the felt (ours at the bottom), the board and pots in the middle,
// the showdown's result, and our action bar when it is our turn.

import { useMemo } from 'preact/hooks';
import type {
  HoldemAction,
  HoldemEventView,
  HoldemLegalActions,
  HoldemView,
} from '../../../src/games/holdem/index.js';
import type { TurnClock } from '../../../src/sdk/index.js';
import { cardName } from '../core/cards.js';
import { chips } from '../core/format.js';
import { CardRow } from '../ui/Card.js';
import { useTurnEnd } from '../table/use-turn-end.js';
import { ActionBar } from './ActionBar.js';
import { potTotal } from './bet-sizing.js';
import { handNotes, winningCards } from './derive.js';
import { HoldemSeat, type SeatTimer } from './HoldemSeat.js';

export interface HoldemTableProps {
  readonly view: HoldemView;
  readonly mySeat: number | null;
  readonly legal: HoldemLegalActions | null;
  /** Our turn's deadline in our clock's ms, when it is our turn. */
  readonly deadline: number | null;
  readonly turnMs: number;
  /** Running turn timers from the last view, in server time. */
  readonly clocks: readonly TurnClock[];
  /** How far the server's clock is ahead of ours, in ms. */
  readonly clockOffset: number;
  readonly events: readonly HoldemEventView[];
  readonly busy: boolean;
  /** The connection is down: actions wait for it (the bar says so). */
  readonly offline: boolean;
  readonly act: (action: HoldemAction) => void;
  /** Offered on empty seats while we watch; null when we are seated. */
  readonly onSit: ((seat: number) => void) | null;
  /** Seats whose players have no connection watching the table. */
  readonly away: readonly number[];
}

const STREETS = { preflop: 'Pre-flop', flop: 'Flop', turn: 'Turn', river: 'River' } as const;

/** Where seat `i` of `n` sits on the oval, ours (or seat 0) at the bottom centre. */
function seatPosition(i: number, n: number, base: number): Record<string, string> {
  const angle = Math.PI / 2 + (2 * Math.PI * (i - base)) / n;
  return {
    left: `${(50 + 41 * Math.cos(angle)).toFixed(2)}%`,
    top: `${(50 + 38 * Math.sin(angle)).toFixed(2)}%`,
  };
}

export function HoldemTable(props: HoldemTableProps) {
  const { view, mySeat, legal } = props;
  const notes = useMemo(() => handNotes(props.events), [props.events]);
  const turnKey = view.toAct === null ? null : `${view.handNumber}:${view.street}:${view.toAct}`;
  const turnEnd = useTurnEnd(turnKey, view.toAct, props.clocks, props.turnMs, props.clockOffset);
  const base = mySeat ?? 0;
  const n = view.seats.length;

  const timerFor = (seat: number): SeatTimer | null => {
    if (seat === mySeat && props.deadline !== null) {
      return { endsAt: props.deadline, totalMs: props.turnMs, mine: true };
    }
    return turnEnd === null ? null : { endsAt: turnEnd, totalMs: props.turnMs, mine: false };
  };

  const total = potTotal(view);
  const winning = useMemo(() => winningCards(view), [view]);
  const showdown = !view.inHand && view.awards.length > 0;
  const name = (seat: number) => view.seats[seat]?.name ?? `Seat ${seat + 1}`;

  return (
    <div class="holdem">
      <section
        class="felt"
        aria-label="Hold'em table"
        data-hand={view.handNumber}
        data-in-hand={view.inHand ? 'true' : 'false'}
        data-street={view.street ?? ''}
      >
        <div class="middle">
          <p class="street" aria-live="polite">
            {view.inHand
              ? `Hand #${view.handNumber} · ${view.street === null ? '' : STREETS[view.street]}`
              : view.handNumber > 0
                ? `Hand #${view.handNumber} finished`
                : 'Waiting for players'}
          </p>
          <CardRow
            cards={view.board}
            placeholders={5}
            label={
              view.board.length === 0
                ? 'Board: no cards yet'
                : `Board: ${view.board.map(cardName).join(', ')}`
            }
            testId="board"
            winning={winning}
          />
          {total > 0 && (
            <p class="pots" data-testid="pots" data-total={total}>
              {/* The total counts this street's bets (pre-flop: the blinds) as players count the pot. */}
              {`Pot ${chips(total)}`}
              {view.pots.length > 1 &&
                ` · ${view.pots.map((p, i) => `${i === 0 ? 'Main' : `Side ${i}`} ${chips(p.amount)}`).join(' · ')}`}
            </p>
          )}
          {showdown && (
            <div class="showdown" role="status" aria-live="polite" data-testid="showdown">
              {view.awards.map((a, i) => (
                <p key={i}>
                  {a.winners.map((w) => `${name(w.seat)} wins ${chips(w.amount)}`).join(', ')}
                  {a.description !== null && ` with ${a.description}`}
                </p>
              ))}
            </div>
          )}
        </div>
        {view.seats.map((seat, i) =>
          seat === null ? (
            <div
              key={`empty-${i}`}
              class={props.onSit ? 'seat empty' : 'seat empty unoffered'}
              style={seatPosition(i, n, base)}
              data-seat={i}
            >
              {props.onSit ? (
                <button type="button" onClick={() => props.onSit?.(i)} aria-label={`Sit at seat ${i + 1}`}>
                  Sit here
                </button>
              ) : (
                <span class="visually-hidden">Seat {i + 1}: empty</span>
              )}
            </div>
          ) : (
            <HoldemSeat
              key={`seat-${i}`}
              view={view}
              seat={seat}
              mine={i === mySeat}
              lastAction={notes.lastAction.get(i)}
              shownHand={notes.shownHands.get(i)}
              timer={view.toAct === i ? timerFor(i) : null}
              style={seatPosition(i, n, base)}
              away={props.away.includes(i)}
              winning={winning}
            />
          ),
        )}
      </section>
      {legal !== null && legal.canAct && mySeat !== null && (
        <ActionBar view={view} legal={legal} busy={props.busy} offline={props.offline} act={props.act} />
      )}
      {mySeat !== null && (legal === null || !legal.canAct) && view.inHand && (
        <p class="waiting" role="status">
          {view.toAct === null ? 'Dealing…' : `Waiting for ${name(view.toAct)}…`}
        </p>
      )}
    </div>
  );
}
