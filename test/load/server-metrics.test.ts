import { describe, expect, it } from 'vitest';
import { serverUse } from '../../src/load/report.js';
import { httpBaseOf, parseServerMetrics, sameNode } from '../../src/load/server-metrics.js';

const TEXT = `# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total{node="node-1"} 12.5
process_resident_memory_bytes{node="node-1"} 150000000
nodejs_heap_size_used_bytes{node="node-1"} 60000000
nodejs_eventloop_lag_p99_seconds{node="node-1"} 0.021
pitboss_connections{node="node-1"} 300
pitboss_connections_authenticated{node="node-1"} 298
pitboss_messages_in_total{node="node-1"} 1000
pitboss_messages_out_total{node="node-1"} 25000
pitboss_action_seconds_bucket{le="0.001",game="holdem",node="node-1"} 10
pitboss_action_seconds_count{game="holdem",node="node-1"} 700
pitboss_action_seconds_count{game="hokm",node="node-1"} 50
pitboss_tables{game="holdem",node="node-1"} 30
pitboss_tables{game="hokm",node="node-1"} 5
pitboss_hands_total{game="holdem",node="node-1"} 40
`;

describe('reading the node’s /metrics', () => {
  it('takes the process and pitboss metrics, summing label sets', () => {
    expect(parseServerMetrics(TEXT, 1234)).toEqual({
      at: 1234,
      node: 'node-1',
      cpuSeconds: 12.5,
      rssBytes: 150_000_000,
      heapUsedBytes: 60_000_000,
      eventLoopLagP99Ms: 21,
      connections: 300,
      authenticated: 298,
      messagesIn: 1000,
      messagesOut: 25_000,
      commands: 750,
      hands: 40,
      tables: 35,
    });
  });

  it('reads missing metrics as zero and a missing lag as unknown', () => {
    const sample = parseServerMetrics('something_else 3\n', 1);
    expect(sample.cpuSeconds).toBe(0);
    expect(sample.eventLoopLagP99Ms).toBeNull();
    expect(sample.node).toBeNull();
  });

  it('tells samples of two nodes apart (a cluster behind a balancer), so no difference is taken across them', () => {
    const one = parseServerMetrics(TEXT, 1);
    const two = parseServerMetrics(TEXT.replaceAll('node="node-1"', 'node="node-2"'), 2);
    expect(two.node).toBe('node-2');
    expect(sameNode(one, two)).toBe(false);
    expect(sameNode(one, parseServerMetrics(TEXT, 3))).toBe(true);
    expect(serverUse(one, two, 10)).toBeNull();
    expect(serverUse(one, parseServerMetrics(TEXT, 3), 10)).not.toBeNull();
  });

  it('derives the HTTP base from the WebSocket URL', () => {
    expect(httpBaseOf('ws://127.0.0.1:8080/ws')).toBe('http://127.0.0.1:8080');
    expect(httpBaseOf('wss://cards.example.com/ws')).toBe('https://cards.example.com');
  });
});
