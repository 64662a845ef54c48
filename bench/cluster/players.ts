// SDK players for cluster benchmarks: sign in as a guest, and play check/call at a table while
// timing every action from send to acknowledgement and keeping every event the seat receives.

import WebSocket from 'ws';
import { games } from '../../src/games/index.js';
import { PitbossClient, TableClient } from '../../src/sdk/index.js';

export async function signIn(url: string, nickname: string): Promise<PitbossClient> {
  const client = new PitbossClient({
    url,
    WebSocket,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    requestTimeoutMs: 30_000,
  });
  await client.connect();
  await client.request('auth.guest', { nickname });
  return client;
}

export interface Acting {
  /** [sentAt, latency ms] of every acknowledged action, and its seq. */
  readonly acks: { sentAt: number; ms: number; seq: number }[];
  /** Codes of refused actions (the game's own `action/*` races excluded). */
  readonly refused: { at: number; code: string }[];
  /** Every event seq this seat received for the table, in order; a fresh view is `-view.seq`. */
  readonly seqs: number[];
  stop(): void;
}

/** Check/call `delayMs` into every turn of this seat. */
export function keepActing(client: PitbossClient, tableId: string, delayMs = 200): Acting {
  const table = new TableClient(client, tableId, games.holdem);
  const result: Acting = { acks: [], refused: [], seqs: [], stop: () => undefined };
  client.on('table.event', (m) => {
    if (m.table === tableId) result.seqs.push(m.seq);
  });
  // A fresh view (after a re-watch the events could not be replayed for) covers what it skips.
  client.on('table.view', (m) => {
    if (m.table === tableId) result.seqs.push(-m.seq);
  });
  let busy = false;
  let stopped = false;
  const consider = () => {
    const legal = table.state.legal;
    if (stopped || busy || legal === null) return;
    busy = true;
    setTimeout(() => {
      const sentAt = Date.now();
      table
        .act(legal.check ? { type: 'check' } : { type: 'call' })
        .then(
          (ack) => result.acks.push({ sentAt, ms: Date.now() - sentAt, seq: ack.seq }),
          (error: unknown) => {
            const code = (error as { code?: string }).code ?? String(error);
            // A turn the client still showed while it had already ended is not the server's doing.
            if (!code.startsWith('action/')) result.refused.push({ at: Date.now(), code });
          },
        )
        .finally(() => {
          busy = false;
          setTimeout(consider, 10);
        });
    }, delayMs);
  };
  const off = table.subscribe(consider);
  const timer = setInterval(consider, 250); // after a refusal, try again
  result.stop = () => {
    stopped = true;
    clearInterval(timer);
    off();
  };
  return result;
}

/**
 * Acknowledged actions the seat never saw (neither as an event nor inside a later fresh view), and
 * breaks in the event sequence that no fresh view explains (a gap or a double), plus fresh views.
 */
export function ackedAllPresent(acting: Acting): { missing: number; gaps: number; views: number } {
  const events = new Set(acting.seqs.filter((s) => s > 0));
  const views = acting.seqs.filter((s) => s <= 0).map((s) => -s);
  const missing = acting.acks.filter((a) => !events.has(a.seq) && !views.some((v) => v >= a.seq)).length;
  let gaps = 0;
  let last: number | null = null;
  for (const s of acting.seqs) {
    if (s <= 0) last = -s;
    else {
      if (last !== null && s !== last + 1) gaps++;
      last = s;
    }
  }
  return { missing, gaps, views: views.length };
}

export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
