// One playing card, face up or down. Face-up cards carry `data-card` (tests read it) and a spoken
// name; nothing about a face-down card says which card it is.

import { cardName, isRed, rankLabel, SUIT_SYMBOLS, suitOfCard } from '../core/cards.js';

export function CardFace(props: {
  readonly card: string;
  readonly size?: 'small' | 'normal';
  /** One of the cards that won the pot. */
  readonly win?: boolean;
}) {
  const { card } = props;
  return (
    <span
      class={`card ${isRed(card) ? 'red' : 'black'} ${props.size === 'small' ? 'small' : ''} ${props.win ? 'win' : ''}`}
      data-card={card}
      role="img"
      aria-label={props.win ? `${cardName(card)}, in the winning hand` : cardName(card)}
    >
      <span aria-hidden="true" class="rank">
        {rankLabel(card)}
      </span>
      <span aria-hidden="true" class="suit">
        {SUIT_SYMBOLS[suitOfCard(card)]}
      </span>
    </span>
  );
}

export function CardBack(props: { readonly size?: 'small' | 'normal' }) {
  return (
    <span
      class={`card back ${props.size === 'small' ? 'small' : ''}`}
      role="img"
      aria-label="face-down card"
    />
  );
}

/** A row of cards with one label for the group ("Board: Ace of spades, …"). */
export function CardRow(props: {
  readonly cards: readonly string[];
  readonly label: string;
  readonly size?: 'small' | 'normal';
  readonly placeholders?: number;
  readonly testId?: string;
  /** Cards to mark as part of the winning hand. */
  readonly winning?: ReadonlySet<string>;
}) {
  const empty = Math.max(0, (props.placeholders ?? 0) - props.cards.length);
  return (
    <div class="card-row" role="group" aria-label={props.label} data-testid={props.testId}>
      {props.cards.map((card) => (
        <CardFace
          key={card}
          card={card}
          size={props.size ?? 'normal'}
          win={props.winning?.has(card) ?? false}
        />
      ))}
      {Array.from({ length: empty }, (_, i) => (
        <span key={`empty-${i}`} class="card slot" aria-hidden="true" />
      ))}
    </div>
  );
}
