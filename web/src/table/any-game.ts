// One view reducer for every game the client knows, so a table can be watched before we know which
// game it runs: the first `table.view` decides, and each view is folded by its own game's pure
// `reduceView` (the same function the server's property tests check against `view`). Only the
// reducers are imported, which keeps the rules, bots and zod out of the browser bundle.

import type { HoldemEventView, HoldemView } from '../../../src/games/holdem/index.js';
import { reduceView as reduceHoldem } from '../../../src/games/holdem/reduce.js';
import type { HokmEventView, HokmView } from '../../../src/games/hokm/index.js';
import { reduceView as reduceHokm } from '../../../src/games/hokm/reduce.js';

export type AnyView = HoldemView | HokmView;
export type AnyEventView = HoldemEventView | HokmEventView;

export function isHoldemView(view: AnyView): view is HoldemView {
  return view.game === 'holdem';
}

export const anyGame = {
  reduceView(view: AnyView, event: AnyEventView): AnyView {
    return isHoldemView(view)
      ? reduceHoldem(view, event as HoldemEventView)
      : reduceHokm(view, event as HokmEventView);
  },
};

export type AnyGame = typeof anyGame;
