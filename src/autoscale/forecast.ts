// Predictive scaling's forecast: how many players the cluster will have over the next while, from
// the players it had at the same time of day on recent days ("seasonal naive" with a level
// correction). For each of the last `seasons` days that the recorded history covers:
//
//   estimate = (the highest level in [t − day, t − day + lookahead]) × (level now / level at t − day)
//
// (a level: the mean players over the few minutes before a moment, so one noisy sample is neither
// a peak nor a trend)
// and the forecast is the median of those estimates. The ratio carries today's level: a Friday
// 20 % busier than Thursday expects a peak 20 % higher. It is clamped to [½, 2] so a quiet night
// (10 players now against 5 yesterday) cannot double an evening; the median over up to three days
// keeps one unusual day (a tournament, an outage) from deciding alone.
//
// Limits (docs/autoscaling.md): it predicts nothing until a full season is recorded; it knows
// nothing of holidays, marketing pushes or one-off events; with a one-day season a weekly pattern
// (weekend peaks) is learned only as far as the last days resemble it — set `forecastSeasonMs` to
// a week where weekly shape dominates. Pure: no clock, no I/O.

import type { PlayersAt } from '../ports/autoscale-state.js';

export type { PlayersAt };

export interface ForecastOptions {
  /** The period that repeats: a day (default) or a week. */
  readonly seasonMs: number;
  /** How far ahead to look: long enough for a node to start and take players. */
  readonly lookaheadMs: number;
  /** How many past seasons to take the median over, when the history has them. */
  readonly seasons: number;
  /** The levels are means over this long before each moment (default 5 min). */
  readonly toleranceMs?: number;
}

export interface Forecast {
  /** The most players expected within the lookahead. */
  readonly players: number;
  /** How it was reached, for the decision's reason ("… on the last 2 day(s) × today's level: 1134 × 1.03, 1155 × 1.02"). */
  readonly basis: string;
}

const MIN_RATIO = 0.5;
/** Today's and each past day's level are the mean players over this long. */
const LEVEL_MS = 5 * 60_000;
const MAX_RATIO = 2;

/**
 * The forecast at `now` given the players now, from `history` (oldest first). Null when no past
 * season is covered well enough to say anything.
 */
export function forecastPlayers(
  history: readonly PlayersAt[],
  now: number,
  playersNow: number,
  options: ForecastOptions,
): Forecast | null {
  const tolerance = options.toleranceMs ?? LEVEL_MS;
  const estimates: { players: number; peak: number; ratio: number }[] = [];
  // Levels are means over a few minutes, so one noisy sample does not scale a whole evening.
  const level = mean([...pointsIn(history, now - tolerance, now), { at: now, players: playersNow }]);
  for (let k = 1; k <= options.seasons; k++) {
    const then = now - k * options.seasonMs;
    // The same span as today's level (the minutes before), so a ramp biases neither.
    const around = pointsIn(history, then - tolerance, then);
    if (around.length === 0) continue;
    const reference = mean(around);
    const end = then + options.lookaheadMs;
    let peak = -1;
    let lastAt = -Infinity;
    // The peak of the levels, not of single points: the most of a noisy minute is not a peak.
    for (let i = firstAtOrAfter(history, then); i < history.length; i++) {
      const p = history[i];
      if (p === undefined || p.at > end) break;
      peak = Math.max(peak, mean(pointsIn(history, p.at - tolerance, p.at)));
      lastAt = p.at;
    }
    // The window must be covered up to its end, or a peak in its unrecorded part would be missed.
    if (peak < 0 || lastAt < end - tolerance) continue;
    const ratio = reference === 0 ? 1 : Math.min(MAX_RATIO, Math.max(MIN_RATIO, level / reference));
    estimates.push({ players: peak * ratio, peak, ratio });
  }
  if (estimates.length === 0) return null;
  const players = Math.round(median(estimates.map((e) => e.players)));
  const days = options.seasonMs === 86_400_000 ? 'day' : options.seasonMs === 604_800_000 ? 'week' : 'season';
  const parts = estimates.map((e) => `${Math.round(e.peak)} × ${e.ratio.toFixed(2)}`).join(', ');
  return {
    players,
    basis: `the highest level in the next ${options.lookaheadMs / 60_000} min on the last ${estimates.length} ${days}(s) × today's level: ${parts}`,
  };
}

/** The recorded points in [from, to]. */
function pointsIn(history: readonly PlayersAt[], from: number, to: number): PlayersAt[] {
  const points: PlayersAt[] = [];
  for (let i = firstAtOrAfter(history, from); i < history.length; i++) {
    const p = history[i];
    if (p === undefined || p.at > to) break;
    points.push(p);
  }
  return points;
}

/** The index of the first point at or after `at` (history is oldest first): a binary search. */
function firstAtOrAfter(history: readonly PlayersAt[], at: number): number {
  let low = 0;
  let high = history.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((history[middle]?.at ?? Infinity) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function mean(points: readonly PlayersAt[]): number {
  return points.length === 0 ? 0 : points.reduce((sum, p) => sum + p.players, 0) / points.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
