// When the current turn times out, by our clock, for any seat. The acting seat's connection is told
// its own deadline (`table.turn`); every viewer gets the running timers with a fresh view (on
// arriving mid-turn, after a reload or a resume). Otherwise the turn began when we saw it begin.

import { useRef } from 'preact/hooks';
import type { TurnClock } from '../../../src/sdk/index.js';

/**
 * `key` names the turn (null: nobody to act) and changes whenever a new turn starts; `seat` is
 * whose turn it is; `clocks` are the timers of the last view, already in our clock's ms.
 */
export function useTurnEnd(
  key: string | null,
  seat: number | null,
  clocks: readonly TurnClock[],
  turnMs: number,
): number | null {
  const seen = useRef<{ key: string | null; endsAt: number }>({ key: null, endsAt: 0 });
  if (seen.current.key !== key) {
    const known = clocks.find((clock) => clock.seat === seat)?.deadline;
    seen.current = { key, endsAt: known ?? Date.now() + turnMs };
  }
  return key === null ? null : seen.current.endsAt;
}
