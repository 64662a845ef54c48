// Watches the Store for the node's health gauges: a trivial query every few seconds says whether it
// answers (pitboss_store_reachable), and every few minutes the ledger's own balance check
// (granted = wallets + tables, one query) feeds pitboss_ledger_balanced. Alerts read both
// (deploy/prometheus/alerts.yml); neither changes anything.

import type { Store } from '../../ports/store.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from './logger.js';

export interface StoreWatchOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly probeMs: number;
  /** null: never check the ledger. */
  readonly ledgerMs: number | null;
}

export class StoreWatch {
  readonly #options: StoreWatchOptions;
  #reachable = true;
  #balanced: boolean | null = null;
  #timers: TimerHandle[] = [];
  #stopped = false;

  constructor(options: StoreWatchOptions) {
    this.#options = options;
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  /** The latest ledger check (null before the first one finished). */
  get balanced(): boolean | null {
    return this.#balanced;
  }

  /** Records an audit run elsewhere (the operator's button), so the gauge shows the newest result. */
  recordAudit(balanced: boolean): void {
    this.#balanced = balanced;
  }

  start(): void {
    this.#loop(this.#options.probeMs, () => this.#probe());
    const ledgerMs = this.#options.ledgerMs;
    if (ledgerMs !== null) this.#loop(ledgerMs, () => this.#checkLedger(), 0);
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) t.cancel();
    this.#timers = [];
  }

  #loop(everyMs: number, run: () => Promise<void>, firstMs = everyMs): void {
    const schedule = (ms: number): void => {
      if (this.#stopped) return;
      const timer = this.#options.clock.after(ms, () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        void run().finally(() => schedule(everyMs));
      });
      this.#timers.push(timer);
    };
    schedule(firstMs);
  }

  async #probe(): Promise<void> {
    const was = this.#reachable;
    try {
      await this.#options.store.ping();
      this.#reachable = true;
    } catch (error) {
      this.#reachable = false;
      if (was) this.#options.logger.warn({ err: error }, 'the Store does not answer');
    }
    if (!was && this.#reachable) this.#options.logger.info('the Store answers again');
  }

  async #checkLedger(): Promise<void> {
    try {
      const audit = await this.#options.store.audit();
      this.#balanced = audit.balanced;
      if (!audit.balanced)
        this.#options.logger.error(
          { granted: audit.granted, inWallets: audit.inWallets },
          'ledger check: granted chips differ from wallets + tables',
        );
    } catch {
      // Unreachable: the probe reports it; the last known balance stands.
    }
  }
}
