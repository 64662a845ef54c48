// The player app: sign-in until there is a session, then the lobby or a table, with the header
// (wallet), the connection banner and notices around every page.

import { useEffect, useRef } from 'preact/hooks';
import type { Router } from './core/router.js';
import type { PlayerSession } from './core/session.js';
import { useObservable } from './core/use-observable.js';
import { LobbyPage } from './lobby/LobbyPage.js';
import { TablePage } from './table/TablePage.js';
import { ConnectionBanner } from './ui/ConnectionBanner.js';
import { Header } from './ui/Header.js';
import { Notices } from './ui/Notices.js';
import { SignIn } from './ui/SignIn.js';

export function App(props: { readonly session: PlayerSession; readonly router: Router }) {
  const { session, router } = props;
  const phase = useObservable(session.phase);
  const route = useObservable(router.route);
  const first = useRef(true);
  // After a navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('content')?.focus({ preventScroll: false });
  }, [route]);

  let page;
  if (phase === 'starting') {
    page = (
      <main class="loading">
        <p role="status">Connecting…</p>
      </main>
    );
  } else if (phase === 'signed_out') {
    page = <SignIn session={session} />;
  } else if (route.name === 'table') {
    page = <TablePage key={route.table} session={session} router={router} table={route.table} />;
  } else if (route.name === 'not_found') {
    page = (
      <main>
        <h1>Not found</h1>
        <p>
          Nothing lives at <code>{route.path}</code>.{' '}
          <button type="button" class="link" onClick={() => router.go({ name: 'lobby' })}>
            Go to the lobby
          </button>
        </p>
      </main>
    );
  } else {
    page = <LobbyPage session={session} router={router} />;
  }

  return (
    <div class="app" data-phase={phase}>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <Header session={session} router={router} />
      <ConnectionBanner session={session} />
      <Notices session={session} />
      <div id="content" tabIndex={-1}>
        {page}
      </div>
    </div>
  );
}
