// Playing cards shared by every game: 'As' is the ace of spades, 'Td' the ten of diamonds.
// Cards travel as these two-character strings in state, events, logs and hand histories: readable
// by people and by poker tools. Hot loops (the evaluator) map them to small integers internally.

export const RANKS = ['2', '3', '4', '5', '6', '7', '8', '9', 'T', 'J', 'Q', 'K', 'A'] as const;
export const SUITS = ['c', 'd', 'h', 's'] as const;

export type Rank = (typeof RANKS)[number];
export type Suit = (typeof SUITS)[number];
export type Card = `${Rank}${Suit}`;

/** The 52 cards in a fixed canonical order (2c 2d 2h 2s 3c … As). Shuffle a copy. */
export const FULL_DECK: readonly Card[] = RANKS.flatMap((r) => SUITS.map((s): Card => `${r}${s}`));

const CARD_SET: ReadonlySet<string> = new Set(FULL_DECK);

export function isCard(value: unknown): value is Card {
  return typeof value === 'string' && CARD_SET.has(value);
}

export function rankOf(card: Card): Rank {
  return card[0] as Rank;
}

export function suitOf(card: Card): Suit {
  return card[1] as Suit;
}

/** 0 for a deuce … 12 for an ace. */
export function rankValue(card: Card): number {
  return RANKS.indexOf(rankOf(card));
}

/**
 * Validates an explicit deck order for stacking (scripted tests): distinct cards, all real.
 * Returns null when the order is unusable.
 */
export function parseStackedDeck(input: readonly string[]): Card[] | null {
  const seen = new Set<string>();
  for (const c of input) {
    if (!isCard(c) || seen.has(c)) return null;
    seen.add(c);
  }
  return input as Card[];
}

const RANK_NAMES: Record<Rank, readonly [singular: string, plural: string]> = {
  '2': ['Two', 'Twos'],
  '3': ['Three', 'Threes'],
  '4': ['Four', 'Fours'],
  '5': ['Five', 'Fives'],
  '6': ['Six', 'Sixes'],
  '7': ['Seven', 'Sevens'],
  '8': ['Eight', 'Eights'],
  '9': ['Nine', 'Nines'],
  T: ['Ten', 'Tens'],
  J: ['Jack', 'Jacks'],
  Q: ['Queen', 'Queens'],
  K: ['King', 'Kings'],
  A: ['Ace', 'Aces'],
};

export function rankName(rank: Rank, plural = false): string {
  return RANK_NAMES[rank][plural ? 1 : 0];
}

const SUIT_NAMES: Record<Suit, string> = { c: 'clubs', d: 'diamonds', h: 'hearts', s: 'spades' };

export function suitName(suit: Suit): string {
  return SUIT_NAMES[suit];
}
