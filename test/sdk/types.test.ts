import { describe, expectTypeOf, it } from 'vitest';
import type { holdem } from '../../src/games/holdem/index.js';
import type {
  HoldemAction,
  HoldemEventView,
  HoldemLegalActions,
  HoldemView,
} from '../../src/games/holdem/index.js';
import type { ActionOf, EventViewOf, LegalOf, ViewOf } from '../../src/sdk/index.js';

describe('SDK types read a game module', () => {
  it('infers the view, event view, legal actions and action types of Hold’em', () => {
    expectTypeOf<ViewOf<typeof holdem>>().toEqualTypeOf<HoldemView>();
    expectTypeOf<EventViewOf<typeof holdem>>().toEqualTypeOf<HoldemEventView>();
    expectTypeOf<LegalOf<typeof holdem>>().toEqualTypeOf<HoldemLegalActions>();
    expectTypeOf<ActionOf<typeof holdem>>().toEqualTypeOf<HoldemAction>();
  });
});
