import { describe, expect, it } from 'vitest';
import { FULL_DECK, type Card } from '../../../src/games/cards.js';
import {
  HAND_CATEGORIES,
  cardCode,
  describeValue,
  evaluate,
  valueOfCodes,
} from '../../../src/games/poker/index.js';

/** 'As Ks Qs' → ['As', 'Ks', 'Qs'] */
function hand(text: string): Card[] {
  return text.split(' ') as Card[];
}

function value(text: string): number {
  return evaluate(hand(text)).value;
}

describe('the poker hand evaluator', () => {
  it('ranks every category above the one below it', () => {
    const ladder: [string, string][] = [
      ['high_card', 'Ah Kd 9c 7s 3h'],
      ['pair', '2h 2d 3c 4s 6h'],
      ['two_pair', '2h 2d 3c 3s 4h'],
      ['three_of_a_kind', '2h 2d 2c 3s 4h'],
      ['straight', 'Ah 2d 3c 4s 5h'],
      ['flush', '2h 3h 4h 5h 7h'],
      ['full_house', '2h 2d 2c 3s 3h'],
      ['four_of_a_kind', '2h 2d 2c 2s 3h'],
      ['straight_flush', 'Ah 2h 3h 4h 5h'],
    ];
    const results = ladder.map(([, cards]) => evaluate(hand(cards)));
    expect(results.map((r) => r.category)).toEqual(ladder.map(([category]) => category));
    expect(results.map((r) => r.category)).toEqual([...HAND_CATEGORIES]);
    for (let i = 1; i < results.length; i++) {
      expect(results[i]!.value).toBeGreaterThan(results[i - 1]!.value);
    }
  });

  it('puts the weakest hand of each category above the strongest of the category below', () => {
    expect(value('2h 2d 3c 4s 5h')).toBeGreaterThan(value('Ah Kd Qc Js 9h'));
    expect(value('3h 3d 2c 2s 4h')).toBeGreaterThan(value('Ah Ad Kc Qs Jh'));
    expect(value('2h 2d 2c 3s 4h')).toBeGreaterThan(value('Ah Ad Kc Ks Qh'));
    expect(value('Ah 2d 3c 4s 5h')).toBeGreaterThan(value('Ah Ad Ac Ks Qh'));
    expect(value('2h 3h 4h 5h 7h')).toBeGreaterThan(value('Ah Kd Qc Js Th'));
    expect(value('2h 2d 2c 3s 3h')).toBeGreaterThan(value('Ah Kh Qh Jh 9h'));
    expect(value('2h 2d 2c 2s 3h')).toBeGreaterThan(value('Ah Ad Ac Ks Kh'));
    expect(value('Ah 2h 3h 4h 5h')).toBeGreaterThan(value('Ah Ad Ac As Kh'));
  });

  it('lets the kicker decide between equal pairs', () => {
    expect(value('Ah Ad Kc 7s 3h')).toBeGreaterThan(value('As Ac Qd 7h 3c'));
    expect(value('Ah Ad Kc 7s 4h')).toBeGreaterThan(value('As Ac Kd 7h 3c'));
  });

  it('lets kickers decide within two pair, trips, quads and high card', () => {
    expect(value('Ah Ad 5c 5s Kh')).toBeGreaterThan(value('As Ac 5d 5h Qc'));
    expect(value('Ah Ad 6c 6s 2h')).toBeGreaterThan(value('As Ac 5d 5h Kc'));
    expect(value('9h 9d 9c As 2h')).toBeGreaterThan(value('9s 9d 9c Ks Qh'));
    expect(value('9h 9d 9c 9s Ah')).toBeGreaterThan(value('9s 9d 9c 9h Kd'));
    expect(value('Ah Kd 9c 7s 3h')).toBeGreaterThan(value('Ad Kh 9s 7c 2h'));
  });

  it('ranks a full house by its trips before its pair', () => {
    expect(value('3h 3d 3c 2s 2h')).toBeGreaterThan(value('2h 2d 2c As Ah'));
    expect(value('Kh Kd Kc 8s 8h')).toBeGreaterThan(value('Kh Kd Ks 7s 7h'));
  });

  it('counts the wheel as a five-high straight, the lowest straight', () => {
    const wheel = evaluate(hand('Ah 2d 3c 4s 5h'));
    expect(wheel.category).toBe('straight');
    expect(wheel.description).toBe('Straight, Five High');
    expect(wheel.best).toEqual(hand('5h 4s 3c 2d Ah'));
    expect(value('2h 3d 4c 5s 6h')).toBeGreaterThan(wheel.value);
    expect(wheel.value).toBeGreaterThan(value('Ah Ad Ac Ks Qh'));
  });

  it('counts the steel wheel as the lowest straight flush, still above four of a kind', () => {
    const steel = evaluate(hand('As 2s 3s 4s 5s'));
    expect(steel.category).toBe('straight_flush');
    expect(steel.description).toBe('Straight Flush, Five High');
    expect(value('2s 3s 4s 5s 6s')).toBeGreaterThan(steel.value);
    expect(steel.value).toBeGreaterThan(value('Ah Ad Ac As Kh'));
  });

  it('does not let a straight wrap around the ace', () => {
    expect(evaluate(hand('Qh Kd Ac 2s 3h')).category).toBe('high_card');
  });

  it('ties equal hands that differ only in suits', () => {
    expect(value('Ah Kd 9c 7s 3h')).toBe(value('As Kc 9h 7d 3s'));
    expect(value('Th Jd Qc Ks Ah')).toBe(value('Tc Jc Qd Kd As'));
    expect(value('Ah Ad 5c 5s Kh 2c 3d')).toBe(value('As Ac 5d 5h Kc 2h 3s'));
    expect(value('2h 3h 4h 5h 7h')).toBe(value('2c 3c 4c 5c 7c'));
  });

  it('ties two seven-card hands that play the same board', () => {
    expect(value('Ah Kh Qh Jh Th 2c 3d')).toBe(value('Ah Kh Qh Jh Th 4s 5s'));
  });

  it('picks the best five of seven cards', () => {
    const threePairs = evaluate(hand('Ah Ad 9c 9s 4h 4d 2c'));
    expect(threePairs.description).toBe('Two Pair, Aces and Nines');
    expect(threePairs.best).toEqual(hand('Ah Ad 9c 9s 4h'));

    const twoTrips = evaluate(hand('7h 7d 7c Ks Kh Kd 2c'));
    expect(twoTrips.description).toBe('Full House, Kings full of Sevens');
    expect(twoTrips.best).toEqual(hand('Ks Kh Kd 7h 7d'));

    const sixStraight = evaluate(hand('4h 5d 6c 7s 8h 9d 2c'));
    expect(sixStraight.description).toBe('Straight, Nine High');
    expect(sixStraight.best).toEqual(hand('9d 8h 7s 6c 5d'));

    const sixFlush = evaluate(hand('2h 4h 6h 8h Th Qh Kc'));
    expect(sixFlush.best).toEqual(hand('Qh Th 8h 6h 4h'));
  });

  it('prefers a flush to a straight when both are present', () => {
    const both = evaluate(hand('5h 6h 7d 8h 9c Kh 2h'));
    expect(both.category).toBe('flush');
    expect(both.best).toEqual(hand('Kh 8h 6h 5h 2h'));
  });

  it('finds a straight flush among flush and straight cards, not just the top flush cards', () => {
    const sf = evaluate(hand('5h 6h 7h 8h 9h Ah Kh'));
    expect(sf.description).toBe('Straight Flush, Nine High');
    expect(sf.best).toEqual(hand('9h 8h 7h 6h 5h'));
  });

  it('uses the best kicker beside quads on the board', () => {
    expect(value('9h 9d 9c 9s 2h Ac 3d')).toBeGreaterThan(value('9h 9d 9c 9s 2h Kc Qd'));
    expect(evaluate(hand('9h 9d 9c 9s 2h Ac 3d')).best).toEqual(hand('9h 9d 9c 9s Ac'));
  });

  it('lists the best five by importance: the made hand first, then kickers high to low', () => {
    expect(evaluate(hand('3c Kd 9h 9s 7c')).best).toEqual(hand('9h 9s Kd 7c 3c'));
    expect(evaluate(hand('2c 8d 8h 8s Qc Jd')).best).toEqual(hand('8d 8h 8s Qc Jd'));
  });

  it.each([
    ['Kc Jd 8h 5s 3c', 'high_card', 'High Card, King'],
    ['9c 9d Ah Kd 3c', 'pair', 'Pair of Nines'],
    ['Ah Ad 5c 5s Kd', 'two_pair', 'Two Pair, Aces and Fives'],
    ['7h 7d 7c Ks 2h', 'three_of_a_kind', 'Three of a Kind, Sevens'],
    ['Ah 2d 3c 4s 5h', 'straight', 'Straight, Five High'],
    ['Th Jd Qc Ks Ah', 'straight', 'Straight, Ace High'],
    ['2h 7h 9h Jh Ah', 'flush', 'Flush, Ace High'],
    ['Kd Kh Ks 7c 7d', 'full_house', 'Full House, Kings full of Sevens'],
    ['6h 6d 6c 6s Ah', 'four_of_a_kind', 'Four of a Kind, Sixes'],
    ['5s 6s 7s 8s 9s', 'straight_flush', 'Straight Flush, Nine High'],
    ['Ts Js Qs Ks As', 'straight_flush', 'Royal Flush'],
  ])('describes %s as %s: "%s"', (cards, category, description) => {
    const result = evaluate(hand(cards));
    expect(result.category).toBe(category);
    expect(result.description).toBe(description);
    expect(describeValue(result.value)).toEqual({ category, description });
  });

  it('rejects anything but 5 to 7 distinct cards with a TypeError', () => {
    expect(() => evaluate(hand('Ah Kd 9c 7s'))).toThrow(TypeError);
    expect(() => evaluate(hand('Ah Kd 9c 7s 3h 2c 4d 5s'))).toThrow(TypeError);
    expect(() => evaluate(hand('Ah Kd 9c 7s Ah'))).toThrow(/duplicate card: Ah/);
    expect(() => evaluate(['Ah', 'Kd', '9c', '7s', 'Xx'] as unknown as Card[])).toThrow(/not a card: Xx/);
    expect(() => evaluate('Ah Kd 9c 7s 3h' as unknown as Card[])).toThrow(TypeError);
    expect(() => evaluate([1, 2, 3, 4, 5] as unknown as Card[])).toThrow(/not a card: 1/);
    expect(() => evaluate(['Ah', 'Kd', '9c', '7s', 'Ahh'] as unknown as Card[])).toThrow(/not a card/);
  });

  it('rejects a number that is not a hand value when describing it', () => {
    expect(() => describeValue(-1)).toThrow(TypeError);
    expect(() => describeValue(1.5)).toThrow(TypeError);
    expect(() => describeValue(9 * 2 ** 20)).toThrow(TypeError);
  });
});

describe('the fast evaluation path', () => {
  it('codes each card as its index in the full deck', () => {
    expect(FULL_DECK.map((c) => cardCode(c))).toEqual(FULL_DECK.map((_, i) => i));
    expect(() => cardCode('1x' as Card)).toThrow(TypeError);
  });

  it('gives the same value as evaluate for 5, 6 and 7 cards, from plain or typed arrays', () => {
    for (const text of [
      'Ah Kd 9c 7s 3h',
      'Ah Kd 9c 7s 3h 3c',
      'Ah Kd 9c 7s 3h 3c 9d',
      '2h 4h 6h 8h Th Qh Kc',
    ]) {
      const cards = hand(text);
      const codes = cards.map((c) => cardCode(c));
      expect(valueOfCodes(codes, codes.length)).toBe(evaluate(cards).value);
      expect(valueOfCodes(Uint8Array.from(codes), codes.length)).toBe(evaluate(cards).value);
    }
  });

  it('reads only the first `count` codes of a longer buffer', () => {
    const codes = hand('Ah Kd 9c 7s 3h 3c 3d').map((c) => cardCode(c));
    expect(valueOfCodes(codes, 5)).toBe(value('Ah Kd 9c 7s 3h'));
    expect(valueOfCodes(codes, 6)).toBe(value('Ah Kd 9c 7s 3h 3c'));
  });
});
