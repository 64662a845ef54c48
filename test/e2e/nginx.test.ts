// deploy/nginx/nginx.conf, the alternative to HAProxy: `nginx -t` accepts it as written, and the
// same configuration, pointed at real nodes on free ports, carries players' WebSockets (the upgrade
// headers, the least_conn pool) and skips a node that does not answer.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/launcher/free-port.js';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import { RawSocket } from './helpers.js';

const conf = join(import.meta.dirname, '..', '..', 'deploy', 'nginx', 'nginx.conf');
const nodes: NodeProcess[] = [];
let nginx: ChildProcess | null = null;
let prefix: string | null = null;

afterEach(async () => {
  nginx?.kill('SIGTERM');
  nginx = null;
  for (const n of nodes.splice(0)) {
    await n.stop();
    removeDataDir(n.dataDir);
  }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
  prefix = null;
});

function nginxTest(dir: string, file: string): { status: number | null; output: string } {
  const r = spawnSync('nginx', ['-t', '-p', dir, '-c', file, '-g', 'error_log stderr;'], {
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the nginx configuration', () => {
  it('passes nginx -t as written', () => {
    prefix = mkdtempSync(join(tmpdir(), 'pitboss-nginx-'));
    const result = nginxTest(prefix, conf);
    expect(result.output).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  it('carries WebSockets to the nodes, and past a node that does not answer', async () => {
    const [a, b] = [await startNode(), await startNode()];
    nodes.push(a, b);
    const gone = await freePort(); // nobody listens there: a node that died
    const front = await freePort();
    const ports = [a, b].map((n) => new URL(n.url).port);
    const rendered = readFileSync(conf, 'utf8')
      .replace('listen 127.0.0.1:8080', `listen 127.0.0.1:${front}`)
      .replace('127.0.0.1:8081', `127.0.0.1:${ports[0]}`)
      .replace('127.0.0.1:8082', `127.0.0.1:${ports[1]}`)
      .replace('127.0.0.1:8083', `127.0.0.1:${gone}`);
    prefix = mkdtempSync(join(tmpdir(), 'pitboss-nginx-'));
    const file = join(prefix, 'nginx.conf');
    writeFileSync(file, rendered);
    expect(nginxTest(prefix, file).status).toBe(0);
    nginx = spawn('nginx', ['-p', prefix, '-c', file, '-g', 'daemon off; error_log stderr;'], {
      stdio: 'ignore',
    });
    const via = { wsUrl: `ws://127.0.0.1:${front}/ws` } as NodeProcess;
    let socket: RawSocket | null = null;
    for (let i = 0; i < 50 && socket === null; i++) {
      socket = await RawSocket.open(via).catch(() => null);
      if (socket === null) await new Promise((r) => setTimeout(r, 100));
    }
    expect(socket).not.toBeNull();
    const sockets = [socket!];
    // Several players in a row: every upgrade lands on a live node, whichever nginx tried first.
    for (let i = 0; i < 5; i++) sockets.push(await RawSocket.open(via));
    for (const s of sockets) {
      expect(await s.request({ id: 'h', type: 'hello', protocols: [1] })).toMatchObject({ type: 'ack' });
      s.close();
    }
  });
});
