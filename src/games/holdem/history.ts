export function exportPokerStars() {}
export type PokerStarsOptions = object;
