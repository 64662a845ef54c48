// Prometheus metrics (prom-client). Each node owns its own Registry — no global default registry —
// so several nodes can run in one test process without sharing counters.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const EXPENSIVE_DEFAULT_METRICS = [
  'process_open_fds',
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
  'nodejs_active_requests',
  'nodejs_active_requests_total',
];

/** What a table actor reports. */
export interface TableMetrics {
  /** Command accepted → events sent, in milliseconds (includes the log append). */
  observeAction(game: string, ms: number): void;
  observeAppend(ms: number): void;
  handEnded(game: string): void;
  rejected(code: string): void;
}

/** What the node's state gauges read at each scrape (set once the node's parts exist). */
export interface NodeStateSources {
  /** Tables whose log is unreachable, waiting with their timers frozen. */
  pausedTables(): number;
  /** What /ready answers. */
  ready(): boolean;
  /** The cluster registry (Redis) answers heartbeats; always true on one embedded node. */
  registryReachable(): boolean;
  /** The Store (PostgreSQL or SQLite) answered its latest probe. */
  storeReachable(): boolean;
  /** The ledger's latest balance check: granted = wallets + tables (null: not checked yet). */
  ledgerBalanced(): boolean | null;
}

export class NodeMetrics implements TableMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'pitboss_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly authenticated = new Gauge({
    name: 'pitboss_connections_authenticated',
    help: 'Authenticated WebSocket connections',
    registers: [this.registry],
  });
  readonly tables = new Gauge({
    name: 'pitboss_tables',
    help: 'Tables hosted by this node',
    labelNames: ['game'] as const,
    registers: [this.registry],
  });
  readonly hands = new Counter({
    name: 'pitboss_hands_total',
    help: 'Hands finished',
    labelNames: ['game'] as const,
    registers: [this.registry],
  });
  readonly actions = new Histogram({
    name: 'pitboss_action_seconds',
    help: 'Accepted command: received by the table → persisted → events sent',
    labelNames: ['game'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly appends = new Histogram({
    name: 'pitboss_log_append_seconds',
    help: 'TableLog append latency',
    buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'pitboss_errors_total',
    help: 'Error replies and rejections by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly messagesIn = new Counter({
    name: 'pitboss_messages_in_total',
    help: 'Client messages received',
    registers: [this.registry],
  });
  readonly messagesOut = new Counter({
    name: 'pitboss_messages_out_total',
    help: 'Messages sent to clients',
    registers: [this.registry],
  });
  readonly tablesCreated = new Counter({
    name: 'pitboss_tables_created_total',
    help: 'Tables created on this node (takeovers are pitboss_table_takeovers_total)',
    registers: [this.registry],
  });
  readonly closes = new Counter({
    name: 'pitboss_closes_total',
    help: 'Connections closed by the server, by close code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly takeovers = new Counter({
    name: 'pitboss_table_takeovers_total',
    help: 'Tables this node took over: from a dead node (failover) or handed to it live (move)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly handOffs = new Counter({
    name: 'pitboss_table_handoffs_total',
    help: 'Tables this node handed to another (drain, move): moved, or kept after a failed transfer',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  #sources: NodeStateSources | null = null;
  /**
   * The same counts as plain numbers, read synchronously with every heartbeat (prom-client's own
   * values are only readable asynchronously): the load the autoscaler sees in the registry.
   */
  readonly #totals = { messagesIn: 0, errors: 0, tablesCreated: 0 };

  constructor(nodeId: string) {
    this.registry.setDefaultLabels({ node: nodeId });
    // Process CPU, memory, GC and event-loop lag (nodejs_eventloop_lag_* from perf_hooks).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    // Except the collectors whose cost grows with connections: they list every open handle or read
    // /proc/self/fd on each scrape, which blocked a node with 19,800 sockets for ~100 ms per scrape
    // (docs/benchmarks.md). pitboss_connections counts what matters here.
    for (const name of EXPENSIVE_DEFAULT_METRICS) this.registry.removeSingleMetric(name);
    const state = (name: string, help: string, read: (s: NodeStateSources) => number | null): void => {
      const sources = (): NodeStateSources | null => this.#sources;
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const s = sources();
          const value = s ? read(s) : null;
          // Not known yet (the node is starting, or never checked): no sample rather than a guess.
          if (value === null) this.reset();
          else this.set(value);
        },
      });
    };
    state('pitboss_ready', '1 when /ready answers 200 (serving, not draining, registry reachable)', (s) =>
      s.ready() ? 1 : 0,
    );
    state('pitboss_tables_paused', 'Tables waiting for their log to be reachable again', (s) =>
      s.pausedTables(),
    );
    state('pitboss_registry_reachable', '1 while the cluster registry (Redis) answers heartbeats', (s) =>
      s.registryReachable() ? 1 : 0,
    );
    state(
      'pitboss_store_reachable',
      '1 when the Store (PostgreSQL or SQLite) answered its latest probe',
      (s) => (s.storeReachable() ? 1 : 0),
    );
    state(
      'pitboss_ledger_balanced',
      '1 when the latest ledger check found granted = wallets + tables',
      (s) => {
        const balanced = s.ledgerBalanced();
        return balanced === null ? null : balanced ? 1 : 0;
      },
    );
  }

  /** Connects the state gauges to the node's parts (until then they report nothing). */
  readState(sources: NodeStateSources): void {
    this.#sources = sources;
  }

  observeAction(game: string, ms: number): void {
    this.actions.observe({ game }, ms / 1000);
  }

  observeAppend(ms: number): void {
    this.appends.observe(ms / 1000);
  }

  handEnded(game: string): void {
    this.hands.inc({ game });
  }

  rejected(code: string): void {
    this.errors.inc({ code });
    this.#totals.errors++;
  }

  messageIn(): void {
    this.messagesIn.inc();
    this.#totals.messagesIn++;
  }

  tableCreated(): void {
    this.tablesCreated.inc();
    this.#totals.tablesCreated++;
  }

  /** Client messages, error replies and tables created since the node started. */
  totals(): Readonly<{ messagesIn: number; errors: number; tablesCreated: number }> {
    return { ...this.#totals };
  }
}
