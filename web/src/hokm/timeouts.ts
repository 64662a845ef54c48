// What the server did for our Hokm seat because our time ran out — a card played, or trump chosen
// — read from the events newer than `afterSeq`, in words for the notice ("a card was played for
// you: Seven of spades"). The events say so themselves (`timeout: true`).

import type { HokmEvent } from '../../../src/games/hokm/index.js';
import { cardName, suitLabel } from '../core/cards.js';

export function hokmTimeouts(
  recent: readonly { readonly seq: number; readonly event: unknown }[],
  seat: number,
  afterSeq: number,
): { readonly seq: number; readonly said: string }[] {
  return recent.flatMap(({ seq, event }) => {
    if (seq <= afterSeq) return [];
    const e = event as Partial<HokmEvent> & { timeout?: unknown; seat?: unknown };
    if (e.timeout !== true || e.seat !== seat) return [];
    if (e.type === 'card_played')
      return [{ seq, said: `a card was played for you: ${cardName(e.card ?? '')}` }];
    if (e.type === 'trump_chosen')
      return [{ seq, said: `trump was chosen for you: ${suitLabel(e.suit ?? '')}` }];
    return [];
  });
}
