// One Pitboss node: gateway and table host in one process. Everything it uses is constructed here
// and handed down (no module singletons), so several nodes can run in one test process and the
// cluster swaps adapters without touching anything below this file.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Bus } from '../ports/bus.js';
import { ConflictError } from '../ports/errors.js';
import { ClusterRuntime } from '../cluster/cluster-runtime.js';
import { LoadSampler } from '../cluster/load-sampler.js';
import { OperatorNotices } from './gateway/operator-notices.js';
import { WalletPushes } from './gateway/wallet-pushes.js';
import type { CatalogCache } from '../ports/catalog-cache.js';
import type { Directory } from '../ports/directory.js';
import type { Registry } from '../ports/registry.js';
import type { Store } from '../ports/store.js';
import type { TableLog } from '../ports/table-log.js';
import { CloseCode, ErrorCode } from '../protocol/codes.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AuthService } from './gateway/auth-service.js';
import { Gateway } from './gateway/gateway.js';
import { gatewayGuards } from './gateway/guards.js';
import { SessionRegistry } from './gateway/session-registry.js';
import { ConnectionsPerIp } from './http/connections-per-ip.js';
import { HttpFrontend } from './http/http-server.js';
import { StaticFiles } from './http/static-files.js';
import { Lobby } from './lobby/lobby.js';
import { createLogger, type Logger } from './ops/logger.js';
import { NodeMetrics } from './ops/metrics.js';
import { auditChips } from './ops/audit.js';
import { StoreWatch } from './ops/store-watch.js';
import { nodeOverview } from './ops/overview.js';
import { READY_MESSAGE } from '../protocol/ready-line.js';
import { settleWithin } from './settle-within.js';
import { createGameCatalog } from './tables/game-catalog.js';
import { IdleTableSweeper } from './tables/idle-tables.js';
import { LocalTableRouter } from './tables/local-router.js';
import { TableEndpoint } from './tables/table-endpoint.js';
import { TableHost } from './tables/table-host.js';
import type { AutoscaleState } from '../ports/autoscale-state.js';

/** The node's adapters behind the ports. `close` releases them. */
export interface NodeServices {
  readonly store: Store;
  readonly log: TableLog;
  readonly directory: Directory;
  readonly bus: Bus;
  readonly auth: AuthService;
  /** Cluster membership; present only for a cluster node (Redis-backed services). */
  readonly registry?: Registry;
  /** Open tables' catalog records beside their logs (a cluster: takeovers while PostgreSQL is down). */
  readonly catalogCache?: CatalogCache;
  /** The autoscaler's lease and decision journal, shown on /admin (a cluster node). */
  readonly autoscaleState?: AutoscaleState;
  close(): Promise<void>;
}

export interface NodeSecrets {
  readonly tokenSecret: string;
  readonly adminToken: string;
}

export interface NodeStartOptions {
  /** Adapters to use; by default `createServices` builds the embedded ones (SQLite in dataDir). */
  readonly createServices: (config: Config, secrets: NodeSecrets, logger: Logger) => Promise<NodeServices>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Directory of the built browser client. */
  readonly webRoot?: string;
  /** Runs right before the node binds its port (a cluster node's waiting server gives it up). */
  readonly beforeListen?: () => Promise<void>;
  /** Runs when the node has stopped by itself (after a drain an operator asked for): exit here. */
  readonly onStopped?: (ok: boolean) => void;
}

/** How long a stopping node waits for a connection's requests to be answered before closing it. */
const ANSWER_BEFORE_CLOSE_MS = 2000;

export class PitbossNode {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
  readonly host: TableHost;
  readonly lobby: Lobby;
  readonly gateway: Gateway;
  readonly services: NodeServices;
  readonly adminToken: string;
  readonly #http: HttpFrontend;
  readonly #idleTables: IdleTableSweeper;
  #storeWatch: StoreWatch | null = null;
  #cluster: ClusterRuntime | null = null;
  #wallets: WalletPushes | null = null;
  #notices: OperatorNotices | null = null;
  #onStopped: ((ok: boolean) => void) | null = null;
  #port = 0;
  #ready = false;
  #stopping: Promise<void> | null = null;

  private constructor(parts: {
    config: Config;
    logger: Logger;
    metrics: NodeMetrics;
    host: TableHost;
    lobby: Lobby;
    gateway: Gateway;
    services: NodeServices;
    adminToken: string;
    http: HttpFrontend;
    idleTables: IdleTableSweeper;
  }) {
    this.config = parts.config;
    this.logger = parts.logger;
    this.metrics = parts.metrics;
    this.host = parts.host;
    this.lobby = parts.lobby;
    this.gateway = parts.gateway;
    this.services = parts.services;
    this.adminToken = parts.adminToken;
    this.#http = parts.http;
    this.#idleTables = parts.idleTables;
  }

  static async start(config: Config, options: NodeStartOptions): Promise<PitbossNode> {
    createPrivateDir(config.dataDir);
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? createLogger({ level: config.logLevel, nodeId: config.nodeId });
    const secrets = loadSecrets(config);
    const metrics = new NodeMetrics(config.nodeId);
    const services = await options.createServices(config, secrets, logger);
    const registry = new SessionRegistry();
    const wallets = new WalletPushes(registry, services.registry ? services.bus : null, logger);
    await wallets.start();
    const notices = new OperatorNotices(registry, services.registry ? services.bus : null, logger);
    await notices.start();
    const connections = new ConnectionsPerIp(config.limits.maxConnectionsPerIp, () =>
      metrics.rejected('rate/connections_per_ip'),
    );
    const catalog = createGameCatalog();
    const lobby = new Lobby({ bus: services.bus, clock, logger, debounceMs: 500 });
    const host = new TableHost({
      nodeId: config.nodeId,
      catalog,
      store: services.store,
      log: services.log,
      directory: services.directory,
      lobby,
      clock,
      logger,
      metrics,
      timing: {
        handDelayMs: config.timing.handDelayMs,
        graceMs: config.timing.graceSeconds * 1000,
        standUpMs: config.timing.standUpSeconds * 1000,
        bustedStandUpMs: config.timing.bustedStandUpSeconds * 1000,
        botMinMs: config.timing.botMinMs,
        botMaxMs: config.timing.botMaxMs,
        leavingMs: config.timing.leavingMs,
        effectRetryMs: 1000,
      },
      walletChanged: (accountId, balance) => wallets.changed(accountId, balance),
      ...(services.catalogCache ? { catalogCache: services.catalogCache } : {}),
      limits: {
        tablesPerAccount: config.limits.tablesPerAccount,
        maxTables: config.limits.maxTables,
        maxBotsAtPlayerTables: config.limits.maxBotsAtPlayerTables,
      },
    });
    await lobby.start(() => host.summaries());
    const idleTables = new IdleTableSweeper({
      host,
      clock,
      logger,
      idleMs: config.limits.idleTableCloseSeconds * 1000,
    });
    const endpoint = new TableEndpoint(host);
    let gateway: Gateway | null = null;
    const cluster =
      services.registry && config.cluster.secret
        ? new ClusterRuntime({
            nodeId: config.nodeId,
            secret: config.cluster.secret,
            heartbeatMs: config.cluster.heartbeatMs,
            leaseMs: config.cluster.leaseMs,
            placement: config.cluster.placement,
            linkTimeoutMs: config.cluster.linkTimeoutMs,
            drainWithoutTarget: config.cluster.drainWithoutTarget,
            drainConcurrency: config.cluster.drainConcurrency,
            registry: services.registry,
            directory: services.directory,
            host,
            endpoint,
            connections: { connection: (id) => gateway?.session(id) },
            lobby,
            load: new LoadSampler({
              counts: () => ({ tables: host.size, players: gateway?.connections ?? 0 }),
              totals: () => metrics.totals(),
            }),
            logger,
          })
        : null;
    // Finds any table, on this node or another: the gateway's handlers and the operator's actions.
    const router = cluster ? cluster.router : new LocalTableRouter(host, endpoint);
    gateway = new Gateway({
      nodeId: config.nodeId,
      auth: services.auth,
      host,
      tables: router,
      catalog,
      lobby,
      store: services.store,
      metrics,
      logger,
      clock,
      registry,
      connections,
      ...gatewayGuards(config),
      heartbeatSeconds: config.limits.heartbeatSeconds,
      bustedSeatSeconds: config.timing.bustedStandUpSeconds,
    });
    const startedAt = clock.now();
    let node: PitbossNode | null = null;
    const storeWatch = new StoreWatch({
      store: services.store,
      clock,
      logger,
      probeMs: config.storeProbeSeconds * 1000,
      ledgerMs: config.ledgerCheckSeconds === 0 ? null : config.ledgerCheckSeconds * 1000,
    });
    // A cluster node that cannot reach Redis records nothing: HAProxy should send clients elsewhere.
    const isReady = (): boolean => node !== null && node.ready && (cluster?.healthy() ?? true);
    metrics.readState({
      pausedTables: () => host.pausedCount(),
      ready: isReady,
      registryReachable: () => cluster?.healthy() ?? true,
      storeReachable: () => storeWatch.reachable,
      ledgerBalanced: () => storeWatch.balanced,
    });
    const http = new HttpFrontend({
      gateway,
      connections,
      handshakeTimeoutMs: config.limits.handshakeTimeoutMs,
      metrics,
      logger,
      staticFiles: new StaticFiles(options.webRoot ?? defaultWebRoot()),
      adminToken: secrets.adminToken,
      isReady,
      overview: () =>
        nodeOverview({
          nodeId: config.nodeId,
          startedAt,
          clock,
          gateway,
          host,
          metrics,
          ...(services.autoscaleState ? { autoscaleState: services.autoscaleState } : {}),
          ...(cluster
            ? {
                members: () =>
                  cluster.membership.members().map((m) => ({
                    nodeId: m.nodeId,
                    state: m.state,
                    tables: m.load.tables,
                    players: m.load.players,
                    cpu: m.load.cpu,
                    memory: m.load.memory,
                  })),
              }
            : {}),
        }),
      actions: {
        drain: () => (node ? node.drain() : { ok: false, reason: 'the node is starting' }),
        move: async (tableId, to) =>
          cluster
            ? cluster.mover.move(tableId, to)
            : { ok: false, code: 'request/forbidden', message: 'this node is not part of a cluster' },
        broadcast: (message) => notices.send(message),
        close: async (tableId) => {
          if (cluster) return cluster.closeTable(tableId);
          return host.startClose(tableId)
            ? { ok: true }
            : { ok: false, code: ErrorCode.tableNotFound, message: `no table ${tableId}` };
        },
        // Through the table's handle, like a player's command: to its owner, whichever node that is.
        pause: async (tableId, paused) => {
          const table = await router.find(tableId);
          if (!table) return { ok: false, code: ErrorCode.tableNotFound, message: `no table ${tableId}` };
          const result = await table.setPaused(paused);
          return result.ok ? result : { ok: false, code: result.code, message: result.message };
        },
        // The same path as the player's own Leave: a cash-out through the ledger, on whichever node.
        standUp: async (tableId, accountId) => {
          const table = await router.find(tableId);
          if (!table) return { ok: false, code: ErrorCode.tableNotFound, message: `no table ${tableId}` };
          const left = await table.seatCommand(accountId, 'stand_up');
          return left.ok ? { ok: true } : { ok: false, code: left.code, message: left.message };
        },
      },
      audit: async () => {
        const audit = await auditChips(services.store, host, (local) =>
          cluster ? cluster.tableChips(local) : Promise.resolve(local),
        );
        storeWatch.recordAudit(audit.balanced);
        return audit;
      },
      upgrades: cluster
        ? { '/cluster': (req, socket, head) => cluster.linkServer.handleUpgrade(req, socket, head) }
        : {},
    });
    node = new PitbossNode({
      config,
      logger,
      metrics,
      host,
      lobby,
      gateway,
      services,
      adminToken: secrets.adminToken,
      http,
      idleTables,
    });

    node.#cluster = cluster;
    node.#wallets = wallets;
    node.#notices = notices;
    node.#onStopped = options.onStopped ?? null;
    if (cluster) {
      // A cluster node listens first (peers must reach it), joins as `starting`, opens the tables
      // that are its to open, seeds the demo tables once for the whole cluster, and only then
      // says `ready` to the cluster and to /ready (HAProxy).
      await options.beforeListen?.();
      node.#port = await http.listen(config.port, config.host);
      const advertise = config.cluster.advertiseHost ?? config.host;
      await cluster.join(`ws://${advertise}:${node.#port}/cluster`);
      await host.start((record) => cluster.claim(record));
      await node.#createDemoTables(true);
      await cluster.ready();
    } else {
      await host.start();
      if (host.size === 0) await node.#createDemoTables(false);
      await options.beforeListen?.();
      node.#port = await http.listen(config.port, config.host);
    }
    idleTables.start();
    storeWatch.start();
    node.#storeWatch = storeWatch;
    node.#ready = true;
    logger.info(
      { port: node.#port, host: config.host, tables: host.size, dataDir: config.dataDir },
      READY_MESSAGE,
    );
    return node;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://${this.config.host}:${this.#port}`;
  }

  get ready(): boolean {
    return this.#ready;
  }

  /**
   * An operator's drain (`POST /api/admin/drain`, `pitboss drain`): starts the graceful stop, which
   * hands every table to another node first, and answers at once. Refused — nothing changes — on a
   * node outside a cluster, or with no other ready node (unless `cluster.drainWithoutTarget` is
   * `wait`). When the node has stopped, `onStopped` runs (the CLI exits 0, or 1 if stopping failed).
   */
  drain(): { ok: true; tables: number } | { ok: false; reason: string } {
    const cluster = this.#cluster;
    if (!cluster)
      return { ok: false, reason: 'this node is not part of a cluster: no other node could take its tables' };
    if (this.#stopping) return { ok: true, tables: this.host.size };
    const refused = cluster.drainRefusal();
    if (refused) return { ok: false, reason: refused };
    const tables = this.host.size;
    this.stop().then(
      () => this.#onStopped?.(true),
      (error: unknown) => {
        this.logger.error({ err: error }, 'stopping after a drain failed');
        this.#onStopped?.(false);
      },
    );
    return { ok: true, tables };
  }

  /**
   * Graceful stop (SIGTERM): refuse new work — a cluster node first drains, handing every table
   * live to another node —, let in-flight commands finish and persist, close every socket (1012
   * "service restart" after a drain, else 1001 "going away": reconnect either way), release the
   * adapters. Idempotent.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.logger.info('pitboss node stopping');
    this.#ready = false;
    this.#idleTables.stop();
    this.#storeWatch?.stop();
    const drained = await this.#drainTables();
    this.gateway.stopAccepting();
    const httpClosed = this.#http.close();
    // A cluster node keeps what it still hosts recorded as its own: the others take it over (CAS on
    // the epoch) as soon as it leaves the registry, just as after a crash.
    const release = this.#cluster === null;
    if (!(await settleWithin(this.host.stop({ release }), this.config.timing.shutdownGraceMs))) {
      this.logger.warn('tables did not stop within the shutdown grace period');
    }
    // Requests still being answered (an action forwarded to a table's new owner) get their answer
    // before the connection goes, within a bound.
    if (drained)
      await this.gateway.closeAllAnswered(
        CloseCode.serviceRestart,
        'node drained: reconnect',
        ANSWER_BEFORE_CLOSE_MS,
      );
    else
      await this.gateway.closeAllAnswered(
        CloseCode.goingAway,
        'server shutting down: reconnect',
        ANSWER_BEFORE_CLOSE_MS,
      );
    await this.#cluster?.stop();
    await this.lobby.stop();
    await this.#wallets?.stop();
    await this.#notices?.stop();
    await this.gateway.close();
    await settleWithin(httpClosed, 2000);
    await this.services.close();
    this.logger.info('pitboss node stopped');
  }

  /** A cluster node hands its tables to other nodes before it stops; true if it drained. */
  async #drainTables(): Promise<boolean> {
    const cluster = this.#cluster;
    if (!cluster) return false;
    const outcome = await cluster.drain();
    if (outcome.ok) return true;
    this.logger.warn(
      { tables: this.host.size, reason: outcome.reason },
      'stopping without handing tables off: they stay in the log and reopen on the next node to start',
    );
    await cluster.draining();
    return false;
  }

  /**
   * Creates the demo bot tables. In a cluster every node tries, with fixed ids: the Store accepts
   * each id once, so the cluster gets one set however many nodes start at once.
   */
  async #createDemoTables(fixedIds: boolean): Promise<void> {
    const demo = this.config.demoTables;
    const plan: { game: 'holdem' | 'hokm'; name: string; bots: number }[] = [
      ...Array.from({ length: demo.holdem }, (_, i) => ({
        game: 'holdem' as const,
        name: `Hold'em ${i + 1}`,
        bots: i === 0 ? 4 : 5,
      })),
      ...Array.from({ length: demo.hokm }, (_, i) => ({
        game: 'hokm' as const,
        name: `Hokm ${i + 1}`,
        bots: 3,
      })),
    ];
    const catalog = createGameCatalog();
    for (const [index, t] of plan.entries()) {
      const demoConfig = catalog.get(t.game)?.demoConfig ?? {};
      const created = await this.host
        .create({
          ...(fixedIds ? { id: `demo-${t.game}-${index + 1}` } : {}),
          game: t.game,
          name: t.name,
          config: demoConfig,
          options: { bots: t.bots },
          createdBy: null,
        })
        .catch((error: unknown) => {
          if (error instanceof ConflictError) return null; // another node made it first
          throw error;
        });
      if (created && !created.ok) this.logger.warn({ code: created.code }, 'demo table not created');
    }
  }
}

/**
 * Secrets come from configuration, or are generated once into the data directory (mode 0600) so
 * they survive restarts: tokens stay valid and the operator's admin token stays the same.
 */
function loadSecrets(config: Config): NodeSecrets {
  return {
    tokenSecret: config.tokenSecret ?? secretFile(join(config.dataDir, 'token-secret'), 48),
    adminToken: config.adminToken ?? secretFile(join(config.dataDir, 'admin-token'), 24),
  };
}

function secretFile(path: string, bytes: number): string {
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch {
    // not there yet
  }
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The data directory holds seeds, RNG state, password hashes and secrets: only the node's own user
 * may enter it (0700), whether it is new or was created by an older version with the umask's mode.
 */
function createPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** dist/web at the package root, whether this file runs from src/ (tsx) or dist/src/ (built). */
function defaultWebRoot(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}
