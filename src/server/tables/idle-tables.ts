// Closes player-created tables nobody uses: a table with no person seated and nobody watching for
// `idleMs` is closed through TableHost.close (bots stand up, chips go back through the ledger).
// Bot tables the node seeds itself (createdBy null) are left alone. Without this, tables made and
// abandoned by players — or by a script — stay durable and keep their bots burning CPU forever.

import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../ops/logger.js';
import type { TableHost } from './table-host.js';

export class IdleTableSweeper {
  readonly #host: TableHost;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #idleMs: number;
  readonly #idleSince = new Map<string, number>();
  #timer: TimerHandle | null = null;

  constructor(deps: { host: TableHost; clock: Clock; logger: Logger; idleMs: number }) {
    this.#host = deps.host;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#idleMs = deps.idleMs;
  }

  /** Starts sweeping (no-op when idle closing is off). */
  start(): void {
    if (this.#idleMs <= 0) return;
    this.#schedule();
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }

  /** One pass: tables idle long enough are closed; the rest have their idle clocks updated. */
  sweep(): void {
    const now = this.#clock.now();
    const seen = new Set<string>();
    for (const table of this.#host.playerTables()) {
      seen.add(table.id);
      if (table.people) {
        this.#idleSince.delete(table.id);
        continue;
      }
      const since = this.#idleSince.get(table.id) ?? now;
      this.#idleSince.set(table.id, since);
      if (now - since >= this.#idleMs) {
        this.#idleSince.delete(table.id);
        this.#logger.info({ table: table.id, idleMs: now - since }, 'closing idle table');
        this.#host.close(table.id).catch((error: unknown) => {
          this.#logger.warn({ table: table.id, err: error }, 'closing an idle table failed');
        });
      }
    }
    for (const id of this.#idleSince.keys()) if (!seen.has(id)) this.#idleSince.delete(id);
  }

  #schedule(): void {
    // Often enough that a table closes within a quarter of the idle time past its deadline.
    const every = Math.max(100, Math.min(60_000, Math.floor(this.#idleMs / 4)));
    this.#timer = this.#clock.after(every, () => {
      this.sweep();
      this.#schedule();
    });
  }
}
