#!/usr/bin/env node
// The `pitboss` command.
//   pitboss serve [--port 8080] [--data-dir .data] [--config file.json] [--any.setting value]
//   pitboss help | --version

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClusterServices } from './server/cluster-services.js';
import { ConfigError, isClusterConfig, loadConfig } from './server/config.js';
import { WaitingServer } from './server/http/waiting-server.js';
import { createEmbeddedServices } from './server/embedded-services.js';
import { PitbossNode } from './server/node.js';
import { preflight } from './server/preflight.js';

const USAGE = `pitboss — real-time multiplayer card-game server

Usage:
  pitboss serve [options]    run one node (HTTP + WebSocket on one port, SQLite in the data dir)
  pitboss cluster [--nodes 3] a whole cluster on loopback: Redis, PostgreSQL, N nodes, HAProxy
  pitboss drain --url URL    hand a cluster node's tables to the other nodes, then stop it
  pitboss autoscale [opts]   the cluster's autoscaler: adds nodes, drains idle ones (docs/autoscaling.md)
  pitboss load [options]     run the load generator against a node (see docs/load.md)
  pitboss verify FILE|T:N    check a hand's deal against its commitment (docs/fair-deals.md)
  pitboss help               this text (pitboss serve --help: the same)
  pitboss --version          the version

Options for serve (also PITBOSS_* environment variables and a JSON --config file; see docs/operations.md):
  --port <n>                 HTTP/WebSocket port (default 8080; 0 picks a free one)
  --host <addr>              listen address (default 127.0.0.1)
  --data-dir <dir>           where SQLite files and generated secrets live (default .data)
  --node-id <id>             this node's name (default node-1)
  --log-level <level>        fatal|error|warn|info|debug|trace|silent (default info)
  --demo-tables.holdem <n>   bot Hold'em tables created on first start (default 2)
  --demo-tables.hokm <n>     bot Hokm tables created on first start (default 1)
  --config <file.json>       settings file; flags override environment, which overrides the file
`;

async function serve(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  let config = loadConfig(argv, process.env, (warning) => process.stderr.write(`pitboss: ${warning}\n`));
  // Before anything is created: a bad data directory or a taken port is one line, nothing written.
  await preflight(config);
  let node: PitbossNode;
  if (isClusterConfig(config)) {
    // The port answers /ready 503 while Redis or PostgreSQL is awaited, then the node takes it over.
    const waiting = await WaitingServer.listen(config.port, config.host);
    config = { ...config, port: waiting.port };
    node = await PitbossNode.start(config, {
      createServices: (c, secrets, logger) =>
        createClusterServices(c, secrets, logger, (what) => waiting.set(what)),
      beforeListen: () => waiting.close(),
      // An operator's drain ends with the node stopped: the process exits 0, as after SIGTERM.
      onStopped: (ok) => process.exit(ok ? 0 : 1),
    });
  } else {
    node = await PitbossNode.start(config, { createServices: createEmbeddedServices });
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      // A second signal while draining (say, waiting for another node): stop now. Tables not yet
      // handed off stay in the durable log and reopen on the next node.
      node.logger.warn({ signal }, 'second shutdown signal: stopping at once');
      process.exit(1);
    }
    stopping = true;
    node.logger.info({ signal }, 'shutdown requested');
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        node.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Every known failure path is handled where it happens; this is the net under a bug. A node that
  // serves hundreds of tables logs the bug and keeps serving rather than drop them all.
  process.on('unhandledRejection', (reason) => node.logger.error({ err: reason }, 'unhandled rejection'));
  process.stderr.write(
    `\n  Pitboss is running: ${node.url}\n  WebSocket: ws://${config.host}:${node.port}/ws\n  Operator page: ${node.url}/admin (token in ${config.dataDir}/admin-token)\n\n`,
  );
}

/** The version in package.json, found from src/ (tsx) or dist/src/ (built). */
function version(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'package.json'), join(here, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'pitboss' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not this one: try the next.
    }
  }
  return 'unknown';
}

async function main(): Promise<void> {
  const [command = 'help', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'cluster': {
      const { runClusterCommand } = await import('./launcher/cluster-command.js');
      process.exitCode = await runClusterCommand(rest, fileURLToPath(import.meta.url));
      return;
    }
    case 'autoscale': {
      const { runAutoscaleCommand } = await import('./launcher/autoscale-command.js');
      process.exitCode = await runAutoscaleCommand(rest, fileURLToPath(import.meta.url));
      return;
    }
    case 'drain': {
      const { runDrainCommand } = await import('./launcher/drain-command.js');
      process.exitCode = await runDrainCommand(rest, process.env, (line) => process.stdout.write(line));
      return;
    }
    case 'load': {
      // Loaded on demand: the load generator is a client tool and never part of a serving node.
      const { runLoadCommand } = (await import('./load/cli.js')) as {
        runLoadCommand: (argv: string[]) => Promise<number>;
      };
      process.exitCode = await runLoadCommand(rest);
      return;
    }
    case 'verify': {
      const { runVerifyCommand } = await import('./launcher/verify-command.js');
      process.exitCode = await runVerifyCommand(rest, (line) => process.stdout.write(line));
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    case 'version':
    case '--version':
    case '-v':
      process.stdout.write(`pitboss ${version()}\n`);
      return;
    default:
      process.stderr.write(`unknown command: ${command}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`pitboss: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `pitboss: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
