// Projecting one event for one viewer: hole cards only to their owner, hand records stripped of
// cards the viewer may not know.

import type { Viewer } from '../contract.js';
import { projectRecord } from './record.js';
import type { HoldemEvent, HoldemEventView } from './types.js';

export function viewEvent(event: HoldemEvent, viewer: Viewer): HoldemEventView {
  if (event.type === 'hole_cards') {
    return { type: 'hole_cards', seat: event.seat, cards: viewer === event.seat ? event.cards : null };
  }
  if (event.type === 'hand_ended') {
    return {
      ...event,
      record: projectRecord(event.record, (p) => viewer !== 'spectator' && p.seat === viewer),
    };
  }
  // Every other event is public.
  return event;
}
