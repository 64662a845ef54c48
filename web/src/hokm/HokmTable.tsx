// A Hokm table: four seats with partners opposite (we sit at the bottom), the trick in the middle,
// trump and hakem, tricks and points per team, the trump choice for the hakem and our hand.

import type { Card, Suit } from '../../../src/games/cards.js';
import type { HokmAction, HokmLegalActions, HokmView } from '../../../src/games/hokm/index.js';
import type { TurnClock } from '../../../src/sdk/index.js';
import { cardName, SUIT_SYMBOLS, suitLabel } from '../core/cards.js';
import { chips, needsBotBadge } from '../core/format.js';
import { CardFace } from '../ui/Card.js';
import { TurnTimer } from '../table/TurnTimer.js';
import { useTurnEnd } from '../table/use-turn-end.js';
import { HokmHand } from './HokmHand.js';
import { HokmSummary } from './HokmSummary.js';
import { positionOf, teamName, teamOfSeat, type Team } from './teams.js';
import { TrumpPicker } from './TrumpPicker.js';

export interface HokmTableProps {
  readonly view: HokmView;
  readonly mySeat: number | null;
  readonly legal: HokmLegalActions | null;
  readonly deadline: number | null;
  readonly turnMs: number;
  /** Running turn timers from the last view, in server time. */
  readonly clocks: readonly TurnClock[];
  /** How far the server's clock is ahead of ours, in ms. */
  readonly clockOffset: number;
  readonly busy: boolean;
  readonly act: (action: HokmAction) => void;
  readonly onSit: ((seat: number) => void) | null;
  /** Seats whose players have no connection watching the table (a bot plays for them mid-game). */
  readonly away: readonly number[];
}

const TEAM_LETTER = ['A', 'B'] as const;
const RESULT = { normal: '', kot: ' (kot)', hakem_kot: ' (hakem kot)' } as const;

export function HokmTable(props: HokmTableProps) {
  const { view, mySeat, legal } = props;
  const game = view.game;
  const hand = game?.hand ?? null;
  const nameOf = (seat: number) => view.seats[seat]?.name ?? `Seat ${seat + 1}`;
  const team = (t: Team) => teamName(t, nameOf);
  const turnKey =
    hand === null || hand.turn === null
      ? null
      : `${hand.number}:${hand.tricks.length}:${hand.trick.length}:${hand.turn}`;
  const turnEnd = useTurnEnd(turnKey, hand?.turn ?? null, props.clocks, props.turnMs, props.clockOffset);
  const hakem = hand?.hakem ?? game?.hakem ?? null;
  const lastTrick = hand !== null && hand.trick.length === 0 ? hand.tricks.at(-1) : undefined;
  const shownTrick = hand === null ? [] : hand.trick.length > 0 ? hand.trick : (lastTrick?.plays ?? []);

  const status = (() => {
    if (game === null) return 'Waiting for four players';
    if (game.winner !== null) return `Game over: ${team(game.winner)} win`;
    if (hand === null) return 'Dealing…';
    if (hand.phase === 'trump') return `${nameOf(hand.hakem)} is choosing trump`;
    if (hand.phase === 'ended' && hand.result !== null)
      return `${team(hand.result.team)} take the hand: +${hand.result.points}${RESULT[hand.result.kind]}`;
    return hand.turn === null ? '' : `${hand.turn === mySeat ? 'Your' : `${nameOf(hand.turn)}'s`} turn`;
  })();

  return (
    <div class="hokm">
      <section class="scoreboard" aria-label="Score">
        {([0, 1] as const).map((t) => (
          <div
            key={t}
            class={`team team-${t} ${mySeat !== null && teamOfSeat(mySeat) === t ? 'ours' : ''}`}
            data-team={t}
          >
            <span class="team-name">
              Team {TEAM_LETTER[t]}: {team(t)}
            </span>
            <span>
              Tricks <strong data-testid={`tricks-${t}`}>{hand?.tricksWon[t] ?? 0}</strong>
            </span>
            <span>
              Points <strong data-testid={`points-${t}`}>{game?.scores[t] ?? 0}</strong> /{' '}
              {view.config.targetScore}
            </span>
          </div>
        ))}
        <div class="facts">
          <span data-testid="trump">Trump: {hand?.trump ? suitLabel(hand.trump) : 'not chosen'}</span>
          <span data-testid="hakem">Hakem: {hakem === null ? '–' : nameOf(hakem)}</span>
          <span>
            Stake {chips(view.config.stake)}
            {game !== null && game.pot > 0 ? ` · pot ${chips(game.pot)}` : ''}
          </span>
        </div>
      </section>

      <section
        class="hokm-felt"
        aria-label="Hokm table"
        data-phase={hand?.phase ?? 'waiting'}
        data-hand={hand?.number ?? 0}
      >
        {[0, 1, 2, 3].map((seat) => {
          const s = view.seats[seat] ?? null;
          const position = positionOf(seat, mySeat);
          if (s === null) {
            return (
              <div key={seat} class={`hokm-seat empty ${position}`} data-seat={seat}>
                {props.onSit ? (
                  <button
                    type="button"
                    onClick={() => props.onSit?.(seat)}
                    aria-label={`Sit at seat ${seat + 1}`}
                  >
                    Sit here
                  </button>
                ) : (
                  <span>Seat {seat + 1}: empty</span>
                )}
              </div>
            );
          }
          const acting = hand?.turn === seat;
          const held = hand?.handSizes[seat] ?? 0;
          const isHakem = hakem === seat;
          const away = props.away.includes(seat);
          const label = [
            `Seat ${seat + 1}: ${s.name}${seat === mySeat ? ' (you)' : ''}${needsBotBadge(s.name, s.bot) ? ', bot' : ''}`,
            `team ${TEAM_LETTER[teamOfSeat(seat)]}`,
            isHakem ? 'hakem' : null,
            `${chips(s.chips)} chips`,
            hand !== null ? `${held} cards` : null,
            s.status === 'sitting_out' ? 'sitting out' : null,
            away ? 'away' : null,
            acting ? 'to play' : null,
          ]
            .filter((x) => x !== null)
            .join(', ');
          const mine = seat === mySeat;
          return (
            <section
              key={seat}
              class={`hokm-seat ${position} ${acting ? 'acting' : ''} ${mine ? 'mine' : ''} ${away ? 'away' : ''} team-${teamOfSeat(seat)}`}
              aria-label={label}
              data-seat={seat}
            >
              <div class="seat-head" aria-hidden="true">
                <span class="name">{s.name}</span>
                {needsBotBadge(s.name, s.bot) && <span class="badge">bot</span>}
                {isHakem && <span class="badge hakem">hakem</span>}
                {away && <span class="badge away">away</span>}
              </div>
              <div class="seat-facts" aria-hidden="true">
                <span>
                  Team {TEAM_LETTER[teamOfSeat(seat)]}
                  {hand !== null && ` · ${hand.tricksWon[teamOfSeat(seat)]} tricks`}
                </span>
                <span>
                  {hand !== null && !mine && `${held} cards · `}
                  <span class="stack">{chips(s.chips)} chips</span>
                </span>
              </div>
              {acting &&
                (mine && props.deadline !== null ? (
                  <TurnTimer endsAt={props.deadline} totalMs={props.turnMs} mine />
                ) : (
                  turnEnd !== null && <TurnTimer endsAt={turnEnd} totalMs={props.turnMs} mine={false} />
                ))}
            </section>
          );
        })}
        <div
          class={`trick ${lastTrick ? 'last' : ''}`}
          role="group"
          aria-label={
            shownTrick.length === 0
              ? 'Trick: no cards yet'
              : `${lastTrick ? `Last trick, won by ${nameOf(lastTrick.winner)}` : 'Trick'}: ${shownTrick
                  .map((p) => `${nameOf(p.seat)} ${cardName(p.card)}`)
                  .join(', ')}`
          }
          data-testid="trick"
        >
          {shownTrick.map((p) => (
            <div key={`${p.seat}-${p.card}`} class={`played ${positionOf(p.seat, mySeat)}`}>
              <CardFace card={p.card} />
            </div>
          ))}
          {lastTrick && <p class="trick-note">won by {nameOf(lastTrick.winner)}</p>}
        </div>
        {hand?.trump && (
          <div
            class={`trump-mark ${hand.trump === 'h' || hand.trump === 'd' ? 'red' : 'black'}`}
            role="img"
            aria-label={`Trump: ${suitLabel(hand.trump)}`}
            data-testid="trump-mark"
          >
            <span aria-hidden="true">{SUIT_SYMBOLS[hand.trump]}</span>
            <small aria-hidden="true">trump</small>
          </div>
        )}
      </section>

      <p class="hokm-status" role="status" aria-live="polite" data-testid="hokm-status">
        {status}
      </p>

      <HokmSummary view={view} mySeat={mySeat} team={team} />

      {/* The hakem decides from their five cards: the picker sits beside them, both in sight. */}
      <div class={legal?.type === 'choose_trump' ? 'trump-choice' : 'hand-area'}>
        {hand?.myCards && hand.myCards.length > 0 && (
          <HokmHand
            cards={hand.myCards}
            playable={legal?.type === 'play' ? legal.cards : null}
            busy={props.busy}
            play={(card: Card) => props.act({ type: 'play', card })}
          />
        )}
        {legal?.type === 'choose_trump' && (
          <TrumpPicker
            suits={legal.suits}
            busy={props.busy}
            choose={(suit: Suit) => props.act({ type: 'choose_trump', suit })}
          />
        )}
      </div>
    </div>
  );
}
