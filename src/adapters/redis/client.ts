// Connecting to Redis — one server or a Redis Cluster — the way every Pitboss Redis adapter wants
// it, plus the two rules they share: key names (every per-table key carries the hash tag
// `{t:<tableId>}`, so one table's keys live in one Cluster slot and a Lua script may touch them
// together) and error translation (driver errors become UnavailableError, keeping `cause`).

import { Redis, type Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import { PortError, UnavailableError } from '../../ports/errors.js';

export type RedisClient = Redis | Cluster;

export interface RedisConnection {
  /** `redis://host:port` for one server, or several `host:port` seeds of a Redis Cluster. */
  readonly url?: string;
  readonly cluster?: readonly string[];
  /**
   * How long one command may take before it fails (and the caller treats its outcome as
   * unknown). Default 2,000 ms: a table whose append times out re-reads its log before the next
   * command instead of hanging.
   */
  readonly commandTimeoutMs?: number;
}

export interface ConnectOptions {
  /** A client that may enter subscribe mode (with sharded pub/sub on a Cluster). */
  readonly subscriber?: boolean;
  /**
   * Connection errors (refused, reset, timed out). The client reconnects by itself; commands fail
   * with UnavailableError meanwhile. Default: ignored (callers see the failed commands).
   */
  readonly onError?: (error: Error) => void;
}

/** Opens a client to one server or a Cluster; it reconnects by itself. */
export function connectRedis(connection: RedisConnection, options: ConnectOptions = {}): RedisClient {
  const client = openClient(connection, options);
  const onError = options.onError ?? (() => undefined);
  client.on('error', (error: Error) => onError(error));
  return client;
}

function openClient(connection: RedisConnection, options: ConnectOptions): RedisClient {
  const base: RedisOptions = {
    // A command issued while disconnected waits for the reconnect, but only this many retries:
    // callers get a prompt UnavailableError instead of an ever-growing queue.
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    commandTimeout: options.subscriber ? undefined : (connection.commandTimeoutMs ?? 2_000),
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    lazyConnect: false,
  };
  if (connection.cluster && connection.cluster.length > 0) {
    const nodes = connection.cluster.map((seed) => {
      const [host, port] = seed.replace(/^redis:\/\//, '').split(':');
      return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
    });
    const clusterOptions: ClusterOptions = {
      redisOptions: base,
      shardedSubscribers: options.subscriber ?? false,
      clusterRetryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
      // Cluster slot moves: follow them quickly rather than failing the command.
      retryDelayOnMoved: 0,
    };
    return new Redis.Cluster(nodes, clusterOptions);
  }
  return new Redis(connection.url ?? 'redis://127.0.0.1:6379', base);
}

/** Key names under one namespace (tests give each run its own). */
export class RedisKeys {
  constructor(readonly prefix = 'pitboss') {}

  /** A per-table key: `<prefix>:{t:<tableId>}:<part>` — one Cluster slot per table. */
  table(tableId: string, part: string): string {
    return `${this.prefix}:{t:${tableId}}:${part}`;
  }

  /** A key of the node registry: all of them share the `{nodes}` tag (one slot; low traffic). */
  nodes(part: string): string {
    return `${this.prefix}:{nodes}:${part}`;
  }

  /** A per-node key of the directory's index (`{n:<nodeId>}`). */
  node(nodeId: string, part: string): string {
    return `${this.prefix}:{n:${nodeId}}:${part}`;
  }

  /** A key of the autoscaler (lease, decision journal): all share the `{autoscale}` tag. */
  autoscale(part: string): string {
    return `${this.prefix}:{autoscale}:${part}`;
  }

  /** A bus channel. */
  channel(topic: string): string {
    return `${this.prefix}:bus:${topic}`;
  }
}

/** Runs a Redis call; driver failures become UnavailableError (with cause), port errors pass. */
export async function redisCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PortError || error instanceof RangeError || error instanceof TypeError) throw error;
    throw new UnavailableError(`Redis ${what} failed`, { cause: error });
  }
}

/** Closes a client: politely if it is connected, at once otherwise. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** A value read back from Redis as JSON, or null when it is missing or not JSON (validated next). */
export function safeJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
