// HAProxy in front of a cluster: one configuration, rendered for any set of nodes. The file in
// deploy/haproxy/haproxy.cfg is this rendering for three nodes on 127.0.0.1:8081–8083, and
// deploy/compose/haproxy.cfg for the compose file's nodes (tests keep each identical to its
// rendering and run `haproxy -c` on them); `pitboss cluster` renders it for the nodes it starts.

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
  /**
   * A DNS server to resolve node names with (e.g. Docker's 127.0.0.11:53 in compose), re-resolved
   * at run time; a name that does not resolve yet starts the server as down instead of failing.
   */
  readonly dnsResolver?: string;
}

/** Three nodes named node-1 … node-3. */
function threeNodes(address: (n: number) => string): HaproxyOptions['nodes'] {
  return [1, 2, 3].map((n) => ({ name: `node-${n}`, address: address(n) }));
}

export const EXAMPLE_HAPROXY: HaproxyOptions = {
  bind: '127.0.0.1:8080',
  statsBind: '127.0.0.1:8404',
  nodes: threeNodes((n) => `127.0.0.1:${8080 + n}`),
};

/** deploy/compose/haproxy.cfg: the compose file's three nodes, by service name through Docker's DNS. */
export const COMPOSE_HAPROXY: HaproxyOptions = {
  bind: '0.0.0.0:8080',
  statsBind: '0.0.0.0:8404',
  nodes: threeNodes((n) => `node-${n}:8080`),
  dnsResolver: '127.0.0.11:53',
};

export function renderHaproxyConfig(options: HaproxyOptions): string {
  const servers = options.nodes.map((n) => `  server ${n.name} ${n.address}`).join('\n');
  const resolvers =
    options.dnsResolver === undefined
      ? ''
      : `\nresolvers dns\n  nameserver dns1 ${options.dnsResolver}\n  hold valid 10s\n`;
  const resolve = options.dnsResolver === undefined ? '' : ' resolvers dns init-addr last,libc,none';
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
  # A connection refused by a server (a node that died, or an autoscaler slot with no node yet,
  # before the health checks mark it down) is retried on another server, not failed.
  retries 3
  option redispatch 1
${resolvers}
frontend pitboss
  bind ${options.bind}
  default_backend nodes

backend nodes
  balance leastconn
  option httpchk GET /ready
  http-check expect status 200
  default-server check inter 1s fall 2 rise 2${resolve}
${servers}

listen stats
  bind ${options.statsBind}
  stats enable
  stats uri /
  stats refresh 5s
`;
}
