// Close codes and error codes of protocol v1 (docs/protocol.md is the reference for clients).

export const PROTOCOL_VERSION = 1;

/** WebSocket close codes the server uses. 4000–4999 are Pitboss's own. */
export const CloseCode = {
  /** Normal close, asked for by the client. */
  normal: 1000,
  /** The node is shutting down or draining: reconnect (to any node) and resume. */
  goingAway: 1001,
  /** A frame larger than the limit. Do not resend it. */
  tooBig: 1009,
  /** The node drained (its tables moved to other nodes) and is restarting or leaving: reconnect and resume. */
  serviceRestart: 1012,
  /** The server failed unexpectedly. Reconnect with backoff. */
  internalError: 1011,
  /** Hello missing, malformed or with no common protocol version. */
  protocolError: 4000,
  /** No successful authentication within the time allowed after connecting. */
  authTimeout: 4001,
  /** Token expired or revoked while connected: sign in again. */
  authExpired: 4003,
  /** Too many messages per second, or too many malformed ones. Back off before reconnecting. */
  rateLimited: 4008,
  /** The client read too slowly: unsent data passed the buffer limit. Reconnect and resume. */
  slowConsumer: 4009,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Error codes in `error` replies. Games add their own (`action/not_your_turn`, `hokm/must_follow_suit`…):
 * every code is `namespace/reason`.
 */
export const ErrorCode = {
  badJson: 'protocol/bad_json',
  invalidMessage: 'protocol/invalid_message',
  unknownType: 'protocol/unknown_type',
  helloRequired: 'protocol/hello_required',
  unsupportedVersion: 'protocol/unsupported_version',
  authRequired: 'auth/required',
  /** The token is malformed, forged, or its account no longer exists. */
  invalidToken: 'auth/token_invalid',
  tokenExpired: 'auth/token_expired',
  invalidUsername: 'auth/invalid_username',
  invalidNickname: 'auth/invalid_nickname',
  invalidPassword: 'auth/invalid_password',
  usernameTaken: 'auth/username_taken',
  /** Unknown username or wrong password (deliberately indistinguishable). */
  invalidCredentials: 'auth/invalid_credentials',
  /** Too many failed logins for this username or from this address: wait (the message says how long). */
  loginThrottled: 'auth/throttled',
  /** Too many new accounts from this address: try again later. */
  signupLimited: 'auth/signup_limited',
  rateLimited: 'rate/limited',
  tableNotFound: 'table/not_found',
  notSeated: 'table/not_seated',
  alreadySeated: 'table/already_seated',
  tableUnavailable: 'table/unavailable',
  tableFull: 'table/full',
  watchLimit: 'table/watch_limit',
  invalidConfig: 'table/invalid_config',
  /** A table-creation limit: tables per account, tables on the node, bots at a player's table. */
  tableLimit: 'table/limit_reached',
  /** Internal: a table with that id exists already (an idempotent create seen again). */
  tableExists: 'table/exists',
  /** The table is closing (idle, or closed by an operator): no new seats. */
  tableClosing: 'table/closing',
  /** An operator paused the table: nothing is played, and no seat changes, until they resume it. */
  tablePaused: 'table/paused',
  /**
   * Internal: the table moved (or is moving) to another node and did not apply this command. The
   * gateway retries it at the new owner; a client sees `table/unavailable` if that keeps failing.
   */
  tableMoved: 'table/moved',
  insufficientFunds: 'wallet/insufficient_funds',
  notFound: 'request/not_found',
  forbidden: 'request/forbidden',
  internal: 'server/internal',
  shuttingDown: 'server/shutting_down',
  /** A store the request needs (accounts, wallet: PostgreSQL in a cluster) is unreachable. Nothing changed. */
  storeUnavailable: 'server/unavailable',
} as const;

/** `reason` values of a `table.closed` message. */
export const TableClosedReason = {
  /** The table is moving to another node: keep the watch; events resume from the new owner. */
  moved: 'moved',
  /** The table was closed for good. */
  closed: 'closed',
  /**
   * This connection may no longer watch the table: it does not allow spectators and the account
   * no longer has a seat there (it left). Watch it again only after taking a seat.
   */
  unwatched: 'unwatched',
} as const;
