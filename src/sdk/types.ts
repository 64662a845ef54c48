// Request and message types of the SDK, derived from the protocol definitions so that the SDK and
// the server cannot drift apart. Type-only imports: zod never reaches a browser bundle through here.

import { TableClosedReason } from '../protocol/codes.js';
import type { z } from 'zod';
import type {
  AccountInfo,
  AckResults,
  ClientMessageSchema,
  ClientMessageType,
  ServerMessage,
  TableSummary,
} from '../protocol/messages.js';

/** Requests an application may send. `hello` is the client's own business. */
export type RequestType = Exclude<ClientMessageType, 'hello'>;

type ClientInput = z.input<typeof ClientMessageSchema>;

/** The fields of a request, without `type` and `id` (fields with server defaults are optional). */
export type RequestParams<T extends ClientMessageType> = Omit<
  Extract<ClientInput, { type: T }>,
  'type' | 'id'
>;

/** What the ack of a request carries. */
export type RequestResult<T extends ClientMessageType> = AckResults[T];

export interface RequestOptions {
  /** Overrides the client's `requestTimeoutMs` for this request. */
  readonly timeoutMs?: number;
}

/** `request(type)` may omit the params when the request has no required fields. */
export type RequestArgs<T extends RequestType> =
  Record<string, never> extends RequestParams<T>
    ? [params?: RequestParams<T>, options?: RequestOptions]
    : [params: RequestParams<T>, options?: RequestOptions];

/** Server messages that are not replies to a request. */
/** What the SDK delivers: `table.events` frames arrive as the `table.event`s they stand for. */
export type PushMessage = Exclude<ServerMessage, { readonly type: 'ack' | 'error' | 'table.events' }>;
export type PushType = PushMessage['type'];
export type Push<T extends PushType> = Extract<PushMessage, { readonly type: T }>;

/** `table.closed` reason when the table moved to another node: it carries on there; resume it. */
export const TABLE_MOVED = TableClosedReason.moved;

/** Messages about one table, as the server sends them (and as `on` delivers them). */
export type TableMessage = Push<
  'table.view' | 'table.event' | 'table.turn' | 'table.presence' | 'table.paused' | 'table.closed'
>;

/**
 * Not a server message: the SDK's word to a table's `onTable` listeners that a watch was taken up
 * again from their last seq (after a move or a reconnect) with nothing missed. A table that was
 * closed 'moved' and is idle sends no event to say it is back: this says it.
 */
export interface TableResumed {
  readonly type: 'table.resumed';
  readonly table: string;
}

/** What `onTable` delivers: the table's messages, and TableResumed. */
export type TableFeedMessage = TableMessage | TableResumed;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the server said in reply to `hello`. */
export type HelloResult = RequestResult<'hello'>;

export interface DisconnectInfo {
  /** WebSocket close code (1006 when the connection dropped without a close frame). */
  readonly code: number;
  readonly reason: string;
  /** The client will try to reconnect (and then resume). */
  readonly willReconnect: boolean;
  /** When it will, the backoff delay before the next attempt, in ms (for "reconnecting in 3 s"). */
  readonly retryInMs: number | null;
}

export interface OpenInfo extends HelloResult {
  /** This is a reconnection: watches and the lobby subscription are being restored. */
  readonly reconnected: boolean;
}

export type { AccountInfo, TableSummary };
