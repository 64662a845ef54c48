// The connection's state, visible and announced: players see at once that they are reconnecting
// and that it came back by itself.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlayerSession } from '../core/session.js';
import { useObservable } from '../core/use-observable.js';

export function ConnectionBanner(props: { readonly session: PlayerSession }) {
  const state = useObservable(props.session.connection);
  const interrupted = useObservable(props.session.interrupted);
  const phase = useObservable(props.session.phase);
  const [recovered, setRecovered] = useState(false);
  const wasInterrupted = useRef(false);

  useEffect(() => {
    if (interrupted) {
      wasInterrupted.current = true;
      setRecovered(false);
      return undefined;
    }
    if (!wasInterrupted.current) return undefined;
    wasInterrupted.current = false;
    setRecovered(true);
    const timer = setTimeout(() => setRecovered(false), 2500);
    return () => clearTimeout(timer);
  }, [interrupted]);

  let text: string | null = null;
  let kind = 'ok';
  if (phase === 'signed_in' && state === 'closed') {
    text = 'Disconnected.';
    kind = 'bad';
  } else if (interrupted || state === 'reconnecting') {
    text = 'Connection lost — reconnecting…';
    kind = 'warn';
  } else if (recovered) {
    text = 'Reconnected.';
  }
  return (
    <div
      class="connection"
      role="status"
      aria-live="polite"
      data-connection={state}
      data-interrupted={interrupted}
    >
      {text !== null && (
        <p class={`banner ${kind}`}>
          {kind === 'warn' && <span class="spinner" aria-hidden="true" />}
          {text}
          {kind === 'bad' && (
            <button type="button" onClick={() => globalThis.location.reload()}>
              Reload
            </button>
          )}
        </p>
      )}
    </div>
  );
}
