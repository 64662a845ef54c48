// What a cluster node's port answers while the node waits for Redis or PostgreSQL: /health 200
// (the process is alive) and 503 for everything else, /ready included, saying what it waits for —
// so HAProxy and operators see a node that is up but not ready, rather than a closed port.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class WaitingServer {
  #waitingFor = 'starting';

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static listen(port: number, host: string): Promise<WaitingServer> {
    let self: WaitingServer | null = null;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const body = JSON.stringify(
        path === '/health'
          ? { status: 'ok' }
          : { status: 'not ready', waitingFor: self?.waitingFor ?? 'starting' },
      );
      res.writeHead(path === '/health' ? 200 : 503, {
        'content-type': 'application/json',
        connection: 'close',
      });
      res.end(body);
    });
    server.on('upgrade', (_req, socket) =>
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n'),
    );
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        self = new WaitingServer(server, (server.address() as AddressInfo).port);
        resolve(self);
      });
    });
  }

  get waitingFor(): string {
    return this.#waitingFor;
  }

  set(what: string | null): void {
    this.#waitingFor = what ?? 'starting';
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
