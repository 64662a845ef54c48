// When the current turn times out, by our clock, for any seat. The acting seat's connection is told
// its own deadline (`table.turn`); every viewer gets the running timers with a fresh view (on
// arriving mid-turn, after a reload or a resume). Otherwise the turn began when we saw it begin.

import { useRef } from 'preact/hooks';
import type { TurnClock } from '../../../src/sdk/index.js';

/**
 * `key` names the turn (null: nobody to act) and changes whenever a new turn starts; `seat` is
 * whose turn it is; `clocks` are the timers of the last view in server time, and `offset` is how
 * far the server's clock is ahead of ours (it may still be 0 when a turn is first seen, so the
 * deadline is kept in server time and converted on every render).
 */
export function useTurnEnd(
  key: string | null,
  seat: number | null,
  clocks: readonly TurnClock[],
  turnMs: number,
  offset: number,
): number | null {
  const seen = useRef<{ key: string | null; serverDeadline: number | null; localEnd: number }>({
    key: null,
    serverDeadline: null,
    localEnd: 0,
  });
  if (seen.current.key !== key) {
    const known = clocks.find((clock) => clock.seat === seat)?.deadline;
    seen.current = { key, serverDeadline: known ?? null, localEnd: Date.now() + turnMs };
  }
  if (key === null) return null;
  const { serverDeadline, localEnd } = seen.current;
  return serverDeadline === null ? localEnd : serverDeadline - offset;
}
