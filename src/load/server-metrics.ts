// Reads the node's own view of the run from its Prometheus endpoint (/metrics): process CPU and
// memory, event-loop lag, connections, messages and commands. Values of one metric with several
// label sets (per game, per code) are summed.

export interface ServerSample {
  /** Date.now() when the sample was read. */
  readonly at: number;
  /**
   * The node that answered (its `node` label), or null. Behind a load balancer each read may reach
   * another node: two samples are comparable only when they name the same one.
   */
  readonly node: string | null;
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** p99 event-loop lag since the previous scrape (prom-client resets it on every read). */
  readonly eventLoopLagP99Ms: number | null;
  readonly connections: number;
  readonly authenticated: number;
  readonly messagesIn: number;
  readonly messagesOut: number;
  /** Commands the tables accepted (players' actions, timeouts, starts, seats…). */
  readonly commands: number;
  readonly hands: number;
  readonly tables: number;
}

const WANTED = {
  process_cpu_seconds_total: 'cpuSeconds',
  process_resident_memory_bytes: 'rssBytes',
  nodejs_heap_size_used_bytes: 'heapUsedBytes',
  nodejs_eventloop_lag_p99_seconds: 'eventLoopLagP99Ms',
  pitboss_connections: 'connections',
  pitboss_connections_authenticated: 'authenticated',
  pitboss_messages_in_total: 'messagesIn',
  pitboss_messages_out_total: 'messagesOut',
  pitboss_action_seconds_count: 'commands',
  pitboss_hands_total: 'hands',
  pitboss_tables: 'tables',
} as const;

type Field = (typeof WANTED)[keyof typeof WANTED];

const NODE_LABEL = /[{,]node="([^"]*)"/;

/** Two samples of the same node (or of an unlabelled one): their differences mean something. */
export function sameNode(a: ServerSample, b: ServerSample): boolean {
  return a.node === b.node;
}

/** Parses Prometheus text exposition into a sample; metrics the text lacks read as 0 (lag: null). */
export function parseServerMetrics(text: string, at: number): ServerSample {
  const sums = new Map<Field, number>();
  let node: string | null = null;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    if (space < 0) continue;
    const name = line.slice(0, brace >= 0 && brace < space ? brace : space);
    const field = (WANTED as Record<string, Field | undefined>)[name];
    if (field === undefined) continue;
    node ??= NODE_LABEL.exec(line)?.[1] ?? null;
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) sums.set(field, (sums.get(field) ?? 0) + value);
  }
  const get = (f: Field) => sums.get(f) ?? 0;
  const lag = sums.get('eventLoopLagP99Ms');
  return {
    at,
    node,
    cpuSeconds: get('cpuSeconds'),
    rssBytes: get('rssBytes'),
    heapUsedBytes: get('heapUsedBytes'),
    eventLoopLagP99Ms: lag === undefined ? null : lag * 1000,
    connections: get('connections'),
    authenticated: get('authenticated'),
    messagesIn: get('messagesIn'),
    messagesOut: get('messagesOut'),
    commands: get('commands'),
    hands: get('hands'),
    tables: get('tables'),
  };
}

export class MetricsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MetricsUnavailableError';
  }
}

export async function fetchServerMetrics(httpBase: string, timeoutMs = 5_000): Promise<ServerSample> {
  try {
    const res = await fetch(`${httpBase}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new MetricsUnavailableError(`GET /metrics answered ${res.status}`);
    return parseServerMetrics(await res.text(), Date.now());
  } catch (error) {
    if (error instanceof MetricsUnavailableError) throw error;
    throw new MetricsUnavailableError(`cannot read ${httpBase}/metrics`, { cause: error });
  }
}

/** The node's HTTP base URL from its WebSocket URL: ws://h:p/ws → http://h:p. */
export function httpBaseOf(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.origin;
}
