// Wallet pushes: when a table moves chips (buy-in, cash-out), every connection of that account
// hears its new balance. On one node that is a local lookup; in a cluster the table may run on
// another node than the player's connections, so the change goes out on the Bus (topic `wallet`)
// and every node delivers it to its own connections.

import { z } from 'zod';
import type { Bus, Subscription } from '../../ports/bus.js';
import type { Logger } from '../ops/logger.js';
import type { SessionRegistry } from './session-registry.js';

const TOPIC = 'wallet';
const WalletChange = z.object({
  account: z.string().min(1).max(128),
  balance: z.number().int().nonnegative(),
});

export class WalletPushes {
  #subscription: Subscription | null = null;

  constructor(
    private readonly registry: SessionRegistry,
    /** The cluster's bus, or null on a node that is the whole system. */
    private readonly bus: Bus | null,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (!this.bus) return;
    this.#subscription = await this.bus.subscribe(TOPIC, (raw) => {
      let parsed;
      try {
        parsed = WalletChange.safeParse(JSON.parse(raw));
      } catch {
        parsed = null;
      }
      if (parsed?.success) this.#deliver(parsed.data.account, parsed.data.balance);
      else this.logger.warn('unreadable wallet change on the bus');
    });
  }

  changed(account: string, balance: number): void {
    if (!this.bus) return this.#deliver(account, balance);
    this.bus
      .publish(TOPIC, JSON.stringify({ account, balance }))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'wallet push not published'));
  }

  async stop(): Promise<void> {
    await this.#subscription?.unsubscribe();
  }

  #deliver(account: string, balance: number): void {
    this.registry.sendTo(account, JSON.stringify({ type: 'wallet', balance }));
  }
}
