// The current route, kept in step with the address bar (pushState and the back button).

import { Observable } from './observable.js';
import { parseRoute, routePath, type Route } from './route.js';

export type { Route } from './route.js';

/** What a navigation asks the next page to do (e.g. sit down with a buy-in); not part of the URL. */
export interface Intent {
  readonly join?: { readonly buyIn: number; readonly seat?: number };
  /** Open the buy-in form at once (the player just created the table). */
  readonly offerSeat?: boolean;
}

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
