// PitbossClient: one protocol v1 connection that survives disconnects. It matches replies to
// requests, delivers each table's events exactly once and in order, and after a reconnect says
// hello with its token, re-watches every table from the last seq it delivered and re-subscribes
// the lobby. Works in browsers and Node: the WebSocket constructor is injected (socket.ts).

import { CloseCode, ErrorCode, PROTOCOL_VERSION } from '../protocol/codes.js';
import type { AccountInfo, ClientMessageType } from '../protocol/messages.js';
import { backoffDelay } from './backoff.js';
import { Connection } from './connection.js';
import { TableFeed } from './table-feed.js';
import { Emitter, type Listener, type Unsubscribe } from './emitter.js';
import {
  ClientErrorCode,
  PitbossAuthError,
  PitbossConnectionError,
  PitbossError,
  PitbossRequestError,
} from './errors.js';
import {
  resolveOptions,
  type ClientEvents,
  type PitbossClientOptions,
  type ResolvedOptions,
} from './options.js';
import {
  type ConnectionState,
  type HelloResult,
  type OpenInfo,
  type PushMessage,
  type RequestArgs,
  type RequestOptions,
  type RequestParams,
  type RequestResult,
  type RequestType,
  type TableFeedMessage,
} from './types.js';

type Params = Record<string, unknown>;
type Waiter = { resolve: (info: OpenInfo) => void; reject: (error: PitbossError) => void };

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES: ReadonlySet<number> = new Set([CloseCode.normal, CloseCode.protocolError]);

export type { ClientEvents, PitbossClientOptions, ReconnectOptions } from './options.js';

export class PitbossClient {
  readonly #options: ResolvedOptions;
  readonly #events = new Emitter<ClientEvents>((error, event) => this.#listenerFailed(error, event));
  readonly #tables = new TableFeed({
    connection: () => this.#conn,
    isOpen: () => this.#state === 'open',
    watch: (params) => this.#request('table.watch', params, {}, true),
    emit: (message) => this.#events.emit(message.type, message),
    error: (error) => this.#events.emit('error', error),
    listenerFailed: (error, event) => this.#listenerFailed(error, event as keyof ClientEvents),
    backoff: (attempt) => backoffDelay(attempt, this.#options.reconnect, this.#options.random),
  });

  #state: ConnectionState = 'closed';
  /** The current connection; callbacks of older ones are ignored. */
  #conn: Connection | null = null;
  #token: string | null;
  #account: AccountInfo | null = null;
  #hello: HelloResult | null = null;
  #lobby = false;
  #everOpened = false;
  #attempt = 0;
  #restored: Connection | null = null;
  #waiters: Waiter[] = [];
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: PitbossClientOptions) {
    this.#options = resolveOptions(options);
    this.#token = this.#options.token;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The session token in use (from the options or the last `auth.*` reply); null when signed out. */
  get token(): string | null {
    return this.#token;
  }

  get account(): AccountInfo | null {
    return this.#account;
  }

  /** What the server said in reply to `hello` on this connection, while open. */
  get server(): HelloResult | null {
    return this.#hello;
  }

  /** Id of the node this connection is served by, while open. */
  get node(): string | null {
    return this.#hello?.node ?? null;
  }

  /** Tables this client watches (and will re-watch after a reconnect). */
  get watching(): readonly string[] {
    return this.#tables.tables;
  }

  /** Seq of the last event (or view) delivered for `table`; null before its first view. */
  lastSeq(table: string): number | null {
    return this.#tables.lastSeq(table);
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.#events.on(event, listener);
  }

  once<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.#events.once(event, listener);
  }

  /**
   * Every `table.view`, delivered `table.event`, `table.turn` and `table.closed` of one table, and
   * `table.resumed` when a watch of it is taken up again from the last seq.
   */
  onTable(table: string, listener: Listener<TableFeedMessage>): Unsubscribe {
    return this.#tables.onTable(table, listener);
  }

  /**
   * Opens the connection and resolves once hello is answered (and the token, if any, accepted).
   * Failed attempts are retried by the reconnect policy; rejects when the client ends up closed.
   */
  connect(): Promise<OpenInfo> {
    if (this.#state === 'open' && this.#hello) return Promise.resolve({ ...this.#hello, reconnected: false });
    const opened = new Promise<OpenInfo>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (this.#state === 'closed') {
      this.#everOpened = false;
      this.#attempt = 0;
      this.#dial();
    }
    return opened;
  }

  /** Closes for good: no reconnect, pending requests reject, watches and the lobby are forgotten. */
  close(reason = ''): void {
    if (this.#reconnectTimer !== null) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const conn = this.#conn;
    this.#conn = null;
    this.#hello = null;
    this.#tables.clear();
    this.#lobby = false;
    if (conn) {
      conn.shutdown(reason, ClientErrorCode.closed);
      this.#events.emit('disconnect', {
        code: CloseCode.normal,
        reason,
        willReconnect: false,
        retryInMs: null,
      });
    }
    this.#end(new PitbossConnectionError(ClientErrorCode.closed, 'the client was closed'), false);
  }

  /** Sends a request and resolves with its ack's result; rejects with `PitbossRequestError`. */
  request<T extends RequestType>(type: T, ...args: RequestArgs<T>): Promise<RequestResult<T>> {
    const [params, options] = args;
    return this.#request(type, params ?? ({} as RequestParams<T>), options ?? {}, false);
  }

  /**
   * Re-watches `table` from the last delivered seq (or, with `fresh`, asks for a new view), e.g.
   * when a consumer could not apply an event. Does nothing if a re-watch is already in flight.
   */
  resync(table: string, options: { readonly fresh?: boolean } = {}): Promise<void> {
    return this.#tables.resync(table, options.fresh);
  }

  async #request<T extends ClientMessageType>(
    type: T,
    params: RequestParams<T>,
    options: RequestOptions,
    internal: boolean,
  ): Promise<RequestResult<T>> {
    const conn = this.#conn;
    if (!conn || (!internal && this.#state !== 'open')) {
      throw new PitbossRequestError(
        ClientErrorCode.notOpen,
        `${type}: the client is ${this.#state}`,
        null,
        type,
      );
    }
    const fields = params as Params;
    const undo = this.#beforeSend(type, fields);
    // Bookkeeping runs as the ack is handled, so that frames right behind it (a lobby update, a
    // table's replayed events) already see its effects.
    const onAck = (result: unknown): void => {
      if (conn === this.#conn) this.#afterAck(type, fields, result);
    };
    try {
      return (await conn.request(type, fields, options.timeoutMs, onAck)) as RequestResult<T>;
    } catch (error) {
      undo?.();
      throw error;
    }
  }

  /** Bookkeeping before a request goes out; returns how to undo it if the request fails. */
  #beforeSend(type: ClientMessageType, params: Params): (() => void) | undefined {
    if (type === 'lobby.unsubscribe') this.#lobby = false;
    return this.#tables.beforeRequest(type, params);
  }

  #afterAck(type: ClientMessageType, params: Params, result: unknown): void {
    this.#tables.onAck(type, params, result);
    if (type === 'auth.guest' || type === 'auth.register' || type === 'auth.login' || type === 'auth.token') {
      const answer = result as Partial<RequestResult<'auth.login'>>;
      if (typeof answer.token === 'string') this.#token = answer.token;
      else if (typeof params.token === 'string') this.#token = params.token;
      const previous = this.#account;
      this.#account = answer.account ?? null;
      // The server drops a connection's watches when it signs in as another account: re-watch.
      if (previous !== null && previous.id !== this.#account?.id) this.#restored = null;
      void this.#restore();
    } else if (type === 'lobby.subscribe') {
      this.#lobby = true;
      const answer = result as Partial<RequestResult<'lobby.subscribe'>>;
      this.#events.emit('lobby.snapshot', { tables: answer.tables ?? [] });
    }
  }

  #dial(): void {
    this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
    let conn: Connection | null = null;
    const current = () => conn !== null && conn === this.#conn;
    try {
      conn = new Connection(this.#options, {
        onPush: (message) => current() && this.#dispatch(message),
        onStrayError: (error) => current() && this.#events.emit('error', error),
        onBadFrame: () =>
          current() &&
          this.#events.emit(
            'error',
            new PitbossError(ClientErrorCode.badMessage, 'ignored a malformed frame'),
          ),
        onClose: (code, reason) => current() && this.#onClose(code, reason),
      });
    } catch (error) {
      const cause = { cause: error };
      this.#end(
        new PitbossConnectionError(
          ClientErrorCode.cannotOpen,
          `cannot open ${this.#options.url}`,
          null,
          cause,
        ),
        true,
      );
      return;
    }
    this.#conn = conn;
    void this.#greet(conn);
  }

  async #greet(conn: Connection): Promise<void> {
    const token = this.#token;
    let hello: HelloResult;
    try {
      hello = await conn.hello({
        protocols: [PROTOCOL_VERSION],
        ...(token === null ? {} : { token }),
        ...(this.#options.clientName === undefined ? {} : { client: this.#options.clientName }),
      });
    } catch (error) {
      if (conn !== this.#conn || !(error instanceof PitbossRequestError)) return;
      const cause = { cause: error };
      if (error.code === ErrorCode.unsupportedVersion || error.code === ErrorCode.invalidMessage) {
        this.#shutdown(new PitbossConnectionError(error.code, error.message, null, cause));
      } else if (error.code.startsWith('auth/')) {
        this.#token = null;
        this.#shutdown(new PitbossAuthError(error.code, error.message, null, cause));
      } else {
        conn.abandon(`hello failed: ${error.code}`); // reconnects by the policy
      }
      return;
    }
    if (conn !== this.#conn) return;
    if (token !== null && hello.account === null) {
      this.#token = null;
      this.#shutdown(
        new PitbossAuthError(ErrorCode.invalidToken, 'the server did not accept the session token'),
      );
      return;
    }
    const reconnected = this.#everOpened;
    this.#everOpened = true;
    this.#attempt = 0;
    this.#hello = hello;
    this.#account = hello.account;
    this.#tables.connectionOpened();
    this.#setState('open');
    if (this.#options.heartbeat) conn.startHeartbeat(hello.heartbeatSeconds);
    const info: OpenInfo = { ...hello, reconnected };
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(info);
    this.#events.emit('open', info);
    if (hello.account !== null) void this.#restore();
  }

  /** Once per authenticated connection: re-watch every table and re-subscribe the lobby. */
  async #restore(): Promise<void> {
    const conn = this.#conn;
    if (conn === null || this.#restored === conn) return;
    this.#restored = conn;
    const tables = this.#tables.tables;
    const lobby = this.#lobby;
    if (tables.length === 0 && !lobby) return;
    const work: Promise<unknown>[] = this.#tables.restore();
    if (lobby) {
      const resubscribe = this.#request('lobby.subscribe', {}, {}, true).catch((error: unknown) => {
        if (error instanceof PitbossError && conn === this.#conn) this.#events.emit('error', error);
      });
      work.push(resubscribe);
    }
    await Promise.all(work);
    if (conn === this.#conn) this.#events.emit('restored', { tables, lobby });
  }

  #dispatch(message: PushMessage): void {
    switch (message.type) {
      case 'table.view':
      case 'table.event':
      case 'table.turn':
      case 'table.presence':
      case 'table.paused':
      case 'table.closed':
        this.#tables.handle(message);
        return;
      case 'lobby.update':
        this.#events.emit('lobby.update', message);
        return;
      case 'lobby.remove':
        this.#events.emit('lobby.remove', message);
        return;
      case 'wallet':
        this.#events.emit('wallet', message);
        return;
      case 'notice':
        this.#events.emit('notice', message);
        return;
    }
  }

  /** The current connection is gone: decide between reconnecting and stopping. */
  #onClose(code: number, reason: string): void {
    this.#conn = null;
    this.#hello = null;
    this.#tables.connectionLost();
    if (code === CloseCode.authTimeout || code === CloseCode.authExpired) {
      this.#token = null;
      this.#events.emit('disconnect', { code, reason, willReconnect: false, retryInMs: null });
      const expired = code === CloseCode.authExpired;
      const failure = expired
        ? new PitbossAuthError('auth/expired', 'the session expired: sign in again', code)
        : new PitbossAuthError('auth/timeout', 'the connection was not authenticated in time', code);
      this.#end(failure, true);
      return;
    }
    const final = FINAL_CLOSES.has(code) || !this.#options.reconnect.enabled;
    if (final || this.#attempt >= this.#options.reconnect.maxAttempts) {
      this.#events.emit('disconnect', { code, reason, willReconnect: false, retryInMs: null });
      const failure = final
        ? new PitbossConnectionError(ClientErrorCode.closedByServer, `closed: ${code} ${reason}`.trim(), code)
        : new PitbossConnectionError(ClientErrorCode.gaveUp, `gave up after ${this.#attempt} attempts`, code);
      this.#end(failure, true);
      return;
    }
    let delay = backoffDelay(this.#attempt, this.#options.reconnect, this.#options.random);
    if (code === CloseCode.rateLimited) delay = Math.max(delay, this.#options.reconnect.rateLimitedDelayMs);
    this.#attempt += 1;
    this.#events.emit('disconnect', { code, reason, willReconnect: true, retryInMs: delay });
    this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.#dial();
    }, delay);
  }

  /** Ends a connection that is still up because the client cannot go on with it (auth, version). */
  #shutdown(error: PitbossError): void {
    const conn = this.#conn;
    this.#conn = null;
    this.#hello = null;
    conn?.shutdown(error.code, ClientErrorCode.connectionLost);
    const info = { code: CloseCode.normal, reason: error.code, willReconnect: false, retryInMs: null };
    this.#events.emit('disconnect', info);
    this.#end(error, true);
  }

  /** The client is closed: tell the UI, and reject whoever waits in `connect()`. */
  #end(error: PitbossError, report: boolean): void {
    this.#setState('closed');
    if (report) this.#events.emit('error', error);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#events.emit('state', state);
  }

  #listenerFailed(error: unknown, event: keyof ClientEvents): void {
    if (event !== 'error' && this.#events.listenerCount('error') > 0) {
      const failure = new PitbossError(ClientErrorCode.listenerFailed, `a '${event}' listener threw`, {
        cause: error,
      });
      this.#events.emit('error', failure);
      return;
    }
    // Nobody handles errors: surface it the way an unhandled exception would be.
    setTimeout(() => {
      throw error;
    }, 0);
  }
}
