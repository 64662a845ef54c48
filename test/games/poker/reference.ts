// A deliberately slow, obviously-correct poker scorer to check the fast evaluator against. It shares
// no code or tables with src/games/poker: it scores every 5-card subset by the textbook rules and
// keeps the best. A score is a tuple [category, tie-breaking ranks…] compared lexicographically.

import type { Card } from '../../../src/games/cards.js';

export const REFERENCE_CATEGORIES = [
  'high_card',
  'pair',
  'two_pair',
  'three_of_a_kind',
  'straight',
  'flush',
  'full_house',
  'four_of_a_kind',
  'straight_flush',
] as const;

export type Score = readonly number[];

const RANK_OF: Record<string, number> = {
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8': 8,
  '9': 9,
  T: 10,
  J: 11,
  Q: 12,
  K: 13,
  A: 14,
};

function rank(card: Card): number {
  const r = RANK_OF[card[0] ?? ''];
  if (r === undefined) throw new Error(`reference: bad card ${card}`);
  return r;
}

/** Scores exactly five cards. */
export function scoreFive(cards: readonly Card[]): Score {
  const ranks = cards.map(rank).sort((a, b) => b - a);
  const flush = cards.every((c) => c[1] === cards[0]?.[1]);
  const distinct = new Set(ranks).size === 5;
  const top = ranks[0] ?? 0;
  const bottom = ranks[4] ?? 0;
  const wheel = distinct && ranks.join() === '14,5,4,3,2';
  const straight = distinct && (top - bottom === 4 || wheel);
  const straightHigh = wheel ? 5 : top;

  // Rank groups, biggest group first, then higher rank first: e.g. K K K 7 7 → [[3,13],[2,7]].
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  const groups = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const shape = groups.map(([, n]) => n).join('');
  const byGroup = groups.map(([r]) => r);

  if (straight && flush) return [8, straightHigh];
  if (shape === '41') return [7, ...byGroup];
  if (shape === '32') return [6, ...byGroup];
  if (flush) return [5, ...ranks];
  if (straight) return [4, straightHigh];
  if (shape === '311') return [3, ...byGroup];
  if (shape === '221') return [2, ...byGroup];
  if (shape === '2111') return [1, ...byGroup];
  return [0, ...ranks];
}

export function compareScores(a: Score, b: Score): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function fiveCardSubsets(cards: readonly Card[]): Card[][] {
  const out: Card[][] = [];
  const pick = (start: number, chosen: Card[]): void => {
    if (chosen.length === 5) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i < cards.length; i++) pick(i + 1, [...chosen, cards[i] as Card]);
  };
  pick(0, []);
  return out;
}

/** The best score among all 5-card subsets of 5 to 7 cards. */
export function referenceScore(cards: readonly Card[]): Score {
  let best: Score = [-1];
  for (const five of fiveCardSubsets(cards)) {
    const s = scoreFive(five);
    if (compareScores(s, best) > 0) best = s;
  }
  return best;
}
