// The autoscaler's rules, one by one: each trigger after its window and not before, cooldowns,
// the limits, who is drained, and never below what the players need.

import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_RULES, type ClusterSample, type ScalerMemory } from '../../src/autoscale/rules.js';

const MIN = 60_000;
const fresh: ScalerMemory = { lastUpAt: null, lastDownAt: null };

/** Samples every 15 s from 0 to `untilMs` of `nodes` equal nodes with this load. */
function steady(
  untilMs: number,
  nodes: number,
  load: {
    cpu?: number;
    memory?: number;
    players?: number;
    errorRate?: number;
    creations?: number;
    queue?: number;
  },
): ClusterSample[] {
  const samples: ClusterSample[] = [];
  for (let at = 0; at <= untilMs; at += 15_000)
    samples.push({
      at,
      nodes: Array.from({ length: nodes }, (_, i) => ({
        nodeId: `n${i + 1}`,
        cpu: load.cpu ?? 0.5,
        memory: load.memory ?? 0.4,
        players: (load.players ?? 60) + i,
        tables: 10 + i,
      })),
      starting: 0,
      errorRate: load.errorRate ?? 0,
      tableCreationsPerMinute: load.creations ?? 0,
      seatQueue: load.queue ?? 0,
    });
  return samples;
}

describe('the autoscaler rules', () => {
  it('hold under ordinary load', () => {
    expect(decide(steady(30 * MIN, 3, {}), fresh, 30 * MIN).action).toBe('hold');
  });

  it('scale up urgently on CPU above 90 % for a minute — not sooner', () => {
    const hot = steady(MIN, 3, { cpu: 0.95 });
    expect(decide(hot.slice(0, 3), fresh, 30_000)).toMatchObject({ action: 'hold' });
    expect(decide(hot, fresh, MIN)).toMatchObject({ action: 'up', urgent: true, count: 2 });
  });

  it('add up to three nodes when several urgent signals agree, and enough for the players', () => {
    const burning = steady(2 * MIN, 3, { cpu: 0.95, memory: 0.9, errorRate: 0.1 });
    expect(decide(burning, fresh, 2 * MIN)).toMatchObject({ action: 'up', count: 3, urgent: true });
    const crowded = steady(3 * MIN, 3, { players: 180 });
    // 540 players need 6 nodes of 100: three more, the most one step adds.
    expect(decide(crowded, fresh, 3 * MIN)).toMatchObject({ action: 'up', count: 3, urgent: false });
  });

  it('scale up on players per node, table creations or the seat queue after their windows', () => {
    expect(decide(steady(3 * MIN, 3, { players: 120 }), fresh, 3 * MIN).action).toBe('up');
    expect(decide(steady(2 * MIN, 3, { players: 120 }), fresh, 2 * MIN).action).toBe('hold');
    expect(decide(steady(2 * MIN, 3, { creations: 12 }), fresh, 2 * MIN)).toMatchObject({
      action: 'up',
      count: 1,
    });
    expect(decide(steady(MIN, 3, { queue: 25 }), fresh, MIN)).toMatchObject({ action: 'up', count: 1 });
  });

  it('cool down for 5 minutes after a scale-up, and stop at the maximum', () => {
    const hot = steady(10 * MIN, 3, { cpu: 0.95 });
    expect(decide(hot, { lastUpAt: 6 * MIN, lastDownAt: null }, 10 * MIN).action).toBe('hold');
    expect(decide(hot, { lastUpAt: 4 * MIN, lastDownAt: null }, 10 * MIN).action).toBe('up');
    const atMax = decide(steady(10 * MIN, 20, { cpu: 0.95 }), fresh, 10 * MIN);
    expect(atMax.action).toBe('hold');
    expect(atMax.reason).toContain('maximum');
  });

  it('replace nodes at once when fewer than the minimum are ready, cooldown or not — once', () => {
    const one = steady(MIN, 1, {});
    expect(decide(one, { lastUpAt: MIN, lastDownAt: null }, MIN)).toMatchObject({ action: 'up', count: 1 });
    // The replacement is starting: nothing more until it is ready.
    const replacing = one.map((s) => ({ ...s, starting: 1 }));
    expect(decide(replacing, fresh, MIN)).toMatchObject({ action: 'hold' });
  });

  it('drain the least-loaded nodes after 15 quiet minutes, one or two at a time, never below the minimum', () => {
    const quiet = steady(15 * MIN, 6, { cpu: 0.05, players: 5 });
    const decision = decide(quiet, fresh, 15 * MIN);
    expect(decision).toMatchObject({ action: 'down', nodes: ['n1', 'n2'] });
    expect(decide(steady(14 * MIN, 6, { cpu: 0.05, players: 5 }), fresh, 14 * MIN).action).toBe('hold');
    expect(decide(steady(15 * MIN, 2, { cpu: 0.05, players: 5 }), fresh, 15 * MIN).action).toBe('hold');
    expect(decide(quiet, { lastUpAt: null, lastDownAt: 5 * MIN }, 15 * MIN).action).toBe('hold');
  });

  it('keep nodes the players need: no scale-down that would bring the rest near a scale-up', () => {
    // 3 nodes with 15–17 players, CPU 15 %: removing one leaves 24 per node at 23 % — fine. With
    // a lower CPU alarm (30 %), the two left would run at 29 %, too close to it: hold.
    const fine = decide(steady(15 * MIN, 3, { cpu: 0.15, players: 15 }), fresh, 15 * MIN);
    expect(fine).toMatchObject({ action: 'down', nodes: ['n1'] });
    const tight = decide(steady(15 * MIN, 3, { cpu: 0.19, players: 15 }), fresh, 15 * MIN, {
      ...DEFAULT_RULES,
      urgentCpu: 0.3,
    });
    expect(tight.action).toBe('hold');
  });
});
