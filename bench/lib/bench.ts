// The contract between `bench/run.ts` and each `bench/<name>.bench.ts` file (documented there too).

export interface BenchOptions {
  /** Alternating measurement rounds per comparison; report medians over these. */
  readonly rounds: number;
  /** Target wall time of one contender's run within one round, in milliseconds. */
  readonly roundMs: number;
  /** Prints one line of progress or results (the runner prefixes nothing; say what you measured). */
  readonly print: (line: string) => void;
}

export interface BenchResult {
  /** Headline lines, printed again in the runner's summary (e.g. the ratio against a peer). */
  readonly summary: readonly string[];
  /** Numbers for machines and docs, e.g. { pitbossHandsPerSec: 3.1e7, ratio: 1.73 }. */
  readonly metrics: Readonly<Record<string, number>>;
}

export interface Bench {
  /** Short name used on the command line: `npm run bench -- <name>`. */
  readonly name: string;
  /** One line: what is measured, in what unit. */
  readonly description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** Narrows a module's default export to a Bench (the runner checks what it discovers). */
export function isBench(value: unknown): value is Bench {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof Bench, unknown>>;
  return typeof v.name === 'string' && typeof v.description === 'string' && typeof v.run === 'function';
}
