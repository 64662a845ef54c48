// The AutoscaleState contract: one controller lease with an expiry, and a capped decision journal.
// Every adapter (memory, Redis) runs it unchanged. Leases are short real-time ones; the suite waits
// for an expiry by polling, never asserting how long it took.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AutoscaleState, DecisionRecord } from '../../src/ports/autoscale-state.js';
import { rejectionOf, type AdapterHarness, type MakeAdapter } from './harness.js';

function decision(at: number, patch: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    at,
    controller: 'ctl-a',
    action: 'up',
    count: 1,
    urgent: false,
    reason: '140 players per node > 100 for 3 min',
    inputs: {
      readyNodes: 2,
      startingNodes: 0,
      drainingNodes: 0,
      players: 280,
      tables: 40,
      cpu: 0.4,
      memory: 0.2,
      errorRate: 0,
      tablesCreatedPerMinute: 1,
      seatQueue: 0,
    },
    outcome: 'done',
    ...patch,
  };
}

const LONG = 60_000;
const SHORT = 200;

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function describeAutoscaleStateContract(name: string, makeAdapter: MakeAdapter<AutoscaleState>): void {
  describe(`AutoscaleState contract: ${name}`, () => {
    let harness: AdapterHarness<AutoscaleState>;
    let state: AutoscaleState;

    beforeEach(async () => {
      harness = await makeAdapter();
      state = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('gives the lease to one holder at a time; the holder renews it, the other waits', async () => {
      expect(await state.leader()).toBeNull();
      expect(await state.claim('ctl-a', LONG)).toBe(true);
      expect(await state.claim('ctl-b', LONG)).toBe(false);
      expect(await state.claim('ctl-a', LONG)).toBe(true);
      expect(await state.leader()).toBe('ctl-a');
    });

    it('lets another holder take the lease once it expires unrenewed', async () => {
      expect(await state.claim('ctl-a', SHORT)).toBe(true);
      await until(async () => (await state.leader()) === null);
      expect(await state.claim('ctl-b', LONG)).toBe(true);
      expect(await state.leader()).toBe('ctl-b');
      // The old holder finds it taken: it must stand by, not act.
      expect(await state.claim('ctl-a', LONG)).toBe(false);
    });

    it('releases only for the holder', async () => {
      await state.claim('ctl-a', LONG);
      await state.release('ctl-b');
      expect(await state.leader()).toBe('ctl-a');
      await state.release('ctl-a');
      expect(await state.leader()).toBeNull();
      expect(await state.claim('ctl-b', LONG)).toBe(true);
    });

    it('refuses a nameless holder or a lease without a positive time to live', async () => {
      expect(await rejectionOf(state.claim('', LONG))).toBeInstanceOf(TypeError);
      expect(await rejectionOf(state.claim('ctl-a', 0))).toBeInstanceOf(RangeError);
      expect(await rejectionOf(state.claim('ctl-a', 1.5))).toBeInstanceOf(RangeError);
      expect(await state.leader()).toBeNull();
    });

    it('keeps the newest decisions, newest first, exactly as recorded', async () => {
      expect(await state.recent(10)).toEqual([]);
      const down = decision(3, { action: 'down', nodes: ['node-2'], count: undefined, urgent: undefined });
      await state.record(decision(1), 2);
      await state.record(decision(2, { action: 'hold', reason: 'load within bounds' }), 2);
      await state.record(down, 2);
      const recent = await state.recent(10);
      expect(recent.map((d) => d.at)).toEqual([3, 2]);
      expect(recent[0]).toEqual(JSON.parse(JSON.stringify(down)));
      expect((await state.recent(1)).map((d) => d.at)).toEqual([3]);
      expect(await rejectionOf(state.recent(0))).toBeInstanceOf(RangeError);
    });

    it('records the players once per moment, oldest first, and drops what is older than the window', async () => {
      expect(await state.playersSince(0)).toEqual([]);
      await state.recordPlayers({ at: 120_000, players: 40 }, 3_600_000);
      await state.recordPlayers({ at: 60_000, players: 30 }, 3_600_000);
      await state.recordPlayers({ at: 120_000, players: 45 }, 3_600_000);
      expect(await state.playersSince(0)).toEqual([
        { at: 60_000, players: 30 },
        { at: 120_000, players: 45 },
      ]);
      expect(await state.playersSince(100_000)).toEqual([{ at: 120_000, players: 45 }]);
      // An hour and a bit after the first, with an hour kept: the first point goes, the second stays.
      await state.recordPlayers({ at: 3_700_000, players: 50 }, 3_600_000);
      expect((await state.playersSince(0)).map((p) => p.at)).toEqual([120_000, 3_700_000]);
    });

    it('refuses a negative, fractional or unbounded recording, changing nothing', async () => {
      await state.recordPlayers({ at: 1_000, players: 3 }, 60_000);
      expect(await rejectionOf(state.recordPlayers({ at: 2_000, players: -1 }, 60_000))).toBeInstanceOf(
        RangeError,
      );
      expect(await rejectionOf(state.recordPlayers({ at: 2_000, players: 1.5 }, 60_000))).toBeInstanceOf(
        RangeError,
      );
      expect(await rejectionOf(state.recordPlayers({ at: Number.NaN, players: 1 }, 60_000))).toBeInstanceOf(
        RangeError,
      );
      expect(await rejectionOf(state.recordPlayers({ at: 2_000, players: 1 }, 0))).toBeInstanceOf(RangeError);
      expect(await state.playersSince(0)).toEqual([{ at: 1_000, players: 3 }]);
    });

    it('shares the lease and the journal between clients of the same store', async () => {
      const peer = await harness.peer?.();
      if (!peer) return;
      expect(await state.claim('ctl-a', LONG)).toBe(true);
      expect(await peer.claim('ctl-b', LONG)).toBe(false);
      expect(await peer.leader()).toBe('ctl-a');
      await state.record(decision(7), 5);
      expect((await peer.recent(5)).map((d) => d.at)).toEqual([7]);
      await state.recordPlayers({ at: 9_000, players: 12 }, 60_000);
      expect(await peer.playersSince(0)).toEqual([{ at: 9_000, players: 12 }]);
    });
  });
}
