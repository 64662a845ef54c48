// Poker hand evaluation for 5 to 7 cards (Hold'em showdowns, bots, hand histories).
//
// Two entry points on one value scale:
// - `evaluate(cards)`: checked; returns the value, category, the five cards used and a description.
// - `cardCode` + `valueOfCodes(codes, count)`: unchecked and allocation-free, for hot loops
//   (Monte Carlo equity, showdowns with many players); `describeValue` names a value afterwards.

export { evaluate, type HandValue } from './evaluate.js';
export { cardCode, valueOfCodes } from './fast.js';
export { HAND_CATEGORIES, describeValue, type HandCategory } from './hand-value.js';
