// A Lua script run by its SHA1 (EVALSHA), loaded on first use or after a server restart (NOSCRIPT).
// Every script touches only the keys it is given, and callers give keys of one hash tag, so the
// same script runs unchanged on one server and on a Redis Cluster.

import { createHash } from 'node:crypto';
import type { RedisClient } from './client.js';

export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    client: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}
