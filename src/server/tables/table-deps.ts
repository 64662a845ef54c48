// What a table actor needs from the rest of the node, as narrow interfaces so a test can hand it
// in-memory adapters and a manual clock, and a cluster can hand it remote ones.

import type { AnyGameModule } from '../../games/contract.js';
import type { TableLog } from '../../ports/table-log.js';
import type { HandHistory } from '../../ports/store.js';
import type { TableOptions } from '../../protocol/messages.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../ops/logger.js';
import type { TableMetrics } from '../ops/metrics.js';

/** Side effects of table events. Every method is idempotent by its request id / key. */
export interface TableEffects {
  /** Wallet → table. Rejects with InsufficientFundsError, or another error if the store failed. */
  buyIn(requestId: string, accountId: string, tableId: string, amount: number): Promise<number>;
  /** Table → wallet. */
  cashOut(requestId: string, accountId: string, tableId: string, amount: number): Promise<number>;
  saveHand(hand: HandHistory): Promise<void>;
  /** The wallet of `accountId` changed to `balance` (push it to their connections). */
  walletChanged(accountId: string, balance: number): void;
}

export interface TableTiming {
  /** Pause after a hand ends before the next one starts (showdown animations). */
  readonly handDelayMs: number;
  /** A disconnected player's seat is held this long, then sits out. */
  readonly graceMs: number;
  /** A player still away this long after sitting out is stood up and cashed out (0: never). */
  readonly standUpMs: number;
  /** A player left with no chips is stood up after this unless they add chips (0: never). */
  readonly bustedStandUpMs: number;
  /** Bots think for a random time in [botMinMs, botMaxMs]. */
  readonly botMinMs: number;
  readonly botMaxMs: number;
  /** A seat that is leaving mid-game (Hokm) plays its timeout action after this delay. */
  readonly leavingMs: number;
  /** Retry delay for effects when the store is failing. */
  readonly effectRetryMs: number;
}

export interface TableActorDeps {
  readonly tableId: string;
  readonly game: AnyGameModule;
  readonly log: TableLog;
  /** The owner epoch this actor writes with (from the Directory). */
  readonly epoch: number;
  readonly clock: Clock;
  readonly effects: TableEffects;
  readonly options: TableOptions;
  readonly timing: TableTiming;
  readonly logger: Logger;
  readonly metrics: TableMetrics;
  /** 64 hex characters of fresh CSPRNG output, for bot decisions and pacing. */
  readonly randomSeed: () => string;
  /** Called after every accepted command with its events (lobby refresh, bot seating). */
  readonly onChange: (tableId: string, events: readonly { readonly type: string }[]) => void;
  /** Called once if the actor loses ownership (fenced) and stops itself. */
  readonly onLost: (tableId: string, cause: Error) => void;
}
