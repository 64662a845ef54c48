// A notification every node delivers to its own connections: on one node a direct call; in a
// cluster it goes out on the Bus under `topic` and each node's subscriber delivers what it reads,
// after checking it against `schema` (node-to-node messages are validated like client input).

import type { z } from 'zod';
import type { Bus, Subscription } from '../../ports/bus.js';
import type { Logger } from '../ops/logger.js';

export class BusTopic<T> {
  #subscription: Subscription | null = null;

  constructor(
    private readonly options: {
      readonly topic: string;
      readonly schema: z.ZodType<T>;
      /** The cluster's bus, or null on a node that is the whole system. */
      readonly bus: Bus | null;
      readonly deliver: (message: T) => void;
      readonly logger: Logger;
    },
  ) {}

  async start(): Promise<void> {
    const { bus, topic, schema, deliver, logger } = this.options;
    if (!bus) return;
    this.#subscription = await bus.subscribe(topic, (raw) => {
      let parsed;
      try {
        parsed = schema.safeParse(JSON.parse(raw));
      } catch {
        parsed = null;
      }
      if (parsed?.success) deliver(parsed.data);
      else logger.warn({ topic }, 'unreadable message on the bus');
    });
  }

  publish(message: T): void {
    const { bus, topic, deliver, logger } = this.options;
    if (!bus) return deliver(message);
    bus
      .publish(topic, JSON.stringify(message))
      .catch((error: unknown) => logger.warn({ topic, err: error }, 'bus message not published'));
  }

  async stop(): Promise<void> {
    await this.#subscription?.unsubscribe();
  }
}
