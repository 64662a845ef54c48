// Types for the parts of the `phe` package (0.6.0, plain CommonJS, no bundled types) that the
// evaluator benchmark and the evaluator's cross-check tests call. phe's values are 1 (royal flush)
// to 7462 (worst high card): lower is better, the reverse of Pitboss's scale.

declare module 'phe' {
  /** 5–7 phe card codes (rank·4 + suit, suits s=0 h=1 d=2 c=3) → strength, lower is better. */
  export function evaluateCardCodes(codes: readonly number[]): number;
  /** 5–7 cards as strings such as 'Ah' → strength, lower is better. */
  export function evaluateCards(cards: readonly string[]): number;
  export function cardCodes(cards: readonly string[]): number[];
  /** Strength → hand rank 0 (straight flush) … 8 (high card). */
  export function handRank(strength: number): number;
  export const rankDescription: readonly string[];
}

declare module 'phe/lib/evaluator7.js' {
  /** phe's internal 7-card evaluator, called by `evaluateCardCodes` through `Function.apply`. */
  export default function evaluate7cards(
    a: number,
    b: number,
    c: number,
    d: number,
    e: number,
    f: number,
    g: number,
  ): number;
}
