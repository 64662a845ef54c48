// Side-by-side throughput measurement for a noisy, shared 2-core machine: contenders run in the same
// process, interleaved round by round (the order alternating so neither always runs first, after
// the other has warmed the caches or triggered a GC), and each one's rate is the median over rounds.

/** Something to measure: `run(n)` does n units of work and returns a checksum (kept, so the work is not optimised away). */
export interface Contender {
  readonly name: string;
  run(units: number): number;
}

export interface ContenderRates {
  readonly name: string;
  /** Units per second, one per round. */
  readonly rates: readonly number[];
  readonly median: number;
}

export interface Comparison {
  readonly contenders: readonly ContenderRates[];
  readonly rounds: number;
  /** XOR of every run's checksum: printing or checking it keeps the measured work observable. */
  readonly checksum: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

interface Timed {
  readonly seconds: number;
  readonly checksum: number;
}

function timeOnce(contender: Contender, units: number): Timed {
  const start = process.hrtime.bigint();
  const checksum = contender.run(units);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, checksum };
}

/** Warms a contender up (lets the JIT optimise it) and returns how many units fill about `ms`. */
function calibrate(contender: Contender, ms: number): number {
  let units = 1024;
  for (;;) {
    const { seconds } = timeOnce(contender, units);
    if (seconds * 1000 >= ms / 4) return Math.max(1, Math.round((units / seconds) * (ms / 1000)));
    units *= 4;
  }
}

export function compare(contenders: readonly Contender[], rounds: number, roundMs: number): Comparison {
  // Calibrate twice: the first pass mostly warms up and the second sizes the rounds.
  for (const c of contenders) calibrate(c, roundMs / 2);
  const units = contenders.map((c) => calibrate(c, roundMs));
  const rates = contenders.map((): number[] => []);
  let checksum = 0;
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const n = units[i] ?? 1;
      const timed = timeOnce(contenders[i] as Contender, n);
      checksum ^= timed.checksum;
      rates[i]?.push(n / timed.seconds);
    }
  }
  return {
    rounds,
    checksum,
    contenders: contenders.map((c, i) => ({
      name: c.name,
      rates: rates[i] ?? [],
      median: median(rates[i] ?? []),
    })),
  };
}

/** 31234567 → "31.2M". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(1);
}
