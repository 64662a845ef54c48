// Turning failures into sentences a player can act on.

import { PitbossError } from '../../../src/sdk/index.js';

const MESSAGES: Readonly<Record<string, string>> = {
  'wallet/insufficient_funds': 'Your wallet does not hold enough chips for that buy-in.',
  'table/not_found': 'That table no longer exists.',
  'table/full': 'Every seat at that table is taken.',
  'table/already_seated': 'You already have a seat at this table.',
  'table/unavailable': 'The table is briefly unavailable; try again in a moment.',
  'rate/limited': 'Slow down a little: too many requests.',
  'connection/not_open': 'Not connected right now: reconnecting…',
  'connection/lost': 'The connection dropped before the server answered; try again.',
  'request/timeout': 'The server did not answer in time.',
  'auth/invalid_token': 'Your session ended. Please sign in again.',
  'auth/expired': 'Your session expired. Please sign in again.',
};

/** A short message for the player; the server's own message when we have nothing better. */
export function describeError(error: unknown): string {
  if (error instanceof PitbossError) return MESSAGES[error.code] ?? error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
