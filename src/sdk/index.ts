// The Pitboss client SDK's public surface (Node and browsers). See docs/sdk.md.

export { PitbossClient } from './client.js';
export type { ClientEvents, PitbossClientOptions, ReconnectOptions } from './client.js';
export { TableStore } from './table-store.js';
export type {
  ActionOf,
  AnyViewReducer,
  EventViewOf,
  LegalOf,
  ResyncRequest,
  TableChange,
  TableState,
  TableStoreOptions,
  ViewOf,
  ViewReducer,
} from './table-store.js';
export { TableClient, type TableClientOptions } from './table-client.js';
export { LobbyStore } from './lobby-store.js';
export { TABLE_MOVED } from './types.js';
export {
  ClientErrorCode,
  PitbossAuthError,
  PitbossConnectionError,
  PitbossError,
  PitbossRequestError,
} from './errors.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { Listener, Unsubscribe } from './emitter.js';
export type { SocketCloseEvent, SocketMessageEvent, WebSocketConstructor, WebSocketLike } from './socket.js';
export type {
  AccountInfo,
  ConnectionState,
  DisconnectInfo,
  HelloResult,
  OpenInfo,
  Push,
  PushMessage,
  PushType,
  RequestArgs,
  RequestOptions,
  RequestParams,
  RequestResult,
  RequestType,
  TableFeedMessage,
  TableMessage,
  TableResumed,
  TableSummary,
} from './types.js';
export { CloseCode, ErrorCode, PROTOCOL_VERSION, TableClosedReason } from '../protocol/codes.js';
export type { GameId, HandSummary, TurnClock } from '../protocol/messages.js';
export type { NodeOverview, ChipAudit } from '../protocol/admin.js';
/** Checks a finished hand's deal against its commitment and its cards (docs/fair-deals.md). */
export { verifyHand, type DealVerdict, type VerifyOptions } from '../games/verify-hand.js';
export type { DealCommitment, DealReveal } from '../games/fair-deal.js';
