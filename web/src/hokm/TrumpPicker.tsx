// The hakem's choice of trump, from the first five cards.

import type { Suit } from '../../../src/games/cards.js';
import { SUIT_SYMBOLS, suitLabel } from '../core/cards.js';

export function TrumpPicker(props: {
  readonly suits: readonly string[];
  readonly busy: boolean;
  readonly choose: (suit: Suit) => void;
}) {
  return (
    <section class="trump-picker" aria-labelledby="trump-title">
      <h2 id="trump-title">You are hakem: choose trump</h2>
      <div class="buttons" role="group" aria-labelledby="trump-title">
        {props.suits.map((suit) => (
          <button
            key={suit}
            type="button"
            class={`suit-button ${suit === 'h' || suit === 'd' ? 'red' : 'black'}`}
            disabled={props.busy}
            data-suit={suit}
            aria-label={`Trump: ${suitLabel(suit)}`}
            onClick={() => props.choose(suit as Suit)}
          >
            <span aria-hidden="true">{SUIT_SYMBOLS[suit]}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
