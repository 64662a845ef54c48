// Wallet pushes: when a table moves chips (buy-in, cash-out), every connection of that account
// hears its new balance. On one node that is a local lookup; in a cluster the table may run on
// another node than the player's connections, so the change goes out on the Bus (topic `wallet`)
// and every node delivers it to its own connections.

import { z } from 'zod';
import type { Bus } from '../../ports/bus.js';
import type { Logger } from '../ops/logger.js';
import { BusTopic } from './bus-topic.js';
import type { SessionRegistry } from './session-registry.js';

const WalletChange = z.object({
  account: z.string().min(1).max(128),
  balance: z.number().int().nonnegative(),
});

export class WalletPushes {
  readonly #topic: BusTopic<z.infer<typeof WalletChange>>;

  constructor(registry: SessionRegistry, bus: Bus | null, logger: Logger) {
    this.#topic = new BusTopic({
      topic: 'wallet',
      schema: WalletChange,
      bus,
      logger,
      deliver: ({ account, balance }) =>
        registry.sendTo(account, JSON.stringify({ type: 'wallet', balance })),
    });
  }

  start(): Promise<void> {
    return this.#topic.start();
  }

  changed(account: string, balance: number): void {
    this.#topic.publish({ account, balance });
  }

  stop(): Promise<void> {
    return this.#topic.stop();
  }
}
