// Everything a connection's request handlers may use, handed in by the node (no singletons).

import type { Store } from '../../ports/store.js';
import type { Clock } from '../clock.js';
import type { ConnectionsPerIp } from '../http/connections-per-ip.js';
import type { Lobby } from '../lobby/lobby.js';
import type { Logger } from '../ops/logger.js';
import type { NodeMetrics } from '../ops/metrics.js';
import type { GameCatalog } from '../tables/game-catalog.js';
import type { TableRouter } from '../tables/table-handle.js';
import type { TableHost } from '../tables/table-host.js';
import type { AuthService } from './auth-service.js';
import type { IpBudget } from './ip-budget.js';
import type { LoginThrottle } from './login-throttle.js';
import type { RateLimit } from './rate-limiter.js';
import type { KeyedTokenBuckets } from './token-bucket.js';
import type { SessionRegistry } from './session-registry.js';

export interface GatewayLimits {
  /** Largest accepted frame; larger closes the connection with 1009. */
  readonly maxFrameBytes: number;
  readonly rate: RateLimit;
  /** A connection must authenticate within this time or is closed with 4001. */
  readonly authTimeoutMs: number;
  /** Unsent bytes above which a connection is closed with 4009. */
  readonly slowConsumerBytes: number;
  /** Tables one connection may watch at once. */
  readonly maxWatchedTables: number;
}

export interface GatewayContext {
  readonly nodeId: string;
  readonly auth: AuthService;
  readonly host: TableHost;
  /** Tables wherever they live (this node or, in a cluster, another). */
  readonly tables: TableRouter;
  readonly catalog: GameCatalog;
  readonly lobby: Lobby;
  readonly store: Store;
  readonly metrics: NodeMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly limits: GatewayLimits;
  /** Connections per IP, counted by the HTTP front from accept to close. */
  readonly connections: ConnectionsPerIp;
  /** Messages and bytes per IP, across all of its connections. */
  readonly ipBudget: IpBudget;
  /** Failed logins per username and IP, with backoff. */
  readonly loginThrottle: LoginThrottle;
  /** Account sign-ups (guest or registered) per IP. */
  readonly signups: KeyedTokenBuckets;
  readonly registry: SessionRegistry;
  readonly heartbeatSeconds: number;
  /** How long a busted player's seat is held for a rebuy (told to clients in `hello`). */
  readonly bustedSeatSeconds: number;
  readonly onSessionClosed: (session: { readonly id: string; readonly ip: string }) => void;
}
