// What just happened at a Hokm table, said plainly once a hand is scored and once the game is
// over: who took the hand and by how much, the score, and at game end who won the pot. A hand's
// summary stays up through the next deal and trump choice, until the next hand's first card: the
// pause between hands alone is too short to read it.

import { useState } from 'preact/hooks';
import type { HokmView } from '../../../src/games/hokm/index.js';
import { chips } from '../core/format.js';
import { teamOfSeat, type Team } from './teams.js';

const TEAM_LETTER = ['A', 'B'] as const;
const KIND = { normal: '', kot: ' — kot: the other team took no trick', hakem_kot: ' — hakem kot' } as const;

export function HokmSummary(props: {
  readonly view: HokmView;
  readonly mySeat: number | null;
  readonly team: (t: Team) => string;
}) {
  const { view, mySeat, team } = props;
  const ended = useEndedHand(view);
  const game = view.game;
  if (game === null) return null;
  const ours = mySeat === null ? null : teamOfSeat(mySeat);
  const score = `${game.scores[0]}–${game.scores[1]}`;
  const label = (t: Team) => `Team ${TEAM_LETTER[t]} (${team(t)})${ours === t ? ' — your team' : ''}`;
  if (game.winner !== null) {
    const paid = game.payout.map(
      (p) => `${view.seats[p.seat]?.name ?? `Seat ${p.seat + 1}`} ${chips(p.amount)}`,
    );
    return (
      <section class="hokm-summary game-over" role="status" aria-label="Game over" data-testid="hokm-summary">
        <h2>Game over: {label(game.winner)} win</h2>
        <p>
          Final score {score} (first to {view.config.targetScore}).
          {paid.length > 0 && ` Paid out: ${paid.join(', ')}.`}
        </p>
      </section>
    );
  }
  if (ended === null) return null;
  const { result } = ended;
  return (
    <section class="hokm-summary" role="status" aria-label="Hand over" data-testid="hokm-summary">
      <h2>
        Hand {ended.inGame}: {label(result.team)} +{result.points} point{result.points === 1 ? '' : 's'}
        {KIND[result.kind]}
      </h2>
      <p>
        Tricks {ended.tricksWon[0]}–{ended.tricksWon[1]} · score {score} of {view.config.targetScore}
      </p>
    </section>
  );
}

type EndedHand = NonNullable<NonNullable<HokmView['game']>['hand']> & {
  readonly result: NonNullable<NonNullable<NonNullable<HokmView['game']>['hand']>['result']>;
};

/** The last scored hand of this game, until the next hand's first card is played. */
function useEndedHand(view: HokmView): EndedHand | null {
  const [kept, setKept] = useState<EndedHand | null>(null);
  const hand = view.game?.hand ?? null;
  if (hand?.phase === 'ended' && hand.result !== null) {
    const ended = hand as EndedHand;
    if (kept?.number !== ended.number || kept.phase !== ended.phase) setKept(ended);
    return ended;
  }
  const stillDealing = hand !== null && hand.tricks.length === 0 && hand.trick.length === 0;
  if (kept !== null && (!stillDealing || view.game === null)) {
    setKept(null);
    return null;
  }
  return kept;
}
