// Synthetic load curves through the simulator — the same rules the controller runs: a spike, a
// ramp, a day, a noisy flat load (no flapping), a node dying (replaced), and a repeating evening
// peak met ahead of time by the forecast.

import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/autoscale/rules.js';
import { simulate, type SimulationResult } from '../../src/autoscale/simulate.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ups = (r: SimulationResult) => r.decisions.filter((d) => d.decision.action === 'up');
const downs = (r: SimulationResult) => r.decisions.filter((d) => d.decision.action === 'down');
/** Times the direction of scaling reversed (up after down or down after up). */
function reversals(r: SimulationResult): number {
  let n = 0;
  for (let i = 1; i < r.decisions.length; i++)
    if (r.decisions[i]!.decision.action !== r.decisions[i - 1]!.decision.action) n++;
  return n;
}

describe('the autoscaler on synthetic load', () => {
  it('a spike: adds nodes within minutes, enough to bring players per node under 100', () => {
    const r = simulate({
      curve: [
        { at: 0, players: 150 },
        { at: 10 * MIN, players: 150 },
        { at: 11 * MIN, players: 900 },
        { at: 2 * HOUR, players: 900 },
      ],
      startNodes: 3,
      durationMs: 2 * HOUR,
    });
    const first = ups(r)[0];
    expect(first?.at).toBeGreaterThan(10 * MIN);
    expect(first!.at).toBeLessThanOrEqual(15 * MIN);
    const last = r.steps[r.steps.length - 1]!;
    expect(last.nodes).toBeGreaterThanOrEqual(9);
    expect(last.players / last.nodes).toBeLessThanOrEqual(100);
    expect(downs(r)).toEqual([]);
  });

  it('a ramp: only scales up, stays within the maximum, keeps up with the players', () => {
    const r = simulate({
      curve: [
        { at: 0, players: 100 },
        { at: 3 * HOUR, players: 1_500 },
        { at: 4 * HOUR, players: 1_500 },
      ],
      startNodes: 2,
      durationMs: 4 * HOUR,
    });
    expect(downs(r)).toEqual([]);
    expect(Math.max(...r.steps.map((s) => s.nodes))).toBeLessThanOrEqual(20);
    const last = r.steps[r.steps.length - 1]!;
    expect(last.players / last.nodes).toBeLessThanOrEqual(100);
  });

  it('a day: grows toward the evening peak, shrinks at night, and reverses direction only twice', () => {
    const curve = Array.from({ length: 24 * 4 + 1 }, (_, i) => {
      const hours = i / 4;
      // Trough at 04:00 (60 players), peak at 20:00 (1,200).
      const players =
        630 - 570 * Math.cos(((hours - 4) / 24) * 2 * Math.PI) * (hours < 4 || hours > 20 ? 1 : 1);
      return { at: hours * HOUR, players: Math.round(players) };
    });
    const r = simulate({ curve, startNodes: 2, durationMs: 24 * HOUR, noise: 0.05, seed: 7 });
    expect(ups(r).length).toBeGreaterThan(0);
    expect(downs(r).length).toBeGreaterThan(0);
    // Down until the trough, up to the peak, down again: two reversals, no flapping.
    expect(reversals(r)).toBeLessThanOrEqual(2);
    expect(Math.min(...r.steps.map((s) => s.nodes))).toBeGreaterThanOrEqual(2);
    for (const s of r.steps.filter((x) => x.at > 30 * MIN))
      expect(s.players / s.nodes).toBeLessThanOrEqual(130);
  });

  it('a noisy flat load near the threshold: no decision at all in six hours', () => {
    // 85 players per node ± 30 %: single samples cross 100 often, never for three minutes running.
    const r = simulate({
      curve: [{ at: 0, players: 340 }],
      startNodes: 4,
      durationMs: 6 * HOUR,
      noise: 0.3,
      seed: 3,
    });
    expect(r.decisions).toEqual([]);
  });

  it('a node dying: replaced when the cluster falls below its minimum, and again when players need it', () => {
    const r = simulate({
      curve: [{ at: 0, players: 150 }],
      startNodes: 2,
      durationMs: HOUR,
      deaths: [10 * MIN],
    });
    const replacement = ups(r).find((d) => d.at >= 10 * MIN);
    expect(replacement?.at).toBe(10 * MIN);
    expect(replacement?.decision).toMatchObject({ urgent: true, count: 1 });
    expect(r.steps[r.steps.length - 1]!.nodes).toBe(2);
  });

  it('predictive: from the second day of a repeating evening peak, nodes are added before it, not after', () => {
    const DAY = 24 * HOUR;
    // 100 players until 17:00, 1,500 from 18:00 to 21:00, 100 again by 23:00 — three days running.
    const curve = [0, 1, 2].flatMap((d) => [
      { at: d * DAY, players: 100 },
      { at: d * DAY + 17 * HOUR, players: 100 },
      { at: d * DAY + 18 * HOUR, players: 1_500 },
      { at: d * DAY + 21 * HOUR, players: 1_500 },
      { at: d * DAY + 23 * HOUR, players: 100 },
    ]);
    const run = (forecastSeasonMs: number) =>
      simulate({
        curve,
        startNodes: 2,
        durationMs: 3 * DAY,
        noise: 0.05,
        seed: 3,
        rules: { ...DEFAULT_RULES, forecastSeasonMs },
      });
    /** Minutes of day `d` with more than 100 players per node (the scale-up threshold). */
    const overloaded = (r: SimulationResult, d: number) =>
      r.steps.filter((s) => s.at >= d * DAY && s.at < (d + 1) * DAY && s.players / s.nodes > 100).length / 4;
    const reactive = run(0);
    const predictive = run(DAY);
    // The first day has no history: both react alike.
    expect(overloaded(predictive, 0)).toBe(overloaded(reactive, 0));
    expect(overloaded(reactive, 0)).toBeGreaterThan(30);
    for (const d of [1, 2]) {
      expect(overloaded(reactive, d)).toBeGreaterThan(10);
      expect(overloaded(predictive, d)).toBeLessThan(overloaded(reactive, d) / 4);
      const first = predictive.decisions.find((x) => x.at >= d * DAY && x.decision.action === 'up');
      expect(first?.at).toBeLessThan(d * DAY + 17 * HOUR);
      expect(first?.decision.reason).toMatch(/^forecast: /);
    }
    // Never more reversals than the load's own: up to the peak, down after it, once a day.
    expect(reversals(predictive)).toBeLessThanOrEqual(2 * 3);
    expect(Math.max(...predictive.steps.map((s) => s.nodes))).toBeLessThanOrEqual(20);
  });
});
