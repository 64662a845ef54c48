// Options and events of PitbossClient, and the defaults it fills in.

import type { BackoffOptions } from './backoff.js';
import type { PitbossError } from './errors.js';
import { globalWebSocket, type WebSocketConstructor } from './socket.js';
import type { ConnectionState, DisconnectInfo, OpenInfo, Push, TableSummary } from './types.js';

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
  /** Who is away at a watched table changed. */
  'table.presence': Push<'table.presence'>;
  /** An operator paused or resumed a watched table. */
  'table.paused': Push<'table.paused'>;
  'table.closed': Push<'table.closed'>;
  'lobby.update': Push<'lobby.update'>;
  'lobby.remove': Push<'lobby.remove'>;
  wallet: Push<'wallet'>;
  /** A message from the operator to every player. */
  notice: Push<'notice'>;
}

export const RECONNECT_DEFAULTS: ReconnectOptions = {
  enabled: true,
  initialDelayMs: 250,
  maxDelayMs: 15_000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
  rateLimitedDelayMs: 5_000,
};

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  readonly token: string | null;
  readonly clientName: string | undefined;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly reconnect: ReconnectOptions;
  readonly heartbeat: boolean;
  readonly random: () => number;
}

export function resolveOptions(options: PitbossClientOptions): ResolvedOptions {
  const WebSocket = options.WebSocket ?? globalWebSocket();
  if (!WebSocket) {
    throw new TypeError('No WebSocket available: pass `WebSocket` (in Node, from the "ws" package)');
  }
  return {
    url: options.url,
    WebSocket,
    token: options.token ?? null,
    clientName: options.clientName,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    reconnect:
      options.reconnect === false
        ? { ...RECONNECT_DEFAULTS, enabled: false }
        : { ...RECONNECT_DEFAULTS, ...options.reconnect },
    heartbeat: options.heartbeat ?? true,
    random: options.random ?? Math.random,
  };
}
