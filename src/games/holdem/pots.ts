// Main and side pots, and how a pot is split.
//
// Pots are derived from what each player has put in, never stored. An all-in player whose chips
// are all counted caps a level; the top level is the largest live contribution. Each pot takes,
// from every player, the slice of their contribution between the previous level and its own, and
// can be won by the live players who reach its level — plus, while a street is still being bet,
// live players who are not all in (they have matched, or will match, every level). Folded players'
// chips are dead money in the pots they reached; anything above the top level goes to the top pot.

import type { SeatIndex } from '../contract.js';
import type { HandPlayer, PotView } from './types.js';

export interface Pot extends PotView {
  readonly level: number;
}

/** Pots from the players' contributions. `collectedOnly` leaves out the current street's bets. */
export function computePots(players: readonly HandPlayer[], collectedOnly: boolean): Pot[] {
  // Plain loops and arrays: this runs for every action event, so it avoids Sets and closures.
  const n = players.length;
  const contribution: number[] = new Array<number>(n);
  const capped: boolean[] = new Array<boolean>(n);
  const levels: number[] = [];
  let top = 0;
  for (let i = 0; i < n; i++) {
    const p = players[i] as HandPlayer;
    const c = collectedOnly ? p.committed - p.bet : p.committed;
    contribution[i] = c;
    capped[i] = p.allIn && (!collectedOnly || p.bet === 0);
    if (p.folded) continue;
    if (c > top) top = c;
    if (capped[i] === true) levels.push(c);
  }
  levels.push(top);
  levels.sort((a, b) => a - b);
  const pots: Pot[] = [];
  let previous = 0;
  for (const level of levels) {
    if (level <= previous) continue;
    let amount = 0;
    const eligible: SeatIndex[] = [];
    for (let i = 0; i < n; i++) {
      const p = players[i] as HandPlayer;
      const c = contribution[i] as number;
      amount += Math.max(0, Math.min(c, level) - previous);
      if (!p.folded && (capped[i] !== true || c >= level)) eligible.push(p.seat);
    }
    if (amount > 0) pots.push({ amount, eligible, level });
    previous = level;
  }
  let dead = 0;
  for (let i = 0; i < n; i++) dead += Math.max(0, (contribution[i] as number) - previous);
  if (dead > 0) {
    const last = pots.pop();
    const eligible = last?.eligible ?? players.filter((p) => !p.folded).map((p) => p.seat);
    pots.push({ amount: (last?.amount ?? 0) + dead, eligible, level: previous });
  }
  return pots;
}

export function publicPots(pots: readonly Pot[]): PotView[] {
  return pots.map((p) => ({ amount: p.amount, eligible: [...p.eligible] }));
}

/**
 * The part of the highest live street bet nobody matched: returned to its owner at the end of the
 * betting. A folded player's bet is never returned (a player who folds out of turn by leaving
 * forfeits what they put in). Returns the seat and amount, or null when the top bet was matched.
 */
export function uncalledBet(players: readonly HandPlayer[]): { seat: SeatIndex; amount: number } | null {
  let top: HandPlayer | null = null;
  for (const p of players) if (!p.folded && (top === null || p.bet > top.bet)) top = p;
  if (top === null) return null;
  let second = 0;
  for (const p of players) if (p !== top) second = Math.max(second, p.bet);
  return top.bet > second ? { seat: top.seat, amount: top.bet - second } : null;
}

/**
 * Splits `amount` between `winners` (seats in the order odd chips are handed out: clockwise from
 * the first seat left of the button). Each gets an equal share; the remainder goes one chip at a
 * time from the first winner on.
 */
export function splitPot(
  amount: number,
  winners: readonly SeatIndex[],
): { seat: SeatIndex; amount: number }[] {
  const share = Math.floor(amount / winners.length);
  let odd = amount - share * winners.length;
  return winners.map((seat) => {
    const extra = odd > 0 ? 1 : 0;
    odd -= extra;
    return { seat, amount: share + extra };
  });
}

/** Seats sorted clockwise starting with the first seat after `button`. */
export function clockwiseFrom(
  button: SeatIndex,
  seats: readonly SeatIndex[],
  seatCount: number,
): SeatIndex[] {
  const distance = (s: SeatIndex): number => (s - button - 1 + 2 * seatCount) % seatCount;
  return [...seats].sort((a, b) => distance(a) - distance(b));
}
