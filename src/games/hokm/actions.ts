// The two things a Hokm player does: the hakem names trump, and everyone plays cards.

import { z } from 'zod';
import { isCard, SUITS, type Card, type Suit } from '../cards.js';
import { reject, type Rejection } from '../contract.js';

export type HokmAction =
  { readonly type: 'choose_trump'; readonly suit: Suit } | { readonly type: 'play'; readonly card: Card };

const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('choose_trump'), suit: z.enum(SUITS) }).strict(),
  z.object({ type: z.literal('play'), card: z.string().refine(isCard, 'not a card') }).strict(),
]);

/** Validates an untrusted action's shape (not whether it is legal now). Never throws. */
export function parseAction(input: unknown): { readonly ok: true; readonly action: HokmAction } | Rejection {
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) {
    return reject('action/invalid', 'expected {type:"choose_trump",suit} or {type:"play",card}');
  }
  return { ok: true, action: parsed.data };
}
