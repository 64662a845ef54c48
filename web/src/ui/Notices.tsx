// Errors and notes from anywhere in the app, announced to screen readers and dismissable.

import type { PlayerSession } from '../core/session.js';
import { useObservable } from '../core/use-observable.js';

export function Notices(props: { readonly session: PlayerSession }) {
  const notices = useObservable(props.session.notices);
  return (
    <div class="notices" role="alert" aria-live="assertive">
      {notices.map((n) => (
        <p key={n.id} class={`notice ${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => props.session.dismiss(n.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
