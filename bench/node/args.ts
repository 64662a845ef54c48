// Command-line options of `npm run bench:node`.

export interface CapacityArgs {
  /** Player counts to hold, in order; tables = players / seats (the last step may hold fewer per table). */
  readonly steps: readonly number[];
  /** Tables at the last step (default: last step / seats, rounded up). */
  readonly tables: number | null;
  readonly seats: number;
  readonly holdSeconds: number;
  readonly settleSeconds: number;
  readonly ramp: number;
  readonly think: string;
  readonly turnSeconds: number;
  readonly workers: number;
  /** Idle authenticated connections for the heap-per-connection measurement (0 = skip). */
  readonly idle: number;
  /** p99 bound (ms) a step must keep, for action→ack and action→other seats alike. */
  readonly maxP99Ms: number;
  /** Keep going after a step fails (default: stop at the first failing step). */
  readonly allSteps: boolean;
  /** Take a CPU profile of the hold window of every step ('all') or of one step. */
  readonly profile: number | 'all' | null;
  /** Run the node under valgrind's callgrind and count its instructions per action (bench/node/instruction-count.ts). */
  readonly instructions: boolean;
  /** A build to run the node from (its dist directory); default: `scripts/build.sh`, then dist/. */
  readonly dist: string | null;
  /** Extra Node.js flags for the node (e.g. --max-semi-space-size=32), to measure operator tuning. */
  readonly nodeArgs: readonly string[];
  readonly out: string;
}

export const DEFAULT_ARGS: CapacityArgs = {
  steps: [2_000, 5_000, 7_500, 10_000, 12_500, 15_000, 19_800],
  tables: null,
  seats: 10,
  holdSeconds: 45,
  settleSeconds: 10,
  ramp: 250,
  think: 'lognormal:1500:0.5',
  turnSeconds: 30,
  workers: 2,
  idle: 5_000,
  maxP99Ms: 50,
  allSteps: false,
  profile: null,
  instructions: false,
  dist: null,
  nodeArgs: [],
  out: 'artifacts/bench-node',
};

export const USAGE = `npm run bench:node [-- options]   one node's capacity on this machine (docs/benchmarks.md)

  --steps a,b,c        players per step (default ${DEFAULT_ARGS.steps.join(',')})
  --tables n           tables at the last step (default: last step / seats); earlier steps fill tables in order
  --seats n            Hold'em seats per table (default ${DEFAULT_ARGS.seats})
  --hold s             measured seconds per step (default ${DEFAULT_ARGS.holdSeconds})
  --settle s           seconds after a step is reached before measuring (default ${DEFAULT_ARGS.settleSeconds})
  --ramp n             new players per second between steps (default ${DEFAULT_ARGS.ramp})
  --think dist         think time (default ${DEFAULT_ARGS.think})
  --turn-seconds n     turn timer (default ${DEFAULT_ARGS.turnSeconds})
  --workers n          load worker threads (default ${DEFAULT_ARGS.workers})
  --idle n             idle connections for heap per connection; 0 skips (default ${DEFAULT_ARGS.idle})
  --max-p99 ms         latency bound of a passing step (default ${DEFAULT_ARGS.maxP99Ms})
  --all-steps          run every step even after one fails
  --profile [n]        CPU profile of every step's hold window, or of step n (written next to the report)
  --instructions       count the node's instructions per action under valgrind (callgrind): steady
                       where CPU time is not; the node runs ~50× slower, so use a few hundred players
  --dist dir           run the node from this build (default: build dist/ with scripts/build.sh)
  --node-arg flag      a Node.js flag for the node, e.g. --node-arg --max-semi-space-size=32 (repeatable)
  --out dir            report directory (default ${DEFAULT_ARGS.out})
`;

export function parseCapacityArgs(argv: readonly string[]): CapacityArgs {
  const a: { -readonly [K in keyof CapacityArgs]: CapacityArgs[K] } = { ...DEFAULT_ARGS };
  const num = (flag: string, v: string | undefined, min = 0): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = () => argv[++i];
    switch (flag) {
      case '--steps':
        a.steps = (value() ?? '').split(',').map((s) => num('--steps', s, 2));
        break;
      case '--tables':
        a.tables = num(flag, value(), 1);
        break;
      case '--seats':
        a.seats = num(flag, value(), 2);
        break;
      case '--hold':
        a.holdSeconds = num(flag, value(), 1);
        break;
      case '--settle':
        a.settleSeconds = num(flag, value());
        break;
      case '--ramp':
        a.ramp = num(flag, value(), 1);
        break;
      case '--think':
        a.think = value() ?? '';
        break;
      case '--turn-seconds':
        a.turnSeconds = num(flag, value(), 3);
        break;
      case '--workers':
        a.workers = num(flag, value(), 1);
        break;
      case '--idle':
        a.idle = num(flag, value());
        break;
      case '--max-p99':
        a.maxP99Ms = num(flag, value(), 1);
        break;
      case '--all-steps':
        a.allSteps = true;
        break;
      case '--profile': {
        const next = argv[i + 1];
        a.profile = next !== undefined && /^\d+$/.test(next) ? Number(value()) : 'all';
        break;
      }
      case '--instructions':
        a.instructions = true;
        break;
      case '--dist':
        a.dist = value() ?? null;
        break;
      case '--node-arg':
        a.nodeArgs = [...a.nodeArgs, value() ?? ''];
        break;
      case '--out':
        a.out = value() ?? a.out;
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if (a.steps.length === 0) throw new Error('--steps needs at least one number');
  if ([...a.steps].sort((x, y) => x - y).join() !== a.steps.join()) throw new Error('--steps must increase');
  return a;
}
