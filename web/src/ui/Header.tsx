// The top bar: home link, who is signed in, and the wallet balance (always visible).

import { chips } from '../core/format.js';
import type { Router } from '../core/router.js';
import type { PlayerSession } from '../core/session.js';
import { useObservable } from '../core/use-observable.js';

export function Header(props: { readonly session: PlayerSession; readonly router: Router }) {
  const account = useObservable(props.session.account);
  const balance = useObservable(props.session.balance);
  const phase = useObservable(props.session.phase);
  return (
    <header class="top">
      <a
        class="brand"
        href="/"
        onClick={(e) => {
          e.preventDefault();
          props.router.go({ name: 'lobby' });
        }}
      >
        <span aria-hidden="true">♠</span> Pitboss
      </a>
      {phase === 'signed_in' && account !== null && (
        <div class="who">
          <span
            class="wallet"
            data-testid="wallet"
            aria-label={`Wallet: ${balance === null ? 'loading' : `${chips(balance)} chips`}`}
          >
            <span aria-hidden="true">◎ </span>
            {balance === null ? '…' : chips(balance)}
          </span>
          <span class="account" data-testid="account">
            {account.nickname}
            {account.kind === 'guest' && <span class="badge">guest</span>}
          </span>
          <button type="button" class="link" onClick={() => props.session.signOut()}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
