// Where the button and the blinds go each hand: the dead-button rule.
//
// The big blind moves to the next dealt-in player after last hand's big blind, so every player
// pays the big blind once per orbit even when players bust or leave. The small-blind position is
// last hand's big-blind seat and the button is last hand's small-blind position; either may be a
// seat with nobody dealt in (a dead small blind is not posted; a dead button only marks where the
// action starts). Heads-up, the button posts the small blind. When the table's shape changed so
// much that those positions are not in clockwise order (button, small blind, big blind), the
// button simply moves to the next dealt-in player and the blinds follow it.

import type { SeatIndex } from '../contract.js';

export interface Positions {
  readonly button: SeatIndex;
  readonly sbPosition: SeatIndex;
  /** The seat that posts the small blind, or null when the small blind is dead. */
  readonly smallBlind: SeatIndex | null;
  readonly bigBlind: SeatIndex;
}

export interface PreviousPositions {
  readonly button: SeatIndex;
  readonly sbPosition: SeatIndex;
  readonly bigBlind: SeatIndex;
}

/**
 * `active`: seats dealt into the new hand, ascending, at least two. `seatCount`: seats at the table.
 */
export function choosePositions(
  active: readonly SeatIndex[],
  previous: PreviousPositions | null,
  seatCount: number,
): Positions {
  const dealt = new Set(active);
  const nextActive = (seat: SeatIndex): SeatIndex => {
    for (let step = 1; step <= seatCount; step++) {
      const s = (seat + step) % seatCount;
      if (dealt.has(s)) return s;
    }
    return seat;
  };
  const first = active[0] ?? 0;

  if (active.length === 2) {
    // Heads-up: the button is the small blind; the big blind still alternates.
    const bigBlind = previous === null ? nextActive(first) : nextActive(previous.bigBlind);
    const button = nextActive(bigBlind);
    return { button, sbPosition: button, smallBlind: button, bigBlind };
  }

  if (previous !== null) {
    const bigBlind = nextActive(previous.bigBlind);
    const sbPosition = previous.bigBlind;
    const button = previous.sbPosition;
    const distance = (a: SeatIndex, b: SeatIndex): number => (b - a + seatCount) % seatCount;
    const ordered =
      button !== sbPosition &&
      sbPosition !== bigBlind &&
      button !== bigBlind &&
      distance(button, sbPosition) < distance(button, bigBlind);
    if (ordered) {
      return { button, sbPosition, smallBlind: dealt.has(sbPosition) ? sbPosition : null, bigBlind };
    }
  }

  // First hand, or a table reshaped beyond the dead-button rule: a moving button.
  const button = previous === null ? first : nextActive(previous.button);
  const smallBlind = nextActive(button);
  return { button, sbPosition: smallBlind, smallBlind, bigBlind: nextActive(smallBlind) };
}
