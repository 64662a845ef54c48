// Checking a finished Hokm hand against its revealed deal: the seed hashes to the commitment, and
// the deck it makes gave each seat exactly the thirteen cards the record shows (where it shows
// them) and every card played in every trick; for a game's first hand, the face-up draw from the
// same generator names the record's hakem. Anyone can run it; it needs nothing from the server.

import { FULL_DECK, type Card } from '../cards.js';
import { checkReveal, dealRng } from '../fair-deal.js';
import { dealFirstFive, dealRest, drawHakem, newGameDecks } from './deal.js';
import type { HokmHandRecord } from './record.js';
import { sortCards } from './rules.js';

/** What does not match, in words; empty when every card of the record came from the revealed deck. */
export function hokmDealProblems(record: HokmHandRecord): string[] {
  const { reveal, problems } = checkReveal(record.deal, record.hand);
  if (reveal === null) return problems;

  const rng = dealRng(reveal.seed, reveal.entropy);
  let deck: Card[];
  if (record.handInGame === 1) {
    // A game's first hand: the draw for hakem came first, from the same generator.
    const decks = newGameDecks(rng);
    const drawn = drawHakem(decks.drawDeck, decks.start).hakem;
    if (drawn !== record.hakem)
      problems.push(`the draw made seat ${drawn + 1} hakem, the record says seat ${record.hakem + 1}`);
    deck = decks.handDeck;
  } else {
    deck = rng.shuffle(FULL_DECK);
  }
  const first = dealFirstFive(deck, record.hakem);
  const rest = dealRest(first.undealt, record.hakem);
  const dealt = first.hands.map((five, seat) => sortCards([...five, ...(rest[seat] ?? [])]));

  record.hands.forEach((cards, seat) => {
    if (cards === null) return; // not shown in this copy of the record: nothing to check
    const expected = dealt[seat] ?? [];
    if (cards.join(' ') !== expected.join(' '))
      problems.push(`seat ${seat + 1} holds ${cards.join(' ')}, the deck dealt ${expected.join(' ')}`);
  });
  record.tricks.forEach((trick, t) => {
    for (const play of trick.plays) {
      if (!(dealt[play.seat] ?? []).includes(play.card))
        problems.push(
          `trick ${t + 1}: seat ${play.seat + 1} played ${play.card}, which the deck did not deal them`,
        );
    }
  });
  return problems;
}
