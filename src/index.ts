// Pitboss's public library surface. Applications import from here (or from 'pitboss/sdk' for the
// client); everything else under src/ is internal and may change.

// Games: the contract, the shared pieces, and the two games.
export type * from './games/contract.js';
export { reject } from './games/contract.js';
export { Rng, isSeed, type RngState } from './games/rng.js';
export { FULL_DECK, RANKS, SUITS, isCard, type Card, type Rank, type Suit } from './games/cards.js';
export { cardCode, describeValue, evaluate, valueOfCodes } from './games/poker/index.js';
export { games, gameById, type GameId } from './games/index.js';
export { holdem, exportPokerStars, type HoldemConfig } from './games/holdem/index.js';
export { hokm, type HokmConfig } from './games/hokm/index.js';

// Running a node.
export { PitbossNode, type NodeServices, type NodeStartOptions } from './server/node.js';
export { createEmbeddedServices } from './server/embedded-services.js';
export { ConfigError, loadConfig, parseConfig, type Config } from './server/config.js';
export { ManualClock, systemClock, type Clock } from './server/clock.js';

// Ports, for writing adapters.
export type { Bus, Subscription } from './ports/bus.js';
export type { Directory, Ownership } from './ports/directory.js';
export type * from './ports/store.js';
export type { LogEntry, Snapshot, TableLog } from './ports/table-log.js';
export * from './ports/errors.js';

// The wire protocol.
export { CloseCode, ErrorCode, PROTOCOL_VERSION, TableClosedReason } from './protocol/codes.js';
export type { ClientMessage, ServerMessage, TableSummary } from './protocol/messages.js';
