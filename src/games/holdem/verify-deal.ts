// Checking a finished Hold'em hand against its revealed deal: the seed hashes to the commitment,
// and the deck it makes put exactly the record's cards where the dealing order says — every hole
// card the record shows and every board card. Anyone can run it on a record (the CLI's `verify`,
// the SDK's verifyHand, the browser's history panel); it needs nothing from the server.

import { FULL_DECK, type Card } from '../cards.js';
import { checkReveal, dealRng } from '../fair-deal.js';
import { clockwiseFrom } from './pots.js';
import type { HoldemHandRecord } from './record-types.js';

/** Positions of the board cards in the deck for `dealt` players: burn, flop ×3, burn, turn, burn, river. */
function boardPositions(dealt: number): number[] {
  const first = 2 * dealt;
  return [first + 1, first + 2, first + 3, first + 5, first + 7];
}

/** What does not match, in words; empty when every card of the record came from the revealed deck. */
export function holdemDealProblems(record: HoldemHandRecord): string[] {
  const { reveal, problems } = checkReveal(record.deal, record.hand);
  if (reveal === null) return problems;

  const deck: Card[] = dealRng(reveal.seed, reveal.entropy).shuffle(FULL_DECK);
  const seats = record.players.map((p) => p.seat);
  const order = clockwiseFrom(record.button, seats, record.seats);
  const n = order.length;
  order.forEach((seat, k) => {
    const player = record.players.find((p) => p.seat === seat);
    if (!player?.cards) return; // not shown in this copy of the record: nothing to check
    const dealt = [deck[k], deck[n + k]];
    if (player.cards.length !== 2 || player.cards.some((c, i) => c !== dealt[i]))
      problems.push(
        `seat ${seat + 1} (${player.name}) holds ${player.cards.join(' ')}, the deck dealt ${dealt.join(' ')}`,
      );
  });
  const positions = boardPositions(n);
  record.board.forEach((card, i) => {
    const dealt = deck[positions[i] ?? -1];
    if (card !== dealt) problems.push(`board card ${i + 1} is ${card}, the deck dealt ${dealt ?? 'nothing'}`);
  });
  if (record.board.length > positions.length) problems.push('the board holds more than five cards');
  const streets = record.entries.flatMap((e) => (e.kind === 'street' ? e.cards : []));
  if (streets.join(' ') !== record.board.join(' '))
    problems.push(`the streets dealt ${streets.join(' ')}, the board says ${record.board.join(' ')}`);
  // Cards shown in the action entries (showdown, all-in reveals) must be the same cards.
  for (const entry of record.entries) {
    if (entry.kind !== 'show' && entry.kind !== 'reveal') continue;
    const player = record.players.find((p) => p.seat === entry.seat);
    const k = order.indexOf(entry.seat);
    const dealt = k < 0 ? [] : [deck[k], deck[n + k]];
    if (entry.cards.length !== 2 || entry.cards.some((c, i) => c !== dealt[i]))
      problems.push(
        `seat ${entry.seat + 1} (${player?.name ?? '?'}) showed ${entry.cards.join(' ')}, the deck dealt ${dealt.join(' ')}`,
      );
  }
  return problems;
}
