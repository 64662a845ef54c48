// Latency histograms: HdrHistogram (hdr-histogram-js) in microseconds with 3 significant digits,
// so p99 and max are exact to 0.1 % whatever the spread. Workers record into their own histograms
// and ship each interval as compressed base64; the run adds them up.

import hdr from 'hdr-histogram-js';

export type Histogram = ReturnType<typeof hdr.build>;

/** Values above this (µs) are clamped: a reply later than a minute is reported as a minute. */
const HIGHEST_US = 60_000_000;

export function newHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records a latency given in milliseconds (fractions kept to the µs). */
export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** Latency summary in milliseconds; every field is null when nothing was recorded. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

const ms = (us: number) => Math.round(us) / 1000;

export function summarize(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) return { count, p50: null, p90: null, p99: null, p999: null, max: null, mean: null };
  return {
    count,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** The distribution as [percentile, ms] points, for the percentile chart (log-spaced towards 100). */
export function percentileCurve(histogram: Histogram): [number, number][] {
  if (histogram.totalCount === 0) return [];
  const points: [number, number][] = [];
  for (const p of [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100]) {
    points.push([p, ms(p === 100 ? histogram.maxValue : histogram.getValueAtPercentile(p))]);
  }
  return points;
}
