// Typed errors the SDK raises. Server error replies keep their namespaced `code`; failures the
// client detects itself use the `connection/*` and `request/*` codes in `ClientErrorCode`.

import type { RequestId } from '../protocol/messages.js';

/** Codes of failures detected on the client side (never sent by the server). */
export const ClientErrorCode = {
  /** The connection dropped while the request was waiting for its reply. */
  connectionLost: 'connection/lost',
  /** The request was made while the client was not connected (connecting, reconnecting or closed). */
  notOpen: 'connection/not_open',
  /** `close()` was called. */
  closed: 'connection/closed',
  /** Reconnecting failed `maxAttempts` times in a row. */
  gaveUp: 'connection/gave_up',
  /** The server closed the connection with a code after which reconnecting cannot help (1000, 4000). */
  closedByServer: 'connection/closed_by_server',
  /** The WebSocket could not even be created (a malformed URL). */
  cannotOpen: 'connection/cannot_open',
  /** No reply within the request timeout. */
  timeout: 'request/timeout',
  /** The server sent something that is not a protocol v1 message. */
  badMessage: 'protocol/bad_message',
  /** A listener registered with `on()` threw; `cause` is what it threw. */
  listenerFailed: 'client/listener_failed',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export class PitbossError extends Error {
  constructor(
    /** Namespaced code: a server `ErrorCode`, a game's rejection code, or a `ClientErrorCode`. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A request failed: the server replied with an error, or the client gave up waiting. */
export class PitbossRequestError extends PitbossError {
  constructor(
    code: string,
    message: string,
    /** The request's id, or null for an error the server could not tie to a request. */
    readonly ref: RequestId | null,
    /** The request's type, when known. */
    readonly requestType: string | null = null,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** The connection failed for good (protocol error, gave up reconnecting, closed). */
export class PitbossConnectionError extends PitbossError {
  constructor(
    code: string,
    message: string,
    /** The WebSocket close code, when the failure was a close. */
    readonly closeCode: number | null = null,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * Authentication failed or ran out: the token was rejected or expired (close 4003), or the
 * connection was not authenticated in time (close 4001). The client stops reconnecting; sign in
 * again (`auth.*`) after `connect()`.
 */
export class PitbossAuthError extends PitbossError {
  constructor(
    code: string,
    message: string,
    readonly closeCode: number | null = null,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
