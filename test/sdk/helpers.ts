// Helpers for the SDK tests: clients wired to the fake server with fast, jitter-free reconnects,
// and promises for the next client event that matches.

import { WebSocket } from 'ws';
import { PitbossClient, type ClientEvents, type PitbossClientOptions } from '../../src/sdk/index.js';
import type { FakeServer } from './fake-server.js';

export function makeClient(server: FakeServer, options: Partial<PitbossClientOptions> = {}): PitbossClient {
  return new PitbossClient({
    url: options.url ?? server.url,
    WebSocket,
    requestTimeoutMs: 2_000,
    reconnect: { initialDelayMs: 2, maxDelayMs: 10, jitter: 0 },
    ...options,
  });
}

/** The next `event` whose payload satisfies `matches`. */
export function nextEvent<K extends keyof ClientEvents>(
  client: PitbossClient,
  event: K,
  matches: (payload: ClientEvents[K]) => boolean = () => true,
): Promise<ClientEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(event, (payload) => {
      if (!matches(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** Records every payload of `event`. */
export function record<K extends keyof ClientEvents>(client: PitbossClient, event: K): ClientEvents[K][] {
  const seen: ClientEvents[K][] = [];
  client.on(event, (payload) => seen.push(payload));
  return seen;
}

/** Lets pending socket I/O and timers run: the time several 2–10 ms reconnect delays would take. */
export function settle(ms = 60): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
