// Bus on Redis pub/sub. One Redis subscription per topic however many local handlers it has;
// handlers run asynchronously, each guarded, in the order the server delivered. On a Redis
// Cluster the bus uses sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7): a message goes only to the
// shard that owns its channel's slot instead of being broadcast across the whole cluster. ioredis
// re-subscribes by itself after a reconnect; messages published while a subscriber is
// disconnected are lost (the Bus is fire-and-forget by contract).

import type { Bus, Subscription } from '../../ports/bus.js';
import { UnavailableError } from '../../ports/errors.js';
import { closeRedis, redisCall, RedisKeys, type RedisClient } from './client.js';

type Handler = (message: string) => void;

export interface RedisBusOptions {
  readonly keys?: RedisKeys;
  /** Use sharded pub/sub (set for a Redis Cluster; both clients must be Cluster clients). */
  readonly sharded?: boolean;
  /** Close the publishing client with the bus (default true). The subscriber is always the bus's. */
  readonly ownsPublisher?: boolean;
  readonly onHandlerError?: (error: unknown, topic: string) => void;
}

export class RedisBus implements Bus {
  readonly #publisher: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #keys: RedisKeys;
  readonly #sharded: boolean;
  readonly #ownsPublisher: boolean;
  readonly #onHandlerError: (error: unknown, topic: string) => void;
  /** Channel → handlers (an entry per subscription; the same function twice is two entries). */
  readonly #handlers = new Map<string, { topic: string; handlers: Set<{ handler: Handler }> }>();
  #closed = false;

  constructor(publisher: RedisClient, subscriber: RedisClient, options: RedisBusOptions = {}) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#keys = options.keys ?? new RedisKeys();
    this.#sharded = options.sharded ?? false;
    this.#ownsPublisher = options.ownsPublisher ?? true;
    this.#onHandlerError = options.onHandlerError ?? (() => undefined);
    const deliver = (channel: string, message: string) => this.#deliver(channel, message);
    subscriber.on(this.#sharded ? 'smessage' : 'message', deliver);
  }

  async publish(topic: string, message: string): Promise<void> {
    this.#open();
    const channel = this.#keys.channel(topic);
    await redisCall('publish', () =>
      this.#sharded ? this.#publisher.spublish(channel, message) : this.#publisher.publish(channel, message),
    );
  }

  async subscribe(topic: string, handler: Handler): Promise<Subscription> {
    this.#open();
    const channel = this.#keys.channel(topic);
    let entry = this.#handlers.get(channel);
    const first = !entry;
    if (!entry) {
      entry = { topic, handlers: new Set() };
      this.#handlers.set(channel, entry);
    }
    const own = { handler };
    entry.handlers.add(own);
    if (first) {
      try {
        await redisCall('subscribe', () =>
          this.#sharded ? this.#subscriber.ssubscribe(channel) : this.#subscriber.subscribe(channel),
        );
      } catch (error) {
        entry.handlers.delete(own);
        if (entry.handlers.size === 0) this.#handlers.delete(channel);
        throw error;
      }
    }
    return { unsubscribe: () => this.#unsubscribe(channel, own) };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#handlers.clear();
    await closeRedis(this.#subscriber);
    if (this.#ownsPublisher) await closeRedis(this.#publisher);
  }

  async #unsubscribe(channel: string, own: { handler: Handler }): Promise<void> {
    const entry = this.#handlers.get(channel);
    if (!entry?.handlers.delete(own) || entry.handlers.size > 0) return;
    this.#handlers.delete(channel);
    if (this.#closed) return;
    await redisCall('unsubscribe', () =>
      this.#sharded ? this.#subscriber.sunsubscribe(channel) : this.#subscriber.unsubscribe(channel),
    );
  }

  #deliver(channel: string, message: string): void {
    const entry = this.#handlers.get(channel);
    if (!entry) return;
    for (const own of [...entry.handlers]) {
      try {
        own.handler(message);
      } catch (error) {
        this.#onHandlerError(error, entry.topic);
      }
    }
  }

  #open(): void {
    if (this.#closed) throw new UnavailableError('the bus is closed');
  }
}
