// deploy/haproxy/haproxy.cfg is what `pitboss cluster` renders for three nodes, and HAProxy itself
// (Debian's haproxy, installed by the test line) accepts it and any rendering.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_HAPROXY, renderHaproxyConfig } from '../../src/launcher/haproxy-config.js';

const deployed = join(import.meta.dirname, '..', '..', 'deploy', 'haproxy', 'haproxy.cfg');

function check(path: string): { status: number | null; output: string } {
  const result = spawnSync('haproxy', ['-c', '-f', path], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the HAProxy configuration', () => {
  it('in deploy/ is the rendering for three nodes', () => {
    expect(readFileSync(deployed, 'utf8')).toBe(renderHaproxyConfig(EXAMPLE_HAPROXY));
  });

  it('passes haproxy -c, in deploy/ and rendered for other nodes', () => {
    expect(check(deployed)).toMatchObject({ status: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'pitboss-haproxy-'));
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(
      file,
      renderHaproxyConfig({
        bind: '127.0.0.1:9000',
        statsBind: '127.0.0.1:9001',
        nodes: Array.from({ length: 5 }, (_, i) => ({
          name: `node-${i + 1}`,
          address: `127.0.0.1:${9100 + i}`,
        })),
      }),
    );
    expect(check(file)).toMatchObject({ status: 0 });
  });

  it('health-checks /ready and balances by fewest connections', () => {
    const config = readFileSync(deployed, 'utf8');
    expect(config).toMatch(/option httpchk GET \/ready/);
    expect(config).toMatch(/balance leastconn/);
    expect(config).toMatch(/timeout tunnel/);
  });
});
