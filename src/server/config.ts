// Node configuration: defaults, then an optional JSON file, then environment variables, then
// command-line flags — each overriding the one before — validated once at start with messages
// that name the offending setting. Keys are dotted paths (`limits.maxConnectionsPerIp`):
//   flag  --limits.max-connections-per-ip=500   (or --limits.maxConnectionsPerIp 500)
//   env   PITBOSS_LIMITS__MAX_CONNECTIONS_PER_IP=500
//   file  { "limits": { "maxConnectionsPerIp": 500 } }   (--config path, or PITBOSS_CONFIG)

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kebab, screaming, SettingSources } from './config-sources.js';

const DemoTablesSchema = z
  .object({
    holdem: z.number().int().min(0).max(100).default(2),
    hokm: z.number().int().min(0).max(100).default(1),
  })
  .strict();

const ClusterSchema = z
  .object({
    /** redis://host:port of one Redis server. */
    redis: z
      .string()
      .regex(/^redis:\/\/[^\s]+$/, 'a redis://host:port URL')
      .optional(),
    /** Comma-separated host:port seeds of a Redis Cluster. */
    redisCluster: z
      .string()
      .regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'comma-separated host:port seeds')
      .optional(),
    /** postgres://user:password@host:port/database of the shared Store. */
    postgres: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// URL')
      .optional(),
    /** Connections in this node's PostgreSQL pool. */
    postgresPool: z.number().int().min(1).max(1000).default(10),
    /** Shared by every node: authenticates node-to-node links (≥ 32 characters). */
    secret: z.string().min(32).optional(),
    /** The host other nodes use to reach this one (default: `host`). */
    advertiseHost: z.string().min(1).optional(),
    /** How often this node renews its membership lease, and how long a lease lasts. */
    heartbeatMs: z.number().int().min(50).max(60_000).default(250),
    // 1.2 s: failover (kill -9 → the table acting elsewhere) p99 1.74 s measured, under the 2 s
    // target (1.5 s gave 2.16 s); still almost five heartbeats, so a late one never kills a node.
    leaseMs: z.number().int().min(200).max(600_000).default(1200),
    placement: z.enum(['least-loaded', 'rendezvous']).default('least-loaded'),
    /** How long a forwarded request may take before it fails as table/unavailable. */
    linkTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /**
     * A drain (SIGTERM, POST /api/admin/drain) when no other node is ready to take the tables:
     * `refuse` — the admin API answers 409 and the node keeps serving; SIGTERM stops the node with
     * its tables left in the log, reopened by the next node that starts — or `wait` for a node.
     */
    drainWithoutTarget: z.enum(['refuse', 'wait']).default('refuse'),
    /** Tables handed off at once while draining. */
    drainConcurrency: z.number().int().min(1).max(1000).default(32),
  })
  .strict();

export const ConfigSchema = z
  .object({
    nodeId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .default('node-1'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    dataDir: z.string().min(1).default('.data'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How often the node checks that its Store answers (pitboss_store_reachable). */
    storeProbeSeconds: z.number().int().min(1).max(3600).default(5),
    /** How often the node checks the ledger's balance (pitboss_ledger_balanced); 0 = never. */
    ledgerCheckSeconds: z.number().int().min(0).max(86_400).default(300),
    /** Secret that signs session tokens (≥ 32 chars). Generated into the data directory when absent. */
    tokenSecret: z.string().min(32).optional(),
    /** Bearer token for /admin. Generated into the data directory when absent. */
    adminToken: z.string().min(16).optional(),
    tokenTtlSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
    /** Chips granted to a new guest or registered account. */
    startingChips: z.number().int().min(0).max(1_000_000_000).default(10_000),
    /** Bot tables created when the node starts with no tables at all. */
    demoTables: DemoTablesSchema.prefault({}),
    /**
     * Cluster mode: set `cluster.redis` (one server) or `cluster.redisCluster` (seeds) together with
     * `cluster.postgres`, a shared `cluster.secret` and a shared `tokenSecret`. Unset: one node on
     * embedded defaults.
     */
    cluster: ClusterSchema.prefault({}),
    /** SQLite synchronous level: NORMAL survives a process crash; FULL survives power loss too. */
    sqliteSynchronous: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
    timing: z
      .object({
        handDelayMs: z.number().int().min(0).max(60_000).default(3000),
        graceSeconds: z.number().int().min(0).max(3600).default(60),
        /**
         * A disconnected player still away this long after sitting out is stood up (0: never): 3
         * minutes, so a table is not shown full for long by someone who has gone.
         */
        standUpSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 3600)
          .default(180),
        /** A player left with no chips is stood up after this unless they rebuy (0: never). */
        bustedStandUpSeconds: z.number().int().min(0).max(3600).default(60),
        botMinMs: z.number().int().min(0).max(60_000).default(800),
        botMaxMs: z.number().int().min(0).max(60_000).default(2500),
        leavingMs: z.number().int().min(0).max(60_000).default(1000),
        shutdownGraceMs: z.number().int().min(0).max(120_000).default(10_000),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        maxFrameBytes: z
          .number()
          .int()
          .min(1024)
          .max(16 * 1024 * 1024)
          .default(64 * 1024),
        messagesPerSecond: z.number().min(1).max(10_000).default(20),
        messageBurst: z.number().int().min(1).max(100_000).default(40),
        maxStrikes: z.number().int().min(1).max(100_000).default(60),
        /** Frame bytes a connection may send a second on average, and its burst (≥ maxFrameBytes). */
        bytesPerSecond: z
          .number()
          .int()
          .min(1024)
          .max(1_000_000_000)
          .default(32 * 1024),
        byteBurst: z
          .number()
          .int()
          .min(1024)
          .max(1_000_000_000)
          .default(128 * 1024),
        /** Everything one IP sends across its connections: messages and bytes a second, bursts. */
        ipMessagesPerSecond: z.number().min(1).max(1_000_000).default(100),
        ipMessageBurst: z.number().int().min(1).max(1_000_000).default(200),
        ipBytesPerSecond: z
          .number()
          .int()
          .min(1024)
          .max(1_000_000_000)
          .default(256 * 1024),
        ipByteBurst: z
          .number()
          .int()
          .min(1024)
          .max(1_000_000_000)
          .default(1024 * 1024),
        /** New accounts (guest or registered) one IP may create a minute. */
        signupsPerIpPerMinute: z.number().int().min(1).max(100_000).default(10),
        /** Failed logins before each further one doubles the wait: per username, per IP; the cap. */
        loginFreeFailuresPerAccount: z.number().int().min(1).max(1000).default(5),
        loginFreeFailuresPerIp: z.number().int().min(1).max(100_000).default(20),
        loginMaxBackoffSeconds: z.number().int().min(1).max(86_400).default(900),
        /** Open tables one account may have created at a time. */
        tablesPerAccount: z.number().int().min(0).max(10_000).default(5),
        /** Tables one node hosts at most (players' and bot tables). */
        maxTables: z.number().int().min(1).max(1_000_000).default(5000),
        /** Bot seats a player may ask for when creating a table. */
        maxBotsAtPlayerTables: z.number().int().min(0).max(10).default(3),
        /** A player-created table with no person seated or watching closes after this (0: never). */
        idleTableCloseSeconds: z
          .number()
          .int()
          .min(0)
          .max(30 * 24 * 3600)
          .default(1800),
        authTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
        slowConsumerBytes: z
          .number()
          .int()
          .min(16 * 1024)
          .max(1024 * 1024 * 1024)
          .default(1024 * 1024),
        /** TCP connections from one IP (WebSockets, HTTP, handshakes in progress); over it: 429. */
        maxConnectionsPerIp: z.number().int().min(1).max(1_000_000).default(200),
        /** A client must finish its HTTP request headers (a WebSocket upgrade included) in this time. */
        handshakeTimeoutMs: z.number().int().min(100).max(120_000).default(5_000),
        maxWatchedTables: z.number().int().min(1).max(1000).default(20),
        heartbeatSeconds: z.number().int().min(1).max(600).default(25),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((c) => c.timing.botMaxMs >= c.timing.botMinMs, {
    message: 'timing.botMaxMs must be ≥ timing.botMinMs',
    path: ['timing', 'botMaxMs'],
  })
  .refine(
    (c) =>
      (c.cluster.redis === undefined && c.cluster.redisCluster === undefined) ||
      c.cluster.postgres !== undefined,
    {
      message:
        'a cluster (cluster.redis or cluster.redisCluster) needs cluster.postgres: every node must share one Store',
      path: ['cluster', 'postgres'],
    },
  )
  .refine(
    (c) =>
      (c.cluster.redis === undefined && c.cluster.redisCluster === undefined) ||
      c.cluster.secret !== undefined,
    {
      message: 'a cluster needs cluster.secret (the same on every node) to authenticate node links',
      path: ['cluster', 'secret'],
    },
  )
  .refine(
    (c) =>
      (c.cluster.redis === undefined && c.cluster.redisCluster === undefined) || c.tokenSecret !== undefined,
    {
      message:
        'a cluster needs tokenSecret (the same on every node), or a token from one node fails on another',
      path: ['tokenSecret'],
    },
  )
  .refine((c) => c.cluster.leaseMs >= 3 * c.cluster.heartbeatMs, {
    message:
      'cluster.leaseMs must be at least 3 × cluster.heartbeatMs (a late heartbeat must not kill a node)',
    path: ['cluster', 'leaseMs'],
  })
  .refine((c) => Math.min(c.limits.byteBurst, c.limits.ipByteBurst) >= c.limits.maxFrameBytes, {
    message:
      'limits.byteBurst and limits.ipByteBurst must be ≥ limits.maxFrameBytes (or no large frame could pass)',
    path: ['limits', 'byteBurst'],
  });

export type Config = z.infer<typeof ConfigSchema>;

/** True when the configuration asks for a cluster node (Redis + PostgreSQL). */
export function isClusterConfig(config: Config): boolean {
  return config.cluster.redis !== undefined || config.cluster.redisCluster !== undefined;
}
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/**
 * Validates a configuration object (file contents merged with overrides); with `sources`, each
 * refusal names the flag, variable or file its value came from, and `unknown` lists settings that
 * name nothing (reported together with the invalid values, in one error).
 */
export function parseConfig(
  input: unknown,
  sources?: SettingSources,
  unknown: readonly string[] = [],
): Config {
  const parsed = ConfigSchema.safeParse(input);
  if (parsed.success && unknown.length === 0) return parsed.data;
  const invalid = (parsed.error?.issues ?? [])
    // Names that are no setting are already in `unknown`, with a suggestion.
    .filter((i) => !(unknown.length > 0 && i.code === 'unrecognized_keys'))
    .map((i) => {
      const origin = sources?.origin(i.path);
      return `${i.path.join('.') || '(root)'}: ${i.message}${origin === undefined ? '' : ` (from ${origin})`}`;
    });
  const problems = [...unknown, ...invalid];
  throw new ConfigError(
    problems.length === 1 && invalid.length === 0
      ? (problems[0] ?? '')
      : `invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
}

/**
 * Builds the configuration from a file, the environment and command-line flags. A `PITBOSS_*`
 * variable that names no setting is ignored and reported through `warn` (shells and launchers set
 * variables of their own; a typo in a flag or the file is still an error).
 */
export function loadConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void = () => {},
): Config {
  const fromFlags = flagsToObject(argv);
  const configPath = (fromFlags.config as string | undefined) ?? env.PITBOSS_CONFIG;
  delete fromFlags.config;
  let fromFile: Record<string, unknown> = {};
  if (configPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (error) {
      throw new ConfigError(`cannot read config file ${configPath}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ConfigError(`config file ${configPath} must hold one JSON object of settings`);
    fromFile = parsed as Record<string, unknown>;
  }
  const fromEnv = envToObject(env);
  for (const name of fromEnv.ignored) {
    warn(`ignoring environment variable ${name}: it names no setting (see docs/operations.md)`);
  }
  const sources = new SettingSources([
    { values: fromFlags, name: (path) => `--${path.map(kebab).join('.')}` },
    { values: fromEnv.settings, name: (path) => `PITBOSS_${path.map(screaming).join('__')}` },
    { values: fromFile, name: (path) => `${path.join('.')} in ${configPath ?? 'the config file'}` },
  ]);
  return parseConfig(
    merge(merge(fromFile, fromEnv.settings), fromFlags),
    sources,
    sources.unknown(settingPaths()),
  );
}

/** Every setting's dotted path (`limits.maxConnectionsPerIp`), read from the schema. */
export function settingPaths(schema: z.ZodType = ConfigSchema, prefix: readonly string[] = []): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      settingPaths(child, [...prefix, key]),
    );
  }
  return [prefix.join('.')];
}

/** `--a.b-c=1 --flag --x y` → { a: { bC: 1 }, flag: true, x: 'y' } */
export function flagsToObject(argv: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    let value: string | boolean;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) value = argv[++i] ?? '';
    else value = true;
    setPath(out, key.split('.').map(camel), typeof value === 'string' ? scalar(value) : value);
  }
  return out;
}

/**
 * PITBOSS_LIMITS__MAX_CONNECTIONS_PER_IP=5 → { limits: { maxConnectionsPerIp: 5 } }. Variables
 * whose path names no setting are left out and listed in `ignored`.
 */
export function envToObject(env: NodeJS.ProcessEnv): {
  settings: Record<string, unknown>;
  ignored: string[];
} {
  const known = new Set(settingPaths());
  const settings: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PITBOSS_') || name === 'PITBOSS_CONFIG' || value === undefined) continue;
    const path = name
      .slice('PITBOSS_'.length)
      .split('__')
      .map((part) => camel(part.toLowerCase().replace(/_/g, '-')));
    if (known.has(path.join('.'))) setPath(settings, path, scalar(value));
    else ignored.push(name);
  }
  return { settings, ignored: ignored.sort() };
}

function camel(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Numbers and booleans written as text become numbers and booleans; anything else stays text. */
function scalar(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof b === 'object' &&
      b !== null &&
      !Array.isArray(b)
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
