// Time series for the operator charts, built from successive overview polls: counters become
// rates (hands/s, actions/s) between consecutive samples; gauges are kept as they are.

import type { NodeOverview } from './overview.js';

export interface Sample {
  /** Server time of the sample (ms). */
  readonly t: number;
  readonly hands: number;
  readonly actions: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly connections: number;
}

export interface Point {
  readonly t: number;
  readonly v: number | null;
}

export const MAX_SAMPLES = 180;

export function sampleOf(node: NodeOverview): Sample {
  return {
    t: node.now,
    hands: node.handsTotal,
    actions: node.actionsTotal,
    p50: node.actionLatencyMs.p50,
    p99: node.actionLatencyMs.p99,
    connections: node.connections,
  };
}

/** Appends a sample (ignoring one not newer than the last), keeping at most `max`. */
export function append(samples: readonly Sample[], sample: Sample, max = MAX_SAMPLES): Sample[] {
  const last = samples.at(-1);
  if (last !== undefined && sample.t <= last.t) return [...samples];
  return [...samples, sample].slice(-max);
}

/** Per-second rate of a counter between consecutive samples; null across a restart (counter went down). */
export function rate(samples: readonly Sample[], counter: 'hands' | 'actions'): Point[] {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (a === undefined || b === undefined) continue;
    const dt = (b.t - a.t) / 1000;
    const dv = b[counter] - a[counter];
    points.push({ t: b.t, v: dt > 0 && dv >= 0 ? dv / dt : null });
  }
  return points;
}

export function gauge(samples: readonly Sample[], field: 'p50' | 'p99' | 'connections'): Point[] {
  return samples.map((s) => ({ t: s.t, v: s[field] }));
}

export function latest(points: readonly Point[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]?.v;
    if (v !== null && v !== undefined) return v;
  }
  return null;
}
