// Options of a load run: defaults, bounds (a run is always bounded in players, tables and time) and
// the command-line form. `pitboss load --help` prints USAGE; docs/load.md explains each option.

import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { formatThinkSpec, parseThinkSpec, ThinkSpecError, type ThinkSpec } from './think-time.js';

export type LoadGame = 'holdem' | 'hokm' | 'mixed';

export const LIMITS = {
  maxPlayers: 50_000,
  maxTables: 10_000,
  maxDurationSeconds: 3_600,
} as const;

export interface LoadOptions {
  /** WebSocket URL of the node (`ws://host:port/ws`). Ignored with `spawn`. */
  readonly url: string;
  /** Start a private local node for the run (loopback, temp data dir) and stop it afterwards. */
  readonly spawn: boolean;
  readonly game: LoadGame;
  readonly players: number;
  /** Tables to create; null = as many as the players fill (seats per table each). */
  readonly tables: number | null;
  /** Seats per Hold'em table (2–10). Hokm tables always have 4. */
  readonly seats: number;
  /** New players per second while ramping up. */
  readonly rampPerSecond: number;
  /** Whole run, ramp included. */
  readonly durationSeconds: number;
  readonly think: ThinkSpec;
  /** Turn timer of the tables the run creates. */
  readonly turnSeconds: number;
  readonly workers: number;
  readonly verify: boolean;
  /** For --verify: the node's admin token, or the data dir holding `admin-token`. */
  readonly adminToken: string | null;
  readonly dataDir: string | null;
  /** Where report.json and report.html are written. */
  readonly out: string;
  readonly progress: 'auto' | 'lines' | 'off';
  /** How often the node's /metrics are read. */
  readonly metricsIntervalMs: number;
  /** --verify: a full table with no event for this long at the end of the run is stuck. */
  readonly stuckAfterSeconds: number;
  /** Starts at most this many connections at once per worker (back-pressure while ramping). */
  readonly connectConcurrency: number;
}

export const DEFAULTS: LoadOptions = {
  url: 'ws://127.0.0.1:8080/ws',
  spawn: false,
  game: 'holdem',
  players: 60,
  tables: null,
  seats: 6,
  rampPerSecond: 50,
  durationSeconds: 60,
  think: { kind: 'lognormal', medianMs: 1500, sigma: 0.5 },
  turnSeconds: 30,
  workers: Math.max(1, Math.min(4, availableParallelism())),
  verify: false,
  adminToken: null,
  dataDir: null,
  out: 'artifacts/load',
  progress: 'auto',
  metricsIntervalMs: 2_000,
  stuckAfterSeconds: 20,
  connectConcurrency: 64,
};

export class LoadOptionsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LoadOptionsError';
  }
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Schema = z
  .object({
    url: z
      .string()
      .regex(/^wss?:\/\/[^\s/]+(\/\S*)?$/, 'must be a ws:// or wss:// URL')
      .default(DEFAULTS.url),
    spawn: z.boolean().default(DEFAULTS.spawn),
    game: z.enum(['holdem', 'hokm', 'mixed']).default(DEFAULTS.game),
    players: int(1, LIMITS.maxPlayers).default(DEFAULTS.players),
    tables: int(1, LIMITS.maxTables).nullable().default(DEFAULTS.tables),
    seats: int(2, 10).default(DEFAULTS.seats),
    ramp: z.coerce.number().positive().max(10_000).default(DEFAULTS.rampPerSecond),
    duration: z.coerce.number().positive().max(LIMITS.maxDurationSeconds).default(DEFAULTS.durationSeconds),
    think: z.string().default(formatThinkSpec(DEFAULTS.think)),
    turnSeconds: int(3, 600).default(DEFAULTS.turnSeconds),
    workers: int(1, 64).default(DEFAULTS.workers),
    verify: z.boolean().default(DEFAULTS.verify),
    adminToken: z.string().min(1).nullable().default(DEFAULTS.adminToken),
    dataDir: z.string().min(1).nullable().default(DEFAULTS.dataDir),
    out: z.string().min(1).default(DEFAULTS.out),
    progress: z.enum(['auto', 'lines', 'off']).default(DEFAULTS.progress),
    metricsInterval: z.coerce.number().int().min(200).max(60_000).default(DEFAULTS.metricsIntervalMs),
    stuckAfter: z.coerce.number().positive().max(3_600).default(DEFAULTS.stuckAfterSeconds),
    connectConcurrency: int(1, 10_000).default(DEFAULTS.connectConcurrency),
  })
  .strict();

const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(['spawn', 'verify']);

/** Parses `pitboss load` arguments: `--key value`, `--key=value`, `--flag`; keys in kebab-case. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new LoadOptionsError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const key = camel(arg.slice(2, eq < 0 ? undefined : eq));
    if (key === 'quiet') {
      raw.progress = 'off';
      continue;
    }
    if (BOOLEAN_FLAGS.has(key)) {
      raw[key] = eq < 0 ? true : arg.slice(eq + 1) !== 'false';
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new LoadOptionsError(`--${arg.slice(2)} needs a value`);
    raw[key] = value;
  }
  return resolveLoadOptions(raw);
}

/** Validates options given as an object (programmatic use takes the same keys as the command line). */
export function resolveLoadOptions(raw: Record<string, unknown>): LoadOptions {
  const parsed = Schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.map((k) => `--${kebab(k)}`).join(', ')}`
        : `--${kebab(where)}: ${issue?.message ?? 'invalid'}`;
    throw new LoadOptionsError(message);
  }
  const o = parsed.data;
  let think: ThinkSpec;
  try {
    think = parseThinkSpec(o.think);
  } catch (error) {
    if (error instanceof ThinkSpecError)
      throw new LoadOptionsError(`--think: ${error.message}`, { cause: error });
    throw error;
  }
  return {
    url: o.url,
    spawn: o.spawn,
    game: o.game,
    players: o.players,
    tables: o.tables,
    seats: o.seats,
    rampPerSecond: o.ramp,
    durationSeconds: o.duration,
    think,
    turnSeconds: o.turnSeconds,
    workers: o.workers,
    verify: o.verify,
    adminToken: o.adminToken,
    dataDir: o.dataDir,
    out: o.out,
    progress: o.progress,
    metricsIntervalMs: o.metricsInterval,
    stuckAfterSeconds: o.stuckAfter,
    connectConcurrency: o.connectConcurrency,
  };
}

function camel(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const USAGE = `pitboss load — a swarm of bot players against a Pitboss node (docs/load.md)

Usage: pitboss load [options]

Target
  --url <ws-url>            node to load (default ${DEFAULTS.url})
  --spawn                   start a private local node for the run and stop it afterwards
  --admin-token <token>     the node's admin token (for --verify); or
  --data-dir <dir>          the node's data directory (reads <dir>/admin-token)

Load
  --game holdem|hokm|mixed  what the tables play (default ${DEFAULTS.game}; mixed alternates)
  --players <n>             players to bring in (default ${DEFAULTS.players}, at most ${LIMITS.maxPlayers})
  --tables <n>              tables to create (default: as many as the players fill)
  --seats <n>               seats per Hold'em table, 2–10 (default ${DEFAULTS.seats}); Hokm has 4
  --ramp <n>                new players per second (default ${DEFAULTS.rampPerSecond})
  --duration <s>            the whole run, ramp included (default ${DEFAULTS.durationSeconds}, at most ${LIMITS.maxDurationSeconds})
  --think <dist>            think time before each action (default ${formatThinkSpec(DEFAULTS.think)}):
                            fixed:MS | uniform:MIN:MAX | exp:MEAN | lognormal:MEDIAN:SIGMA
  --turn-seconds <n>        turn timer of the tables created (default ${DEFAULTS.turnSeconds})
  --workers <n>             worker threads running the bots (default ${DEFAULTS.workers})
  --connect-concurrency <n> connections opening at once per worker (default ${DEFAULTS.connectConcurrency})

Report
  --out <dir>               writes <dir>/report.json and <dir>/report.html (default ${DEFAULTS.out})
  --verify                  at the end: the ledger balances and no table is stuck (exit 1 if not)
  --stuck-after <s>         a full table silent this long at the end is stuck (default ${DEFAULTS.stuckAfterSeconds})
  --metrics-interval <ms>   how often the node's /metrics are read (default ${DEFAULTS.metricsIntervalMs})
  --progress auto|lines|off live progress line (auto: one updating line on a terminal)
  --quiet                   same as --progress off
`;
