// How cards are written for eyes ('A♠') and for screen readers ('Ace of spades').

const RANK_NAMES: Readonly<Record<string, string>> = {
  '2': 'Two',
  '3': 'Three',
  '4': 'Four',
  '5': 'Five',
  '6': 'Six',
  '7': 'Seven',
  '8': 'Eight',
  '9': 'Nine',
  T: 'Ten',
  J: 'Jack',
  Q: 'Queen',
  K: 'King',
  A: 'Ace',
};

export const SUIT_SYMBOLS: Readonly<Record<string, string>> = { c: '♣', d: '♦', h: '♥', s: '♠' };
export const SUIT_NAMES: Readonly<Record<string, string>> = {
  c: 'clubs',
  d: 'diamonds',
  h: 'hearts',
  s: 'spades',
};

export function rankLabel(card: string): string {
  const rank = card[0] ?? '?';
  return rank === 'T' ? '10' : rank;
}

export function suitOfCard(card: string): string {
  return card[1] ?? '?';
}

/** 'A♠' */
export function cardText(card: string): string {
  return `${rankLabel(card)}${SUIT_SYMBOLS[suitOfCard(card)] ?? '?'}`;
}

/** 'Ace of spades' */
export function cardName(card: string): string {
  return `${RANK_NAMES[card[0] ?? ''] ?? 'Unknown'} of ${SUIT_NAMES[suitOfCard(card)] ?? 'unknown'}`;
}

export function cardsText(cards: readonly string[]): string {
  return cards.map(cardText).join(' ');
}

export function isRed(card: string): boolean {
  const suit = suitOfCard(card);
  return suit === 'h' || suit === 'd';
}

/** 'spades ♠' for a suit letter. */
export function suitLabel(suit: string): string {
  return `${SUIT_NAMES[suit] ?? suit} ${SUIT_SYMBOLS[suit] ?? ''}`.trim();
}
