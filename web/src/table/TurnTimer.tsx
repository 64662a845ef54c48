// A turn's countdown. Our own turn has the server's deadline; another seat's comes from the last
// view's clocks when the turn was already running as we arrived, else from when we saw it begin.
// Only our own is announced to screen readers.

import { useTicker } from '../core/use-observable.js';

export interface TurnTimerProps {
  /** When the turn times out, in our clock's epoch ms. */
  readonly endsAt: number;
  readonly totalMs: number;
  /** Our own turn: announce it and show seconds. */
  readonly mine: boolean;
}

export function TurnTimer(props: TurnTimerProps) {
  const now = useTicker(250);
  const left = Math.max(0, props.endsAt - now);
  const fraction = props.totalMs > 0 ? Math.min(1, left / props.totalMs) : 0;
  const seconds = Math.ceil(left / 1000);
  const urgent = seconds <= 5;
  return (
    <div
      class={`turn-timer ${urgent ? 'urgent' : ''} ${props.mine ? 'mine' : ''}`}
      role={props.mine ? 'timer' : undefined}
      aria-hidden={props.mine ? undefined : true}
      aria-label={props.mine ? `${seconds} seconds left to act` : undefined}
      data-ends-at={Math.round(props.endsAt)}
    >
      <span class="bar" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      {props.mine && <span class="seconds">{seconds}s</span>}
    </div>
  );
}
