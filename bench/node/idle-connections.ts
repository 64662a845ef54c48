// N idle, authenticated connections (hello + auth.guest, then nothing), for the heap cost of a
// connection that is only present. Opened from the benchmark's main thread with bounded
// concurrency, from a second loopback address so they do not use the load run's source ports.

import WebSocket from 'ws';
import { PitbossClient } from '../../src/sdk/index.js';

class IdleSocket extends WebSocket {
  constructor(url: string) {
    super(url, { perMessageDeflate: false, localAddress: '127.0.0.2' });
  }
}

export interface IdleConnections {
  readonly opened: number;
  readonly failed: number;
  close(): Promise<void>;
}

export async function openIdleConnections(
  url: string,
  count: number,
  concurrency = 100,
): Promise<IdleConnections> {
  const clients: PitbossClient[] = [];
  let failed = 0;
  let next = 0;
  const one = async (i: number): Promise<void> => {
    const client = new PitbossClient({
      url,
      WebSocket: IdleSocket,
      reconnect: false,
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 30_000,
    });
    try {
      await client.connect();
      await client.request('auth.guest', { nickname: `idle-${i}` });
      clients.push(client);
    } catch {
      failed++;
      client.close();
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return {
    opened: clients.length,
    failed,
    async close() {
      for (const c of clients) c.close();
      // Let the close handshakes finish before the caller measures again.
      await new Promise((r) => setTimeout(r, 2000));
    },
  };
}
