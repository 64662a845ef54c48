// The autoscaler's control loop on the in-memory registry and state, with a simulated clock and an
// actuator that records what it is asked to do: one leader acts while a standby waits, a decision
// reaches the actuator and the journal with its inputs, drains wait for each other, a controller
// that lost its lease never acts, and a failing actuator is journaled, not fatal.

import { describe, expect, it } from 'vitest';
import { MemoryAutoscaleState } from '../../src/adapters/memory/autoscale-state.js';
import { MemoryRegistry } from '../../src/adapters/memory/registry.js';
import { AdvisoryActuator } from '../../src/autoscale/advisory-actuator.js';
import { AutoscaleController, type Actuator } from '../../src/autoscale/controller.js';
import { ControllerMetrics } from '../../src/autoscale/controller-metrics.js';
import { DEFAULT_RULES, type AutoscaleRules } from '../../src/autoscale/rules.js';
import type { Member, NodeInfo, NodeState } from '../../src/ports/registry.js';
import { createLogger } from '../../src/server/ops/logger.js';
import { nodeLoad } from '../support/node-load.js';

const SECOND = 1000;
const RULES: AutoscaleRules = {
  ...DEFAULT_RULES,
  playersPerNodeUpForMs: 30 * SECOND,
  cpuDownForMs: 60 * SECOND,
  playersPerNodeDownForMs: 60 * SECOND,
  cooldownAfterUpMs: 120 * SECOND,
  cooldownAfterDownMs: 120 * SECOND,
};

class RecordingActuator implements Actuator {
  readonly kind = 'recording';
  readonly added: number[] = [];
  readonly removed: string[] = [];
  failWith: Error | null = null;
  launching(): number {
    return 0;
  }
  add(count: number): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.added.push(count);
    return Promise.resolve();
  }
  remove(node: Member): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.removed.push(node.nodeId);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function world() {
  let now = 1_700_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const registry = new MemoryRegistry({ now: clock.now });
  const state = new MemoryAutoscaleState({ now: clock.now });
  const logger = createLogger({ level: 'silent', nodeId: 'autoscaler' });
  const list = (nodeId: string, players: number, cpu: number, nodeState: NodeState = 'ready') => {
    const info: NodeInfo = {
      nodeId,
      address: `ws://127.0.0.1:1/${nodeId}`,
      state: nodeState,
      load: nodeLoad({ tables: Math.ceil(players / 6), players, cpu, loopLagMs: 1, memory: 0.1 }),
      startedAt: 0,
    };
    return registry.heartbeat(info, 3_600_000);
  };
  const controller = (id: string, actuator: Actuator, observer?: ControllerMetrics) =>
    new AutoscaleController({
      id,
      registry,
      state,
      actuator,
      logger,
      rules: RULES,
      intervalMs: 10 * SECOND,
      now: clock.now,
      ...(observer ? { observer } : {}),
    });
  return { clock, registry, state, list, controller };
}

/** pitboss_autoscaler_decisions_total{action, outcome} as the registry would be scraped. */
async function decisionsCounted(
  metrics: ControllerMetrics,
  action: string,
  outcome: string,
): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === 'pitboss_autoscaler_decisions_total',
  );
  const values = (metric as { values?: { value: number; labels: Record<string, string> }[] } | undefined)
    ?.values;
  return values?.find((v) => v.labels.action === action && v.labels.outcome === outcome)?.value ?? 0;
}

/** Ticks every 10 s for `seconds`, returning every decision made. */
async function run(c: AutoscaleController, clock: { advance(ms: number): number }, seconds: number) {
  const records = [];
  for (let t = 0; t <= seconds; t += 10) {
    const record = await c.tick();
    if (record) records.push(record);
    clock.advance(10 * SECOND);
  }
  return records;
}

describe('AutoscaleController', () => {
  it('adds a node once players per node stay high for the window, journals why, then cools down', async () => {
    const w = world();
    await w.list('node-1', 150, 0.5);
    await w.list('node-2', 130, 0.5);
    const actuator = new RecordingActuator();
    const c = w.controller('ctl-a', actuator);
    const records = await run(c, w.clock, 100);
    expect(actuator.added).toEqual([1]);
    const up = records.find((r) => r.action === 'up');
    expect(up).toMatchObject({ action: 'up', count: 1, outcome: 'done', controller: 'ctl-a' });
    expect(up?.reason).toMatch(/players per node > 100/);
    expect(up?.inputs).toMatchObject({ readyNodes: 2, players: 280, startingNodes: 0 });
    // Not before the window: the first samples only start it.
    expect(records.slice(0, 3).every((r) => r.action === 'hold')).toBe(true);
    const journal = await w.state.recent(10);
    expect(journal.map((r) => r.action)).toContain('up');
  });

  it('drains the least-loaded node when quiet, and waits while a drain is in progress', async () => {
    const w = world();
    await w.list('node-1', 10, 0.05);
    await w.list('node-2', 4, 0.05);
    await w.list('node-3', 12, 0.05);
    await w.list('node-4', 9, 0.05);
    await w.list('node-5', 6, 0.05);
    const actuator = new RecordingActuator();
    const c = w.controller('ctl-a', actuator);
    await run(c, w.clock, 70);
    // At most two at a time, the fewest players first.
    expect(actuator.removed).toEqual(['node-2', 'node-5']);
    // They drain (and will leave); while they are listed as draining, no further scale-down.
    await w.list('node-2', 4, 0.05, 'draining');
    await w.list('node-5', 6, 0.05, 'draining');
    w.clock.advance(200 * SECOND);
    const held = await c.tick();
    expect(held).toMatchObject({ action: 'hold' });
    expect(held?.reason).toMatch(/node-2, node-5 still draining/);
    expect(actuator.removed).toEqual(['node-2', 'node-5']);
  });

  it('lets one controller act while another stands by, and hands over when the leader stops', async () => {
    const w = world();
    await w.list('node-1', 150, 0.5);
    await w.list('node-2', 150, 0.5);
    const a = new RecordingActuator();
    const b = new RecordingActuator();
    const leader = w.controller('ctl-a', a);
    const standby = w.controller('ctl-b', b);
    for (let t = 0; t <= 60; t += 10) {
      await leader.tick();
      expect(await standby.tick()).toBeNull();
      w.clock.advance(10 * SECOND);
    }
    expect(leader.leader).toBe(true);
    expect(standby.leader).toBe(false);
    expect(a.added).toEqual([1]);
    expect(b.added).toEqual([]);
    await leader.stop();
    expect(await w.state.leader()).toBeNull();
    expect(await standby.tick()).not.toBeNull();
    expect(standby.leader).toBe(true);
    // The new leader starts from its own samples: nothing is decided on the old leader's history.
    expect(b.added).toEqual([]);
  });

  it('never acts after its lease was taken by another controller', async () => {
    const w = world();
    await w.list('node-1', 150, 0.5);
    await w.list('node-2', 150, 0.5);
    const actuator = new RecordingActuator();
    const c = w.controller('ctl-a', actuator);
    await c.tick();
    // Frozen past its lease: another controller took over meanwhile.
    w.clock.advance(31 * SECOND);
    expect(await w.state.claim('ctl-b', 60 * SECOND)).toBe(true);
    for (let t = 0; t < 10; t++) {
      expect(await w.state.claim('ctl-b', 60 * SECOND)).toBe(true);
      expect(await c.tick()).toBeNull();
      w.clock.advance(10 * SECOND);
    }
    expect(c.leader).toBe(false);
    expect(actuator.added).toEqual([]);
  });

  it('journals a failing actuator and keeps running', async () => {
    const w = world();
    await w.list('node-1', 150, 0.5);
    await w.list('node-2', 150, 0.5);
    const actuator = new RecordingActuator();
    actuator.failWith = new Error('no capacity left on this machine');
    const metrics = new ControllerMetrics('ctl-a', RULES.maxNodes);
    const c = w.controller('ctl-a', actuator, metrics);
    const records = await run(c, w.clock, 60);
    const up = records.find((r) => r.action === 'up');
    expect(up?.outcome).toBe('failed: no capacity left on this machine');
    // Cooldown applies to a failed attempt too: no retry storm.
    expect(records.filter((r) => r.action === 'up')).toHaveLength(1);
    const journaled = (await w.state.recent(10)).find((r) => r.action === 'up');
    expect(journaled?.outcome).toMatch(/^failed: no capacity/);
    // What PitbossAutoscalerFailing alerts on.
    expect(await decisionsCounted(metrics, 'up', 'failed')).toBe(1);
  });

  it('records the players about once a minute, and a new leader scales ahead of the peak recorded yesterday', async () => {
    const w = world();
    const DAY = 24 * 3_600 * SECOND;
    const now = w.clock.now();
    // What an earlier leader recorded: yesterday, 100 players until this time of day, then a
    // climb to 1,000 within twenty minutes.
    for (let at = now - DAY - 3_600 * SECOND; at <= now - DAY + 3_600 * SECOND; at += 60 * SECOND) {
      const after = at - (now - DAY);
      const players =
        after <= 0 ? 100 : Math.min(1_000, 100 + Math.round((900 * after) / (20 * 60 * SECOND)));
      await w.state.recordPlayers({ at, players }, 2 * DAY);
    }
    await w.list('node-1', 50, 0.1);
    await w.list('node-2', 50, 0.1);
    const actuator = new RecordingActuator();
    const c = w.controller('ctl-a', actuator);
    const records = await run(c, w.clock, 130);
    const up = records.find((r) => r.action === 'up');
    expect(up?.reason).toMatch(/^forecast: 1000 players within 30 min need 12 nodes/);
    expect(up?.inputs.forecastPlayers).toBe(1_000);
    // 12 needed, 2 ready: the most one step adds, at the first tick — no window to wait out.
    expect(up?.at).toBe(now);
    expect(actuator.added[0]).toBe(RULES.maxStepUp);
    // Today's players, one point a minute, for whoever leads tomorrow.
    const today = await w.state.playersSince(now);
    expect(today).toEqual([
      { at: now, players: 100 },
      { at: now + 60 * SECOND, players: 100 },
      { at: now + 120 * SECOND, players: 100 },
    ]);
  });

  it('with prediction off, the same history changes nothing', async () => {
    const w = world();
    const DAY = 24 * 3_600 * SECOND;
    const now = w.clock.now();
    for (let at = now - DAY - 600 * SECOND; at <= now - DAY + 3_600 * SECOND; at += 60 * SECOND)
      await w.state.recordPlayers({ at, players: at > now - DAY ? 1_000 : 100 }, 2 * DAY);
    await w.list('node-1', 50, 0.1);
    await w.list('node-2', 50, 0.1);
    const actuator = new RecordingActuator();
    const c = new AutoscaleController({
      id: 'ctl-a',
      registry: w.registry,
      state: w.state,
      actuator,
      logger: createLogger({ level: 'silent', nodeId: 'autoscaler' }),
      rules: { ...RULES, forecastSeasonMs: 0 },
      intervalMs: 10 * SECOND,
      now: w.clock.now,
    });
    const records = await run(c, w.clock, 130);
    expect(records.every((r) => r.action === 'hold' && r.inputs.forecastPlayers === undefined)).toBe(true);
    expect(actuator.added).toEqual([]);
  });

  it('with the none actuator, journals advice without carrying it out, once per cooldown', async () => {
    const w = world();
    await w.list('node-1', 150, 0.5);
    await w.list('node-2', 150, 0.5);
    const metrics = new ControllerMetrics('ctl-a', RULES.maxNodes);
    const c = w.controller('ctl-a', new AdvisoryActuator(), metrics);
    const records = await run(c, w.clock, 100);
    const advice = records.filter((r) => r.action === 'up');
    expect(advice).toHaveLength(1);
    expect(advice[0]?.outcome).toBe('advised only: the none actuator carries nothing out');
    expect((await w.state.recent(10)).find((r) => r.action === 'up')?.outcome).toMatch(/^advised only/);
    // Advice is not a failure: PitbossAutoscalerFailing stays quiet.
    expect(await decisionsCounted(metrics, 'up', 'advised')).toBe(1);
    expect(await decisionsCounted(metrics, 'up', 'failed')).toBe(0);
    // Nothing was started: the registry lists the same two nodes.
    expect((await w.registry.members()).map((m) => m.nodeId).sort()).toEqual(['node-1', 'node-2']);
  });
});
