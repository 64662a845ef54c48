// Our own cards. When it is our turn to play, the legal ones are buttons that play; the rest are
// disabled, so only legal cards can be played (by mouse, touch or keyboard).

import type { Card } from '../../../src/games/cards.js';
import { cardName, isRed, rankLabel, SUIT_SYMBOLS, suitOfCard } from '../core/cards.js';

export function HokmHand(props: {
  readonly cards: readonly string[];
  /** Cards we may play now; null when it is not our turn to play. */
  readonly playable: readonly string[] | null;
  readonly busy: boolean;
  readonly play: (card: Card) => void;
}) {
  const playable = new Set(props.playable ?? []);
  const label =
    props.playable === null ? 'Your hand' : `Your hand: choose a card to play (${playable.size} playable)`;
  return (
    <section class="hokm-hand" aria-label={label} data-testid="my-hand">
      {props.cards.map((card) => {
        const legal = playable.has(card);
        return (
          <button
            key={card}
            type="button"
            class={`card ${isRed(card) ? 'red' : 'black'} ${legal ? 'playable' : ''}`}
            data-card={card}
            disabled={!legal || props.busy}
            aria-label={legal ? `Play ${cardName(card)}` : cardName(card)}
            onClick={() => props.play(card as Card)}
          >
            <span aria-hidden="true" class="rank">
              {rankLabel(card)}
            </span>
            <span aria-hidden="true" class="suit">
              {SUIT_SYMBOLS[suitOfCard(card)]}
            </span>
          </button>
        );
      })}
    </section>
  );
}
