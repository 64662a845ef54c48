// Entry point: /admin is the operator page (no game connection); everything else is the player app.

import { render } from 'preact';
import { AdminPage } from './admin/AdminPage.js';
import { App } from './App.js';
import { parseRoute } from './core/route.js';
import { Router } from './core/router.js';
import { PlayerSession } from './core/session.js';
import { TokenStore } from './core/token-store.js';
import './styles.css';

/** localStorage, unless the browser forbids it (then the session lasts as long as the page). */
function localStorageIfAllowed(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');

if (parseRoute(location.pathname).name === 'admin') {
  document.title = 'Pitboss · operator';
  render(<AdminPage />, root);
} else {
  const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
  const session = new PlayerSession({ url: wsUrl, tokens: new TokenStore(localStorageIfAllowed()) });
  const router = new Router();
  render(<App session={session} router={router} />, root);
  void session.start();
}
