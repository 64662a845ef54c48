// HAProxy in front of a cluster: one configuration, rendered for any set of nodes. The file in
// deploy/haproxy/haproxy.cfg is this rendering for three nodes on 127.0.0.1:8081–8083 (a test
// keeps the two identical and runs `haproxy -c` on both); `pitboss cluster` renders it for the
// nodes it starts.

export interface HaproxyOptions {
  /** Where clients connect. */
  readonly bind: string;
  /** The stats page. */
  readonly statsBind: string;
  readonly nodes: readonly { readonly name: string; readonly address: string }[];
  /**
   * Connections HAProxy accepts at once. Each takes two file descriptors (client and server), so
   * it must stay under half the process's fd limit (20,000 on this project's machines); raise both
   * together in production.
   */
  readonly maxconn?: number;
}

export const EXAMPLE_HAPROXY: HaproxyOptions = {
  bind: '127.0.0.1:8080',
  statsBind: '127.0.0.1:8404',
  nodes: [
    { name: 'node-1', address: '127.0.0.1:8081' },
    { name: 'node-2', address: '127.0.0.1:8082' },
    { name: 'node-3', address: '127.0.0.1:8083' },
  ],
};

export function renderHaproxyConfig(options: HaproxyOptions): string {
  const servers = options.nodes.map((n) => `  server ${n.name} ${n.address}`).join('\n');
  return `# Pitboss behind HAProxy (rendered by src/launcher/haproxy-config.ts; check with haproxy -c -f).
#
# - Clients reach any node: a node that does not own a table forwards to the one that does, so
#   correctness never depends on which node a client lands on. Table affinity (sending a client to
#   the owner of the table its URL names) would only save a forward; it is not configured because
#   owners change (failover, drain) and a hash of the table id would not follow them.
# - balance leastconn: WebSockets are long-lived, so new ones go where fewest are open.
# - /ready decides who gets new clients: a starting, draining or stopping node answers 503 and
#   is taken out of rotation within two checks; its open WebSockets are left alone (the node
#   closes them itself with 1001/1012 and the SDK reconnects here).
# - timeout tunnel: an upgraded WebSocket may stay idle (between turns) for long; the node's own
#   heartbeat (ping every 25 s) finds dead peers.

global
  maxconn ${options.maxconn ?? 9000}

defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  timeout client-fin 5s
  timeout http-request 10s
  option forwardfor

frontend pitboss
  bind ${options.bind}
  default_backend nodes

backend nodes
  balance leastconn
  option httpchk GET /ready
  http-check expect status 200
  default-server check inter 1s fall 2 rise 2
${servers}

listen stats
  bind ${options.statsBind}
  stats enable
  stats uri /
  stats refresh 5s
`;
}
