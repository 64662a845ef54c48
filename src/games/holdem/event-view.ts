// Projecting one event for one viewer: hole cards only to their owner; everything else, the
// finished hand's record included, is the same for everyone.
//
// The record in `hand_ended` is the public one (cards shown at showdown only) for every viewer,
// players included: each player already holds their own cards from `hole_cards`, and
// `history.get` gives them the record with their own cards (recordFor). Sending each seat its own
// copy cost a projection and a serialization of the hand's largest message per seat, for cards the
// player already had: one copy for all counted 12 % fewer main-thread instructions per action
// (docs/benchmarks.md).

import type { Viewer } from '../contract.js';
import { projectRecord } from './record.js';
import type { HoldemEvent, HoldemEventView } from './types.js';

export function viewEvent(event: HoldemEvent, viewer: Viewer): HoldemEventView {
  if (event.type === 'hole_cards') {
    return { type: 'hole_cards', seat: event.seat, cards: viewer === event.seat ? event.cards : null };
  }
  if (event.type === 'hand_ended') return { ...event, record: projectRecord(event.record, () => false) };
  // Every other event is public.
  return event;
}

/** Every viewer sees every event alike but hole cards, which only their owner sees. */
export function seenAlike(event: HoldemEvent): boolean {
  return event.type !== 'hole_cards';
}
