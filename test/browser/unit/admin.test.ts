// The operator page's data handling: parsing overviews (one node or a cluster), turning counters
// into rates, and the poller's reaction to the answers a node can give.

import { describe, expect, it } from 'vitest';
import { OverviewFormatError, parseOverview, type NodeOverview } from '../../../web/src/admin/overview.js';
import { OverviewPoller } from '../../../web/src/admin/poller.js';
import { append, gauge, latest, rate, sampleOf, type Sample } from '../../../web/src/admin/series.js';

function overview(node: string, now: number, handsTotal: number): NodeOverview {
  return {
    node,
    now,
    startedAt: 0,
    connections: 3,
    players: 2,
    handsTotal,
    actionsTotal: handsTotal * 10,
    actionLatencyMs: { p50: 0.5, p99: null },
    eventLoopLagMs: 1.2,
    memory: { rssBytes: 1, heapUsedBytes: 1 },
    errors: [{ code: 'action/not_your_turn', count: 3 }],
    closes: [],
    cluster: null,
    autoscaler: null,
    tables: [
      {
        id: 't-1',
        game: 'holdem',
        name: "Hold'em 1",
        stake: 10,
        smallBlind: 5,
        seats: 6,
        occupied: 1,
        players: [{ seat: 0, name: 'Ada', chips: 100, bot: true, account: 'bot-ada' }],
        minBuyIn: 100,
        maxBuyIn: 1000,
        turnSeconds: 20,
        handNumber: 4,
        watchers: 0,
      },
    ],
  };
}

describe('overview parsing', () => {
  it("reads one node's overview and a cluster's list of nodes alike", () => {
    const one = overview('a', 1000, 5);
    expect(parseOverview(JSON.parse(JSON.stringify(one)))).toEqual([one]);
    const two = { nodes: [one, overview('b', 1000, 7)] };
    expect(parseOverview(two).map((n) => n.node)).toEqual(['a', 'b']);
  });

  it("reads a cluster node's members and the autoscaler's decisions", () => {
    const inputs = {
      readyNodes: 2,
      startingNodes: 0,
      drainingNodes: 0,
      players: 240,
      tables: 40,
      cpu: 0.4,
      memory: 0.2,
      errorRate: 0,
      tablesCreatedPerMinute: 1,
      seatQueue: 0,
    };
    const node: NodeOverview = {
      ...overview('a', 1, 1),
      cluster: [{ nodeId: 'a', state: 'ready', tables: 20, players: 120, cpu: 0.4, memory: 0.2 }],
      autoscaler: {
        leader: 'ctl-1',
        decisions: [
          {
            at: 5,
            controller: 'ctl-1',
            action: 'up',
            count: 1,
            urgent: false,
            reason: 'busy',
            inputs,
            outcome: 'done',
          },
          {
            at: 4,
            controller: 'ctl-1',
            action: 'down',
            nodes: ['b'],
            reason: 'quiet',
            inputs,
            outcome: 'done',
          },
        ],
      },
    };
    expect(parseOverview(JSON.parse(JSON.stringify(node)))).toEqual([node]);
    const broken = {
      ...node,
      autoscaler: { leader: null, decisions: [{ ...node.autoscaler?.decisions[0], action: 'sideways' }] },
    };
    expect(() => parseOverview(broken)).toThrow(/decisions\[0\]\.action/);
  });

  it('names the field that is wrong', () => {
    expect(() => parseOverview({ ...overview('a', 1, 1), handsTotal: 'many' })).toThrow(OverviewFormatError);
    expect(() => parseOverview({ ...overview('a', 1, 1), handsTotal: 'many' })).toThrow(/handsTotal/);
    expect(() => parseOverview([])).toThrow(/overview is not an object/);
  });
});

describe('series', () => {
  const samples = [0, 2000, 4000, 6000].reduce<Sample[]>(
    (list, t, i) => append(list, sampleOf(overview('a', t, [0, 4, 10, 2][i] ?? 0))),
    [],
  );

  it('turn the hand counter into hands per second, with a gap where the counter went back (a restart)', () => {
    expect(rate(samples, 'hands')).toEqual([
      { t: 2000, v: 2 },
      { t: 4000, v: 3 },
      { t: 6000, v: null },
    ]);
    expect(latest(rate(samples, 'hands'))).toBe(3);
  });

  it('ignore a sample that is not newer, and keep at most the given number', () => {
    expect(append(samples, sampleOf(overview('a', 6000, 99)))).toHaveLength(4);
    expect(append(samples, sampleOf(overview('a', 8000, 3)), 3).map((s) => s.t)).toEqual([4000, 6000, 8000]);
    expect(gauge(samples, 'p99').every((p) => p.v === null)).toBe(true);
  });
});

describe('the overview poller', () => {
  function poller(answer: () => Response) {
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = (_url, init) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return Promise.resolve(answer());
    };
    return {
      seen,
      poller: new OverviewPoller({ url: '/api/admin/overview', token: 'secret', intervalMs: 1000, fetch }),
    };
  }

  it('sends the token and records each node it hears about', async () => {
    const { seen, poller: p } = poller(() => Response.json(overview('a', 1000, 1)));
    await p.poll();
    expect(seen).toEqual(['Bearer secret']);
    expect(p.status.value.kind).toBe('ok');
    expect(p.nodes.value.map((n) => n.node)).toEqual(['a']);
    expect(p.series.value.get('a')).toHaveLength(1);
  });

  it('reports a refused token as unauthorized, and other failures as errors', async () => {
    const refused = poller(() => new Response('{}', { status: 401 }));
    await refused.poller.poll();
    expect(refused.poller.status.value).toEqual({ kind: 'unauthorized' });
    const broken = poller(() => new Response('nope', { status: 500 }));
    await broken.poller.poll();
    expect(broken.poller.status.value).toEqual({ kind: 'error', message: 'the node answered 500' });
    const garbled = poller(() => Response.json({ node: 3 }));
    await garbled.poller.poll();
    expect(garbled.poller.status.value.kind).toBe('error');
  });
});
