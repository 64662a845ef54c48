// Checks made before a node creates anything: its data directory can be one, and its port is
// free. Each failure is one clear line (a ConfigError), not a stack trace after a half-made data
// directory. The port check races with other processes by nature; the node's own listen still
// fails cleanly if another process takes the port in between.

import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { ConfigError, type Config } from './config.js';

export async function preflight(config: Pick<Config, 'dataDir' | 'host' | 'port'>): Promise<void> {
  checkDataDir(config.dataDir);
  if (config.port !== 0) await checkPortFree(config.host, config.port);
}

/** The data directory, or the nearest of its ancestors that exists, must be a directory. */
function checkDataDir(dataDir: string): void {
  let path = resolve(dataDir);
  for (;;) {
    let isDirectory: boolean | null;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      isDirectory = null;
    }
    if (isDirectory === true) return;
    if (isDirectory === false)
      throw new ConfigError(
        path === resolve(dataDir)
          ? `the data directory ${dataDir} is a file, not a directory (choose another with --data-dir)`
          : `cannot create the data directory ${dataDir}: ${path} is a file (choose another with --data-dir)`,
      );
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use (is another node running? choose a port with --port)`
          : error.code === 'EACCES'
            ? `port ${port} on ${host} is not allowed for this user (choose one above 1023 with --port)`
            : error.code === 'EADDRNOTAVAIL'
              ? `${host} is not an address of this machine (--host)`
              : `cannot listen on ${host}:${port}: ${error.message}`;
      fail(new ConfigError(why, { cause: error }));
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => done()));
  });
}
