// A message from the operator to every player connected to the cluster (`POST
// /api/admin/broadcast`): each node pushes `{type: "notice", message}` to all its connections.

import { z } from 'zod';
import type { Bus } from '../../ports/bus.js';
import type { Logger } from '../ops/logger.js';
import { BusTopic } from './bus-topic.js';
import type { SessionRegistry } from './session-registry.js';

/** Longest operator message, in characters. */
export const MAX_NOTICE_LENGTH = 500;

export const NoticeSchema = z.object({ message: z.string().trim().min(1).max(MAX_NOTICE_LENGTH) });

export class OperatorNotices {
  readonly #topic: BusTopic<z.infer<typeof NoticeSchema>>;

  constructor(registry: SessionRegistry, bus: Bus | null, logger: Logger) {
    this.#topic = new BusTopic({
      topic: 'notice',
      schema: NoticeSchema,
      bus,
      logger,
      deliver: ({ message }) => registry.sendAll(JSON.stringify({ type: 'notice', message })),
    });
  }

  start(): Promise<void> {
    return this.#topic.start();
  }

  send(message: string): void {
    this.#topic.publish({ message });
  }

  stop(): Promise<void> {
    return this.#topic.stop();
  }
}
