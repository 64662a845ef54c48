// PitbossClient: one protocol v1 connection that survives disconnects. It matches replies to
// requests, delivers each table's events exactly once and in order, and after a reconnect says
// hello with its token, re-watches every table from the last seq it delivered and re-subscribes
// the lobby. Works in browsers and Node: the WebSocket constructor is injected (socket.ts).

import { CloseCode, ErrorCode, PROTOCOL_VERSION } from '../protocol/codes.js';
import type { AccountInfo, ClientMessageType, ServerMessage } from '../protocol/messages.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { decodeServerMessage } from './decode.js';
import { Emitter, type Listener, type Unsubscribe } from './emitter.js';
import {
  ClientErrorCode,
  PitbossAuthError,
  PitbossConnectionError,
  PitbossError,
  PitbossRequestError,
} from './errors.js';
import { PendingRequests } from './pending.js';
import { globalWebSocket, SOCKET_OPEN, type WebSocketConstructor, type WebSocketLike } from './socket.js';
import type {
  ConnectionState,
  DisconnectInfo,
  HelloResult,
  OpenInfo,
  Push,
  RequestArgs,
  RequestOptions,
  RequestParams,
  RequestResult,
  RequestType,
  TableMessage,
  TableSummary,
} from './types.js';
import { WatchBook } from './watches.js';

export interface ReconnectOptions extends BackoffOptions {
  /** Reconnect after an unexpected disconnect (default true). */
  readonly enabled: boolean;
  /** Consecutive failed attempts before giving up (default Infinity). */
  readonly maxAttempts: number;
  /** Least delay after the server closed with 4008 "rate limited" (default 5,000 ms). */
  readonly rateLimitedDelayMs: number;
}

export interface PitbossClientOptions {
  /** `ws://host:8080/ws` or `wss://…/ws`. */
  readonly url: string;
  /** The WebSocket class: `WebSocket` from the `ws` package in Node; defaults to the global one. */
  readonly WebSocket?: WebSocketConstructor;
  /** A session token from an earlier `auth.*` reply: the connection authenticates at hello. */
  readonly token?: string | null;
  /** Sent in hello, for the server's logs (e.g. `my-bot/1.2`). */
  readonly clientName?: string;
  /** Time a request waits for its reply (default 10,000 ms). */
  readonly requestTimeoutMs?: number;
  /** Time to open the socket and get hello's reply (default 10,000 ms). */
  readonly connectTimeoutMs?: number;
  /** Reconnect policy, or false to never reconnect. */
  readonly reconnect?: Partial<ReconnectOptions> | false;
  /** Ping when the server has been silent for `heartbeatSeconds` (from hello); default true. */
  readonly heartbeat?: boolean;
  /** Source of jitter, values in [0, 1) (default Math.random). */
  readonly random?: () => number;
}

export interface ClientEvents {
  /** The connection state changed. */
  state: ConnectionState;
  /** A connection is open (hello answered); `reconnected` when it replaces a lost one. */
  open: OpenInfo;
  /** The connection closed or dropped. */
  disconnect: DisconnectInfo;
  /** After a reconnect: every watch and the lobby subscription were re-requested and answered. */
  restored: { readonly tables: readonly string[]; readonly lobby: boolean };
  /** Failures nobody awaits: auth lost, gave up reconnecting, a re-watch refused, a bad frame. */
  error: PitbossError;
  /** The full lobby, on every `lobby.subscribe` reply (including the one after a reconnect). */
  'lobby.snapshot': { readonly tables: readonly TableSummary[] };
  'table.view': Push<'table.view'>;
  /** Delivered once per seq, in order, for watched tables only. */
  'table.event': Push<'table.event'>;
  'table.turn': Push<'table.turn'>;
  'table.closed': Push<'table.closed'>;
  'lobby.update': Push<'lobby.update'>;
  'lobby.remove': Push<'lobby.remove'>;
  wallet: Push<'wallet'>;
}

type Params = Record<string, unknown>;
type Waiter = { resolve: (info: OpenInfo) => void; reject: (error: PitbossError) => void };

const RECONNECT_DEFAULTS: ReconnectOptions = {
  enabled: true,
  initialDelayMs: 250,
  maxDelayMs: 15_000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
  rateLimitedDelayMs: 5_000,
};

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES: ReadonlySet<number> = new Set([CloseCode.normal, CloseCode.protocolError]);
/** Errors on a re-watch that mean the table is gone for this client. */
const WATCH_GONE: ReadonlySet<string> = new Set([
  ErrorCode.tableNotFound,
  ErrorCode.notFound,
  ErrorCode.forbidden,
]);

export class PitbossClient {
  readonly #url: string;
  readonly #WebSocket: WebSocketConstructor;
  readonly #clientName: string | undefined;
  readonly #requestTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #reconnect: ReconnectOptions;
  readonly #heartbeat: boolean;
  readonly #random: () => number;
  readonly #events = new Emitter<ClientEvents>((error, event) => this.#listenerFailed(error, event));
  readonly #tableListeners = new Map<string, Set<Listener<TableMessage>>>();
  readonly #pending = new PendingRequests();
  readonly #watches = new WatchBook();

  #state: ConnectionState = 'closed';
  #socket: WebSocketLike | null = null;
  /** Bumped whenever the current socket is dropped: late callbacks of older sockets do nothing. */
  #generation = 0;
  #token: string | null;
  #account: AccountInfo | null = null;
  #hello: HelloResult | null = null;
  #lobby = false;
  #closing = false;
  #everOpened = false;
  #attempt = 0;
  #restoredGeneration = -1;
  #waiters: Waiter[] = [];
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #connectTimer: ReturnType<typeof setTimeout> | null = null;
  #heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  #heard = false;

  constructor(options: PitbossClientOptions) {
    const WebSocketClass = options.WebSocket ?? globalWebSocket();
    if (!WebSocketClass) {
      throw new TypeError('No WebSocket available: pass `WebSocket` (in Node, from the "ws" package)');
    }
    this.#url = options.url;
    this.#WebSocket = WebSocketClass;
    this.#token = options.token ?? null;
    this.#clientName = options.clientName;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#reconnect =
      options.reconnect === false
        ? { ...RECONNECT_DEFAULTS, enabled: false }
        : { ...RECONNECT_DEFAULTS, ...options.reconnect };
    this.#heartbeat = options.heartbeat ?? true;
    this.#random = options.random ?? Math.random;
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

  /** Id of the node this connection is served by, once open. */
  get node(): string | null {
    return this.#hello?.node ?? null;
  }

  /** Tables this client watches (and will re-watch after a reconnect). */
  get watching(): readonly string[] {
    return this.#watches.tables();
  }

  /** Seq of the last event (or view) delivered for `table`; null before its first view. */
  lastSeq(table: string): number | null {
    return this.#watches.lastSeq(table);
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.#events.on(event, listener);
  }

  once<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.#events.once(event, listener);
  }

  /** Every `table.view`, delivered `table.event`, `table.turn` and `table.closed` of one table. */
  onTable(table: string, listener: Listener<TableMessage>): Unsubscribe {
    let set = this.#tableListeners.get(table);
    if (!set) {
      set = new Set();
      this.#tableListeners.set(table, set);
    }
    const entry: Listener<TableMessage> = (message) => listener(message);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#tableListeners.get(table) === set) this.#tableListeners.delete(table);
    };
  }

  /**
   * Opens the connection and resolves once hello is answered (and the token, if any, accepted).
   * Failed attempts are retried by the reconnect policy; rejects when the client ends up closed.
   */
  connect(): Promise<OpenInfo> {
    if (this.#state === 'open' && this.#hello) return Promise.resolve({ ...this.#hello, reconnected: false });
    const opened = new Promise<OpenInfo>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (this.#state === 'closed') {
      this.#closing = false;
      this.#everOpened = false;
      this.#attempt = 0;
      this.#dial();
    }
    return opened;
  }

  /** Closes for good: no reconnect, pending requests reject, watches and the lobby are forgotten. */
  close(reason = ''): void {
    this.#closing = true;
    if (this.#reconnectTimer !== null) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const socket = this.#socket;
    this.#detach();
    this.#pending.rejectAll(ClientErrorCode.closed, 'the client was closed');
    this.#watches.clear();
    this.#lobby = false;
    if (socket) {
      socket.close(CloseCode.normal, reason);
      this.#events.emit('disconnect', { code: CloseCode.normal, reason, willReconnect: false });
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
  async resync(table: string, options: { readonly fresh?: boolean } = {}): Promise<void> {
    const resync = this.#watches.beginResync(table, options.fresh);
    if (!resync) return;
    const generation = this.#generation;
    try {
      if (this.#state !== 'open') return; // the restore after the reconnect re-watches it
      const params = resync.since === undefined ? { table } : { table, since: resync.since };
      await this.#request('table.watch', params, {}, true);
    } catch (error) {
      if (!(error instanceof PitbossRequestError) || generation !== this.#generation) return;
      if (WATCH_GONE.has(error.code)) this.#watches.delete(table);
      this.#events.emit('error', error);
    } finally {
      if (generation === this.#generation) this.#watches.endResync(table);
    }
  }

  async #request<T extends ClientMessageType>(
    type: T,
    params: RequestParams<T>,
    options: RequestOptions,
    internal: boolean,
  ): Promise<RequestResult<T>> {
    const fields = params as Params;
    const socket = this.#socket;
    if ((!internal && this.#state !== 'open') || socket?.readyState !== SOCKET_OPEN) {
      throw new PitbossRequestError(
        ClientErrorCode.notOpen,
        `${type}: the client is ${this.#state}`,
        null,
        type,
      );
    }
    const undo = this.#beforeSend(type, fields);
    const { id, result } = this.#pending.add(type, options.timeoutMs ?? this.#requestTimeoutMs);
    try {
      socket.send(JSON.stringify({ ...fields, type, id }));
    } catch (error) {
      this.#pending.reject(id, ClientErrorCode.connectionLost, `${type}: could not send`, error);
    }
    const generation = this.#generation;
    let value: RequestResult<T>;
    try {
      value = (await result) as RequestResult<T>;
    } catch (error) {
      undo?.();
      throw error;
    }
    if (generation === this.#generation) this.#afterAck(type, fields, value);
    return value;
  }

  /** Bookkeeping before a request goes out; returns how to undo it if the request fails. */
  #beforeSend(type: ClientMessageType, params: Params): (() => void) | undefined {
    const table = typeof params.table === 'string' ? params.table : null;
    if (table !== null && (type === 'table.watch' || type === 'table.join')) {
      // A join also makes the connection a watcher of the table.
      const added = this.#watches.add(table);
      if (typeof params.since === 'number') this.#watches.onView(table, params.since);
      return added ? () => this.#watches.delete(table) : undefined;
    }
    if (table !== null && type === 'table.unwatch') this.#watches.delete(table);
    if (type === 'lobby.unsubscribe') this.#lobby = false;
    return undefined;
  }

  #afterAck(type: ClientMessageType, params: Params, result: unknown): void {
    if (type === 'auth.guest' || type === 'auth.register' || type === 'auth.login' || type === 'auth.token') {
      const answer = result as Partial<RequestResult<'auth.login'>>;
      if (typeof answer.token === 'string') this.#token = answer.token;
      else if (typeof params.token === 'string') this.#token = params.token;
      this.#account = answer.account ?? null;
      void this.#restore();
    } else if (type === 'lobby.subscribe') {
      this.#lobby = true;
      const answer = result as Partial<RequestResult<'lobby.subscribe'>>;
      this.#events.emit('lobby.snapshot', { tables: answer.tables ?? [] });
    }
  }

  #dial(): void {
    this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
    const generation = ++this.#generation;
    let socket: WebSocketLike;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (error) {
      const failure = new PitbossConnectionError(
        ClientErrorCode.cannotOpen,
        `cannot open ${this.#url}`,
        null,
        {
          cause: error,
        },
      );
      this.#end(failure, true);
      return;
    }
    this.#socket = socket;
    this.#connectTimer = setTimeout(
      () => this.#abandon(generation, 'connect timeout'),
      this.#connectTimeoutMs,
    );
    const current = () => generation === this.#generation;
    socket.addEventListener('open', () => current() && void this.#greet(generation));
    socket.addEventListener('message', (event) => current() && this.#onFrame(event.data));
    socket.addEventListener('close', (event) => current() && this.#onClose(event.code, event.reason));
    // The close event that always follows an error carries everything the client acts on.
    socket.addEventListener('error', () => undefined);
  }

  async #greet(generation: number): Promise<void> {
    const token = this.#token;
    let hello: HelloResult;
    try {
      hello = await this.#request(
        'hello',
        {
          protocols: [PROTOCOL_VERSION],
          ...(token === null ? {} : { token }),
          ...(this.#clientName === undefined ? {} : { client: this.#clientName }),
        },
        {},
        true,
      );
    } catch (error) {
      if (generation !== this.#generation || !(error instanceof PitbossRequestError)) return;
      const options = { cause: error };
      if (error.code === ErrorCode.unsupportedVersion || error.code === ErrorCode.invalidMessage) {
        this.#shutdown(new PitbossConnectionError(error.code, error.message, null, options));
      } else if (error.code.startsWith('auth/')) {
        this.#token = null;
        this.#shutdown(new PitbossAuthError(error.code, error.message, null, options));
      } else {
        this.#abandon(generation, `hello failed: ${error.code}`);
      }
      return;
    }
    if (generation !== this.#generation) return;
    if (token !== null && hello.account === null) {
      this.#token = null;
      this.#shutdown(
        new PitbossAuthError(ErrorCode.invalidToken, 'the server did not accept the session token'),
      );
      return;
    }
    if (this.#connectTimer !== null) clearTimeout(this.#connectTimer);
    this.#connectTimer = null;
    const reconnected = this.#everOpened;
    this.#everOpened = true;
    this.#attempt = 0;
    this.#hello = hello;
    this.#account = hello.account;
    this.#watches.resetResyncs();
    this.#setState('open');
    this.#startHeartbeat(generation, hello.heartbeatSeconds);
    const info: OpenInfo = { ...hello, reconnected };
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(info);
    this.#events.emit('open', info);
    if (hello.account !== null) void this.#restore();
  }

  /** Once per authenticated connection: re-watch every table and re-subscribe the lobby. */
  async #restore(): Promise<void> {
    const generation = this.#generation;
    if (this.#restoredGeneration === generation) return;
    this.#restoredGeneration = generation;
    const tables = this.#watches.tables();
    const lobby = this.#lobby;
    if (tables.length === 0 && !lobby) return;
    const work: Promise<unknown>[] = tables.map((table) => this.resync(table));
    if (lobby) {
      work.push(
        this.#request('lobby.subscribe', {}, {}, true).catch((error: unknown) => {
          if (error instanceof PitbossError && generation === this.#generation)
            this.#events.emit('error', error);
        }),
      );
    }
    await Promise.all(work);
    if (generation === this.#generation) this.#events.emit('restored', { tables, lobby });
  }

  #onFrame(data: unknown): void {
    this.#heard = true;
    const message = decodeServerMessage(data);
    if (!message) {
      this.#events.emit(
        'error',
        new PitbossError(ClientErrorCode.badMessage, 'ignored a malformed server frame'),
      );
      return;
    }
    this.#dispatch(message);
  }

  #dispatch(message: ServerMessage): void {
    switch (message.type) {
      case 'ack':
        this.#pending.resolve(message.ref, message.result);
        return;
      case 'error':
        if (message.ref !== null && this.#pending.reject(message.ref, message.code, message.message)) return;
        this.#events.emit('error', new PitbossRequestError(message.code, message.message, message.ref));
        return;
      case 'table.view':
        this.#watches.onView(message.table, message.seq);
        this.#emitTable('table.view', message);
        return;
      case 'table.event': {
        const verdict = this.#watches.onEvent(message.table, message.seq);
        if (verdict === 'deliver') this.#emitTable('table.event', message);
        else if (verdict === 'gap') void this.resync(message.table);
        return;
      }
      case 'table.turn':
        this.#emitTable('table.turn', message);
        return;
      case 'table.closed':
        this.#watches.delete(message.table);
        this.#emitTable('table.closed', message);
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
    }
  }

  #emitTable<K extends TableMessage['type']>(type: K, message: ClientEvents[K]): void {
    this.#events.emit(type, message);
    const listeners = this.#tableListeners.get(message.table);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.#listenerFailed(error, type);
      }
    }
  }

  #onClose(code: number, reason: string): void {
    this.#detach();
    this.#pending.rejectAll(ClientErrorCode.connectionLost, `connection closed (${code} ${reason})`.trim());
    if (this.#closing) return;
    if (code === CloseCode.authTimeout || code === CloseCode.authExpired) {
      this.#token = null;
      const what = code === CloseCode.authExpired ? 'the session expired' : 'not authenticated in time';
      this.#events.emit('disconnect', { code, reason, willReconnect: false });
      this.#end(
        new PitbossAuthError(code === CloseCode.authExpired ? 'auth/expired' : 'auth/timeout', what, code),
        true,
      );
      return;
    }
    const final = FINAL_CLOSES.has(code) || !this.#reconnect.enabled;
    const exhausted = this.#attempt >= this.#reconnect.maxAttempts;
    this.#events.emit('disconnect', { code, reason, willReconnect: !final && !exhausted });
    if (final) {
      const why = `closed by the server: ${code} ${reason}`.trim();
      this.#end(new PitbossConnectionError(ClientErrorCode.closedByServer, why, code), true);
    } else if (exhausted) {
      const failure = new PitbossConnectionError(
        ClientErrorCode.gaveUp,
        `gave up after ${this.#attempt} attempts`,
        code,
      );
      this.#end(failure, true);
    } else {
      let delay = backoffDelay(this.#attempt, this.#reconnect, this.#random);
      if (code === CloseCode.rateLimited) delay = Math.max(delay, this.#reconnect.rateLimitedDelayMs);
      this.#attempt += 1;
      this.#setState(this.#everOpened ? 'reconnecting' : 'connecting');
      this.#reconnectTimer = setTimeout(() => {
        this.#reconnectTimer = null;
        this.#dial();
      }, delay);
    }
  }

  /** Gives up on the current socket (no hello, silent server) as if it had dropped. */
  #abandon(generation: number, why: string): void {
    if (generation !== this.#generation) return;
    const socket = this.#socket;
    this.#onClose(1006, why);
    socket?.close(CloseCode.normal, why);
  }

  /** Forgets the current socket and its timers; its late events are ignored from now on. */
  #detach(): void {
    this.#generation += 1;
    this.#socket = null;
    this.#hello = null;
    if (this.#connectTimer !== null) clearTimeout(this.#connectTimer);
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#connectTimer = null;
    this.#heartbeatTimer = null;
  }

  /** Ends a connection that is still up because the client cannot go on with it (auth, version). */
  #shutdown(error: PitbossError): void {
    const socket = this.#socket;
    this.#detach();
    this.#pending.rejectAll(ClientErrorCode.connectionLost, error.message);
    socket?.close(CloseCode.normal, error.code);
    this.#events.emit('disconnect', { code: CloseCode.normal, reason: error.code, willReconnect: false });
    this.#end(error, true);
  }

  /** The client is closed: tell the UI, and reject whoever waits in `connect()`. */
  #end(error: PitbossError, report: boolean): void {
    this.#setState('closed');
    if (report) this.#events.emit('error', error);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  #startHeartbeat(generation: number, seconds: number): void {
    if (!this.#heartbeat || !(seconds > 0)) return;
    this.#heard = false;
    const intervalMs = seconds * 1000;
    this.#heartbeatTimer = setInterval(() => {
      if (this.#heard) {
        this.#heard = false;
        return;
      }
      this.#request('ping', {}, { timeoutMs: intervalMs }, true).catch((error: unknown) => {
        if (error instanceof PitbossRequestError && error.code === ClientErrorCode.timeout) {
          this.#abandon(generation, 'no reply to a heartbeat ping');
        }
      });
    }, intervalMs);
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
