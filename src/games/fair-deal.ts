// Deals anyone can check: each hand's deck comes from a seed of its own, committed to before the
// hand and revealed in its record after it (docs/fair-deals.md has the argument).
//
//   hand seed   s_n = HMAC-SHA256(table seed, "pitboss-deal-v1/hand/" + n)
//   commitment  c_n = SHA-256("pitboss-deal-v1/commit/" ‖ s_n)
//   deck key    k_n = SHA-256("pitboss-deal-v1/deck/" ‖ s_n ‖ each player's entropy, in seat order)
//   the deck    ChaCha20 keyed by k_n (rng.ts), Fisher–Yates over the 52 cards (Rng.shuffle)
//
// The table seed never leaves the server. A hand seed is a PRF output: revealing s_n says nothing
// about the table seed or any other hand's seed, so a revealed hand predicts no other. Pure: no
// I/O, no clock — the same inputs always give the same deck, which replay relies on.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { isSeed, Rng } from './rng.js';

export const DEAL_SCHEME = 'pitboss-deal-v1';

/** What every viewer is told before a hand's first card: which hand, and the commitment to its seed. */
export interface DealCommitment {
  readonly hand: number;
  /** SHA-256 of the hand's seed (with the scheme's prefix), 64 hex characters. */
  readonly commitment: string;
}

/** A player's contribution to one hand's deck (see docs/fair-deals.md). */
export interface DealEntropy {
  readonly seat: number;
  /** 1–64 lowercase hex characters the player's client chose. */
  readonly value: string;
}

/** Everything needed to recompute a hand's deck: in its record once the hand is over. */
export interface DealReveal extends DealCommitment {
  readonly scheme: typeof DEAL_SCHEME;
  /** The hand's seed, 64 hex characters. */
  readonly seed: string;
  /** What players mixed in, in seat order (empty when nobody did). */
  readonly entropy: readonly DealEntropy[];
}

export function handSeed(tableSeed: string, hand: number): string {
  return bytesToHex(hmac(sha256, hexToBytes(tableSeed), utf8ToBytes(`${DEAL_SCHEME}/hand/${hand}`)));
}

export function commitmentTo(seed: string): string {
  return bytesToHex(sha256(concatBytes(utf8ToBytes(`${DEAL_SCHEME}/commit/`), hexToBytes(seed))));
}

export function dealCommitment(tableSeed: string, hand: number): DealCommitment {
  return { hand, commitment: commitmentTo(handSeed(tableSeed, hand)) };
}

/** The generator a hand's deck is drawn from: keyed by the hand seed and the players' entropy. */
export function dealRng(seed: string, entropy: readonly DealEntropy[]): Rng {
  const parts = [utf8ToBytes(`${DEAL_SCHEME}/deck/`), hexToBytes(seed)];
  for (const e of entropy) parts.push(utf8ToBytes(`|${e.seat}:${e.value}`));
  return Rng.fromSeed(bytesToHex(sha256(concatBytes(...parts))));
}

/** The reveal for hand `hand` of the table whose secret seed is `tableSeed`. */
export function revealDeal(tableSeed: string, hand: number, entropy: readonly DealEntropy[]): DealReveal {
  const seed = handSeed(tableSeed, hand);
  return { scheme: DEAL_SCHEME, hand, seed, commitment: commitmentTo(seed), entropy: [...entropy] };
}

const ENTROPY = /^[0-9a-f]{1,64}$/;

export function isEntropy(value: unknown): value is string {
  return typeof value === 'string' && ENTROPY.test(value);
}

/** A reveal as found in a record someone handed us: its shape checked, nothing trusted yet. */
export function parseReveal(value: unknown): DealReveal | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (r.scheme !== DEAL_SCHEME || !isSeed(r.seed) || !isSeed(r.commitment)) return null;
  if (typeof r.hand !== 'number' || !Number.isSafeInteger(r.hand) || r.hand < 1) return null;
  if (!Array.isArray(r.entropy)) return null;
  const entropy: DealEntropy[] = [];
  for (const e of r.entropy as unknown[]) {
    if (typeof e !== 'object' || e === null) return null;
    const { seat, value: v } = e as Record<string, unknown>;
    if (typeof seat !== 'number' || !Number.isInteger(seat) || seat < 0 || !isEntropy(v)) return null;
    entropy.push({ seat, value: v });
  }
  return { scheme: DEAL_SCHEME, hand: r.hand, seed: r.seed, commitment: r.commitment, entropy };
}

/**
 * The first checks of any game's verifier: the record of hand `hand` reveals a well-formed deal,
 * for that hand, whose seed hashes to its commitment. `reveal` is null when there is nothing to
 * recompute a deck from; `problems` lists what is wrong either way.
 */
export function checkReveal(deal: unknown, hand: number): { reveal: DealReveal | null; problems: string[] } {
  if (deal === undefined || deal === null)
    return {
      reveal: null,
      problems: ['this hand has no revealed deal (a stacked deck, or a table from before verifiable deals)'],
    };
  const reveal = parseReveal(deal);
  if (reveal === null) return { reveal: null, problems: ['the revealed deal is malformed'] };
  const problems: string[] = [];
  if (commitmentTo(reveal.seed) !== reveal.commitment)
    problems.push('the revealed seed does not hash to the commitment sent before the deal');
  if (reveal.hand !== hand) problems.push(`the deal is for hand ${reveal.hand}, the record is hand ${hand}`);
  return { reveal, problems };
}

/** A player's value for the next hand, held (hidden) in the table's state until the hand starts. */
export interface PendingEntropy {
  readonly seat: number;
  readonly player: string;
  readonly value: string;
}

/** Rejection codes for a contribution the table will not take. */
export type EntropyRefusal = { readonly code: `deal/${string}`; readonly message: string };

/**
 * Whether a player's value for hand `hand` can be taken now: only on a verifiable table, only
 * between hands, and only for the very next hand — the one whose commitment everyone was told, so
 * a value is never carried to a hand the player had not seen committed.
 */
export function entropyRefusal(
  table: { verifiable?: true; handNumber: number; handRunning: boolean },
  hand: unknown,
  value: unknown,
): EntropyRefusal | null {
  if (table.verifiable !== true)
    return { code: 'deal/not_verifiable', message: 'this table was created before verifiable deals' };
  if (!isEntropy(value))
    return { code: 'deal/invalid_entropy', message: 'entropy is 1 to 64 lowercase hex characters' };
  if (table.handRunning)
    return { code: 'deal/hand_running', message: 'entropy is taken between hands, for the next one' };
  if (hand !== table.handNumber + 1)
    return { code: 'deal/wrong_hand', message: `the next hand is ${table.handNumber + 1}` };
  return null;
}

/** `pending` with `entry` in (replacing that seat's earlier value), in seat order. */
export function withEntropy(
  pending: readonly PendingEntropy[] | undefined,
  entry: PendingEntropy,
): PendingEntropy[] {
  return [...(pending ?? []).filter((e) => e.seat !== entry.seat), entry].sort((a, b) => a.seat - b.seat);
}

/** The values that count for the hand starting now: those of players still in the seat they gave them from. */
export function entropyInSeats(
  pending: readonly PendingEntropy[] | undefined,
  playerAt: (seat: number) => string | undefined,
): DealEntropy[] {
  return (pending ?? [])
    .filter((e) => playerAt(e.seat) === e.player)
    .map((e) => ({ seat: e.seat, value: e.value }));
}
