// Entry point: /admin is the operator page (no game connection); everything else is the player app.

import { render } from 'preact';
import { AdminPage } from './admin/AdminPage.js';
import { App } from './App.js';
import { parseRoute, Router } from './core/router.js';
import { PlayerSession } from './core/session.js';
import { browserStorage, TokenStore } from './core/token-store.js';
import './styles.css';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');

if (parseRoute(location.pathname).name === 'admin') {
  document.title = 'Pitboss · operator';
  render(<AdminPage />, root);
} else {
  const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
  const session = new PlayerSession({ url: wsUrl, tokens: new TokenStore(browserStorage()) });
  const router = new Router();
  render(<App session={session} router={router} />, root);
  void session.start();
}
