// One WebSocket's lifetime: open it, say hello, match replies to requests, ping when the server
// goes quiet, and report the close exactly once. It never reconnects: PitbossClient replaces a
// lost Connection with a new one.

import { CloseCode } from '../protocol/codes.js';
import type { ClientMessageType } from '../protocol/messages.js';
import { decodeServerMessage } from './decode.js';
import { ClientErrorCode, PitbossRequestError } from './errors.js';
import { PendingRequests } from './pending.js';
import { SOCKET_OPEN, type WebSocketConstructor, type WebSocketLike } from './socket.js';
import type { HelloResult, PushMessage, RequestParams } from './types.js';

export interface ConnectionOptions {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  /** Time to open the socket and get hello's reply. */
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

export interface ConnectionHandlers {
  /** A server message that is not a reply. */
  onPush(message: PushMessage): void;
  /** An error reply that matches no waiting request (ref null: the server could not parse a frame). */
  onStrayError(error: PitbossRequestError): void;
  /** A frame that is not a protocol v1 server message (ignored). */
  onBadFrame(): void;
  /** The connection is gone (closed, dropped or abandoned). Called at most once, never after `shutdown`. */
  onClose(code: number, reason: string): void;
}

/** Close code reported when the connection dropped without a close frame, or was abandoned. */
export const ABNORMAL_CLOSE = 1006;

export class Connection {
  readonly #socket: WebSocketLike;
  readonly #handlers: ConnectionHandlers;
  readonly #requestTimeoutMs: number;
  readonly #pending = new PendingRequests();
  readonly #opened: Promise<void>;
  #rejectOpened: (error: PitbossRequestError) => void = () => undefined;
  #done = false;
  #heard = false;
  #connectTimer: ReturnType<typeof setTimeout> | null;
  #heartbeatTimer: ReturnType<typeof setInterval> | null = null;

  /** Opens the socket. Throws what the WebSocket constructor throws (a malformed URL). */
  constructor(options: ConnectionOptions, handlers: ConnectionHandlers) {
    this.#handlers = handlers;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#socket = new options.WebSocket(options.url);
    this.#opened = new Promise((resolve, reject) => {
      this.#socket.addEventListener('open', () => resolve());
      this.#rejectOpened = reject;
    });
    this.#opened.catch(() => undefined); // awaited by hello(); a close before open is reported by onClose
    this.#socket.addEventListener('message', (event) => this.#onFrame(event.data));
    this.#socket.addEventListener('close', (event) => this.#finish(event.code, event.reason));
    // The close event that always follows an error carries everything acted on.
    this.#socket.addEventListener('error', () => undefined);
    this.#connectTimer = setTimeout(() => this.abandon('connect timeout'), options.connectTimeoutMs);
  }

  get isOpen(): boolean {
    return !this.#done && this.#socket.readyState === SOCKET_OPEN;
  }

  /** Waits for the socket to open, then sends hello; resolves with its result. */
  async hello(params: RequestParams<'hello'>): Promise<HelloResult> {
    await this.#opened;
    const result = (await this.request('hello', params)) as HelloResult;
    if (this.#connectTimer !== null) clearTimeout(this.#connectTimer);
    this.#connectTimer = null;
    return result;
  }

  /**
   * Sends a request and resolves with its ack's result, or rejects with `PitbossRequestError`.
   * `onAck` runs synchronously when the ack arrives, before the frames that follow it.
   */
  request(
    type: ClientMessageType,
    params: object,
    timeoutMs = this.#requestTimeoutMs,
    onAck?: (result: unknown) => void,
  ): Promise<unknown> {
    if (!this.isOpen) {
      const error = new PitbossRequestError(
        ClientErrorCode.notOpen,
        `${type}: the connection is not open`,
        null,
        type,
      );
      return Promise.reject(error);
    }
    const { id, result } = this.#pending.add(type, timeoutMs, onAck);
    try {
      this.#socket.send(JSON.stringify({ ...params, type, id }));
    } catch (error) {
      this.#pending.reject(id, ClientErrorCode.connectionLost, `${type}: could not send`, error);
    }
    return result;
  }

  /**
   * Pings whenever nothing was received for `seconds`; if a ping gets no reply within `seconds`,
   * the connection is taken for dead (a half-open TCP connection shows no other symptom).
   */
  startHeartbeat(seconds: number): void {
    if (!(seconds > 0) || this.#done || this.#heartbeatTimer !== null) return;
    const intervalMs = seconds * 1000;
    this.#heard = false;
    this.#heartbeatTimer = setInterval(() => {
      if (this.#heard) {
        this.#heard = false;
        return;
      }
      this.request('ping', {}, intervalMs).catch((error: unknown) => {
        if (error instanceof PitbossRequestError && error.code === ClientErrorCode.timeout) {
          this.abandon('no reply to a heartbeat ping');
        }
      });
    }, intervalMs);
  }

  /** Treats the connection as dropped: pending requests fail with `connection/lost`, `onClose` runs. */
  abandon(why: string): void {
    if (this.#done) return;
    this.#finish(ABNORMAL_CLOSE, why);
    this.#socket.close(CloseCode.normal, why);
  }

  /** Closes without reporting `onClose`; pending requests fail with `errorCode`. */
  shutdown(reason: string, errorCode: string): void {
    if (this.#done) return;
    this.#stop();
    this.#pending.rejectAll(errorCode, reason === '' ? 'the connection was closed' : reason);
    this.#socket.close(CloseCode.normal, reason);
  }

  #onFrame(data: unknown): void {
    if (this.#done) return;
    this.#heard = true;
    const message = decodeServerMessage(data);
    if (!message) {
      this.#handlers.onBadFrame();
    } else if (message.type === 'ack') {
      this.#pending.resolve(message.ref, message.result);
    } else if (message.type === 'error') {
      if (message.ref !== null && this.#pending.reject(message.ref, message.code, message.message)) return;
      this.#handlers.onStrayError(new PitbossRequestError(message.code, message.message, message.ref));
    } else if (message.type === 'table.events') {
      // A command's events in one frame: delivered as the single events they stand for.
      message.events.forEach((event, i) =>
        this.#handlers.onPush({ type: 'table.event', table: message.table, seq: message.seq + i, event }),
      );
    } else {
      this.#handlers.onPush(message);
    }
  }

  #finish(code: number, reason: string): void {
    if (this.#done) return;
    this.#stop();
    this.#pending.rejectAll(ClientErrorCode.connectionLost, `connection closed (${code} ${reason})`.trim());
    this.#handlers.onClose(code, reason);
  }

  #stop(): void {
    this.#done = true;
    this.#rejectOpened(
      new PitbossRequestError(ClientErrorCode.connectionLost, 'the connection closed before it opened', null),
    );
    if (this.#connectTimer !== null) clearTimeout(this.#connectTimer);
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#connectTimer = null;
    this.#heartbeatTimer = null;
  }
}
