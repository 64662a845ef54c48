// Turning failures into sentences a player can act on.

import { ClientErrorCode, ErrorCode, PitbossError } from '../../../src/sdk/index.js';

const MESSAGES: Readonly<Record<string, string>> = {
  [ErrorCode.insufficientFunds]: 'Your wallet does not hold enough chips for that buy-in.',
  [ErrorCode.tableNotFound]: 'That table no longer exists.',
  [ErrorCode.tableFull]: 'Every seat at that table is taken.',
  [ErrorCode.alreadySeated]: 'You already have a seat at this table.',
  [ErrorCode.tableUnavailable]: 'The table is briefly unavailable; try again in a moment.',
  [ErrorCode.watchLimit]: 'You are watching too many tables at once: close one first.',
  [ErrorCode.rateLimited]: 'Slow down a little: too many requests.',
  [ErrorCode.invalidToken]: 'Your session ended. Please sign in again.',
  [ErrorCode.tokenExpired]: 'Your session expired. Please sign in again.',
  [ErrorCode.invalidCredentials]: 'Unknown username or wrong password.',
  [ErrorCode.usernameTaken]: 'That username is taken: choose another.',
  [ClientErrorCode.notOpen]: 'Not connected right now: reconnecting…',
  [ClientErrorCode.connectionLost]: 'The connection dropped before the server answered; try again.',
  [ClientErrorCode.timeout]: 'The server did not answer in time.',
  'auth/expired': 'Your session expired. Please sign in again.',
};

/** A short message for the player; the server's own message when we have nothing better. */
export function describeError(error: unknown): string {
  if (error instanceof PitbossError) return MESSAGES[error.code] ?? error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** A request that failed for want of a connection, not because the server refused it. */
export function isConnectionError(error: unknown): boolean {
  return (
    error instanceof PitbossError &&
    (error.code === ClientErrorCode.notOpen || error.code === ClientErrorCode.connectionLost)
  );
}
