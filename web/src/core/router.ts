// Client-side routes. The node serves index.html for every path without a file extension, so
// these URLs can be reloaded and shared.

import { Observable } from './observable.js';

export type Route =
  | { readonly name: 'lobby' }
  | { readonly name: 'table'; readonly table: string }
  | { readonly name: 'admin' }
  | { readonly name: 'not_found'; readonly path: string };

const TABLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/lobby') return { name: 'lobby' };
  if (path === '/admin') return { name: 'admin' };
  const table = /^\/table\/([^/]+)$/.exec(path)?.[1];
  if (table !== undefined) {
    const id = safeDecode(table);
    if (id !== null && TABLE_ID.test(id)) return { name: 'table', table: id };
  }
  return { name: 'not_found', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'lobby':
      return '/';
    case 'admin':
      return '/admin';
    case 'table':
      return `/table/${encodeURIComponent(route.table)}`;
    case 'not_found':
      return route.path;
  }
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** What a navigation asks the next page to do (e.g. sit down with a buy-in); not part of the URL. */
export interface Intent {
  readonly join?: { readonly buyIn: number; readonly seat?: number };
}

/** The current route, kept in step with the address bar (pushState and the back button). */
export class Router {
  readonly route: Observable<Route>;
  #intent: Intent | null = null;

  constructor() {
    this.route = new Observable(parseRoute(globalThis.location.pathname));
    globalThis.addEventListener('popstate', () => {
      this.#intent = null;
      this.route.set(parseRoute(globalThis.location.pathname));
    });
  }

  go(route: Route, intent: Intent | null = null): void {
    this.#intent = intent;
    const path = routePath(route);
    if (path !== globalThis.location.pathname) globalThis.history.pushState(null, '', path);
    this.route.set(route);
  }

  /** The intent passed with the last navigation, once. */
  takeIntent(): Intent | null {
    const intent = this.#intent;
    this.#intent = null;
    return intent;
  }
}
