// `verifyHand(record)`: is this finished hand's deal the one its table committed to, and did every
// card the record shows come from it? Works on any copy of a record — a player's own, the public
// one, a downloaded file — in Node or a browser, with nothing from the server. Records that are
// not hand records, or are malformed, come back with the reason rather than an exception.

import { parseReveal, type DealReveal } from './fair-deal.js';
import { holdemDealProblems } from './holdem/verify-deal.js';
import type { HoldemHandRecord } from './holdem/record-types.js';
import { hokmDealProblems } from './hokm/verify-deal.js';
import type { HokmHandRecord } from './hokm/record.js';

export interface DealVerdict {
  /** True when the seed matches the commitment and every card shown came from its deck. */
  readonly ok: boolean;
  readonly game: 'holdem' | 'hokm' | null;
  readonly hand: number | null;
  /** Each mismatch in words; empty when `ok`. */
  readonly problems: readonly string[];
  /** What was checked: the revealed seed, commitment and entropy (null when there is none). */
  readonly deal: DealReveal | null;
}

export interface VerifyOptions {
  /**
   * The commitment the checker itself was told before the hand was dealt (a view's `deal`, or
   * `hand_started`): the record's must be the same, or the reveal proves nothing to this player.
   */
  readonly commitment?: string;
}

export function verifyHand(record: unknown, options: VerifyOptions = {}): DealVerdict {
  if (typeof record !== 'object' || record === null)
    return verdict(null, null, ['this is not a hand record'], null);
  const r = record as Record<string, unknown>;
  const hand = typeof r.hand === 'number' ? r.hand : null;
  const deal = parseReveal(r.deal);
  const game = r.game === 'holdem' ? 'holdem' : Array.isArray(r.tricks) && 'hakem' in r ? 'hokm' : null;
  if (game === null) return verdict(null, hand, ["this is not a Hold'em or Hokm hand record"], deal);
  try {
    const problems =
      game === 'holdem'
        ? holdemDealProblems(record as HoldemHandRecord)
        : hokmDealProblems(record as HokmHandRecord);
    if (options.commitment !== undefined && deal !== null && deal.commitment !== options.commitment)
      problems.push(
        `the record's commitment ${deal.commitment.slice(0, 16)}… is not the one told before the deal (${options.commitment.slice(0, 16)}…)`,
      );
    return verdict(game, hand, problems, deal);
  } catch (error) {
    // A record edited into a shape the checks do not expect (a missing list, a card that is not one).
    const why = error instanceof Error ? error.message : String(error);
    return verdict(game, hand, [`the record is malformed: ${why}`], deal);
  }
}

function verdict(
  game: DealVerdict['game'],
  hand: number | null,
  problems: readonly string[],
  deal: DealReveal | null,
): DealVerdict {
  return { ok: problems.length === 0, game, hand, problems, deal };
}
