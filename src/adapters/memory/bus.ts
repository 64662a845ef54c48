// In-memory Bus. Delivery is asynchronous, like a networked bus: handlers run in a microtask after
// publish() returns, so code that works here does not accidentally depend on synchronous
// delivery and break on Redis. Several MemoryBus instances can share one MemoryBusHub to model
// several nodes in one process; each instance's close() only drops its own subscriptions.

import type { Bus, Subscription } from '../../ports/bus.js';
import { UnavailableError } from '../../ports/errors.js';

type Handler = (message: string) => void;

/** The shared medium: topic → live handlers. Holds no messages; delivery is fire-and-forget. */
export class MemoryBusHub {
  private readonly topics = new Map<string, Set<Handler>>();

  add(topic: string, handler: Handler): void {
    let handlers = this.topics.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.topics.set(topic, handlers);
    }
    handlers.add(handler);
  }

  remove(topic: string, handler: Handler): void {
    const handlers = this.topics.get(topic);
    if (!handlers) return;
    handlers.delete(handler);
    if (handlers.size === 0) this.topics.delete(topic);
  }

  /** A copy, so that subscribing during delivery does not receive the message being delivered. */
  handlers(topic: string): Handler[] {
    const handlers = this.topics.get(topic);
    return handlers ? [...handlers] : [];
  }
}

interface OwnSubscription {
  readonly topic: string;
  readonly handler: Handler;
  active: boolean;
}

export interface MemoryBusOptions {
  /** Shared with other MemoryBus instances that should hear each other (default: a private hub). */
  readonly hub?: MemoryBusHub;
  /** Called when a handler throws; the other handlers still get the message. Default: ignore. */
  readonly onHandlerError?: (error: unknown, topic: string) => void;
}

export class MemoryBus implements Bus {
  private readonly hub: MemoryBusHub;
  private readonly onHandlerError: (error: unknown, topic: string) => void;
  private readonly own = new Set<OwnSubscription>();
  private closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.hub = options.hub ?? new MemoryBusHub();
    this.onHandlerError = options.onHandlerError ?? (() => undefined);
  }

  publish(topic: string, message: string): Promise<void> {
    if (this.closed) return Promise.reject(new UnavailableError('bus is closed'));
    for (const handler of this.hub.handlers(topic)) queueMicrotask(() => handler(message));
    return Promise.resolve();
  }

  subscribe(topic: string, handler: (message: string) => void): Promise<Subscription> {
    if (this.closed) return Promise.reject(new UnavailableError('bus is closed'));
    // Each subscription gets its own wrapper so that the same function subscribed twice is two
    // subscriptions, and so that messages queued before unsubscribe() are dropped, not delivered.
    // A throwing handler is reported to its own bus's onHandlerError and stops nothing else.
    const record: OwnSubscription = {
      topic,
      active: true,
      handler: (message) => {
        if (!record.active) return;
        try {
          handler(message);
        } catch (error) {
          this.onHandlerError(error, topic);
        }
      },
    };
    this.hub.add(topic, record.handler);
    this.own.add(record);
    const unsubscribe = (): Promise<void> => {
      this.drop(record);
      return Promise.resolve();
    };
    return Promise.resolve({ unsubscribe });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const record of this.own) this.drop(record);
    return Promise.resolve();
  }

  private drop(record: OwnSubscription): void {
    record.active = false;
    this.hub.remove(record.topic, record.handler);
    this.own.delete(record);
  }
}
