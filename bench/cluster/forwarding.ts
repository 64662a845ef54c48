// Local vs forwarded, measured directly: at each of a few two-seat tables, one player is connected
// to the node that owns the table and the other to a node that does not. Both check or call as soon
// as it is their turn (after a short pause), and each records action→ack and action→the other seat
// hearing it. Same table, same moment, same actions: the only difference is the forward.

import { games } from '../../src/games/index.js';
import { PitbossClient, TableClient } from '../../src/sdk/index.js';
import { build, type Histogram } from 'hdr-histogram-js';
import WebSocket from 'ws';

export interface ForwardingResult {
  readonly local: { ackP50: number; ackP99: number; count: number };
  readonly forwarded: { ackP50: number; ackP99: number; count: number };
}

interface NodeRef {
  readonly nodeId: string;
  readonly wsUrl: string;
}

type Owner = (table: string) => Promise<string | undefined>;

export async function measureForwarding(
  nodes: readonly NodeRef[],
  ownerOf: Owner,
  options: { tables: number; actionsPerPlayer: number; pauseMs: number },
): Promise<ForwardingResult> {
  const local = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const forwarded = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const creator = await signIn(nodes[0]!.wsUrl, 'Creator');
  const runs: Promise<void>[] = [];
  const clients: PitbossClient[] = [creator];
  for (let t = 0; t < options.tables; t++) {
    const { table } = await creator.request('table.create', {
      game: 'holdem',
      name: `Forwarding ${t}`,
      config: { seats: 2, smallBlind: 5, bigBlind: 10, minBuyIn: 1000, maxBuyIn: 10_000 },
      options: { turnSeconds: 60, bots: 0 },
    });
    const owner = await ownerOf(table.id);
    const home = nodes.find((n) => n.nodeId === owner);
    const away = nodes.find((n) => n.nodeId !== owner);
    if (!home || !away) throw new Error(`table ${table.id}: owner ${owner} not among the nodes`);
    const [a, b] = await Promise.all([signIn(home.wsUrl, `Local${t}`), signIn(away.wsUrl, `Away${t}`)]);
    clients.push(a, b);
    const budget = new Budget(2 * options.actionsPerPlayer);
    runs.push(
      play(a, table.id, local, budget, options.pauseMs),
      play(b, table.id, forwarded, budget, options.pauseMs),
    );
  }
  await Promise.all(runs);
  for (const c of clients) c.close();
  const summary = (h: Histogram) => ({
    ackP50: round(h.getValueAtPercentile(50) / 1000),
    ackP99: round(h.getValueAtPercentile(99) / 1000),
    count: h.totalCount,
  });
  return { local: summary(local), forwarded: summary(forwarded) };
}

async function signIn(url: string, nickname: string): Promise<PitbossClient> {
  const client = new PitbossClient({ url, WebSocket, reconnect: false, requestTimeoutMs: 30_000 });
  await client.connect();
  await client.request('auth.guest', { nickname });
  return client;
}

/** The actions left at one table; when none are, both seats stop. */
class Budget {
  #left: number;
  readonly done: Promise<void>;
  #finish: () => void = () => undefined;

  constructor(actions: number) {
    this.#left = actions;
    this.done = new Promise((resolve) => (this.#finish = resolve));
  }

  take(): boolean {
    if (this.#left <= 0) return false;
    this.#left -= 1;
    if (this.#left === 0) this.#finish();
    return true;
  }
}

/** Plays check/call for one seat until its table's budget is spent; records µs per ack. */
async function play(
  client: PitbossClient,
  tableId: string,
  into: Histogram,
  budget: Budget,
  pauseMs: number,
): Promise<void> {
  const table = new TableClient(client, tableId, games.holdem);
  await table.join(5000);
  let busy = false;
  const consider = () => {
    const legal = table.state.legal;
    if (busy || legal === null) return;
    busy = true;
    setTimeout(() => {
      if (!budget.take()) return;
      const action = legal.check ? { type: 'check' as const } : { type: 'call' as const };
      const started = performance.now();
      table
        .act(action)
        .then(() => into.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000))))
        .catch(() => undefined)
        .finally(() => {
          busy = false;
          consider();
        });
    }, pauseMs);
  };
  const off = table.subscribe(consider);
  consider();
  await budget.done;
  off();
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
