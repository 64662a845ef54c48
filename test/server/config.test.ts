import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

function configFile(contents: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pitboss-config-')), 'pitboss.json');
  writeFileSync(path, JSON.stringify(contents));
  return path;
}

describe('node configuration', () => {
  it('starts from defaults that run one node on loopback port 8080', () => {
    const config = loadConfig([], {});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '.data',
      demoTables: { holdem: 2, hokm: 1 },
    });
    expect(config.limits.maxFrameBytes).toBe(65_536);
  });

  it('lets the environment override the file and flags override both, at any depth', () => {
    const file = configFile({ port: 7000, limits: { maxConnectionsPerIp: 10, maxFrameBytes: 8192 } });
    const config = loadConfig(
      ['--config', file, '--limits.max-connections-per-ip=30', '--log-level', 'warn'],
      {
        PITBOSS_PORT: '7100',
        PITBOSS_LIMITS__MAX_CONNECTIONS_PER_IP: '20',
        PITBOSS_TIMING__HAND_DELAY_MS: '250',
      },
    );
    expect(config.port).toBe(7100);
    expect(config.limits.maxConnectionsPerIp).toBe(30);
    expect(config.limits.maxFrameBytes).toBe(8192);
    expect(config.timing.handDelayMs).toBe(250);
    expect(config.timing.graceSeconds).toBe(60);
    expect(config.logLevel).toBe('warn');
  });

  it('names every invalid setting in one clear error', () => {
    const attempt = () =>
      loadConfig(['--port', 'eighty', '--limits.bogus', '1', '--token-secret', 'short'], {});
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/port/);
    expect(attempt).toThrow(/bogus/);
    expect(attempt).toThrow(/tokenSecret/);
  });

  it('refuses a config file it cannot read, saying which', () => {
    expect(() => loadConfig(['--config', '/nonexistent/pitboss.json'], {})).toThrow(
      /\/nonexistent\/pitboss.json/,
    );
  });

  it('refuses a stray argument', () => {
    expect(() => loadConfig(['serve-now'], {})).toThrow(/unexpected argument/);
  });

  it('ignores, with a warning, PITBOSS_* environment variables that name no setting', () => {
    const warnings: string[] = [];
    const config = loadConfig(
      [],
      { PITBOSS_HOME: '/opt/pitboss', PITBOSS_LIMITS__NO_SUCH_LIMIT: '3', PITBOSS_PORT: '7200' },
      (w) => warnings.push(w),
    );
    expect(config.port).toBe(7200);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/PITBOSS_HOME/);
    expect(warnings[1]).toMatch(/PITBOSS_LIMITS__NO_SUCH_LIMIT/);
  });

  it('still refuses a bad value in an environment variable that names a setting', () => {
    expect(() => loadConfig([], { PITBOSS_LIMITS__MAX_FRAME_BYTES: 'huge' })).toThrow(/maxFrameBytes/);
  });

  it('suggests the nearest setting for a misspelt one, spelt as its source spells it', () => {
    expect(() => loadConfig(['--prot', '9000'], {})).toThrow(
      /^unknown option --prot: did you mean --port\?$/,
    );
    expect(() => loadConfig(['--limits.max-frame-byte', '5'], {})).toThrow(
      'did you mean --limits.max-frame-bytes?',
    );
    const file = configFile({ logLevle: 'warn' });
    expect(() => loadConfig(['--config', file], {})).toThrow(
      `unknown option logLevle in ${file}: did you mean logLevel in ${file}?`,
    );
    // Nothing close: no guess.
    expect(() => loadConfig(['--zzz', '1'], {})).toThrow(
      /^unknown option --zzz \(see docs\/operations.md\)$/,
    );
  });

  it('names where a refused value came from, the strongest source winning', () => {
    const file = configFile({ port: 'seventy' });
    expect(() => loadConfig(['--config', file], {})).toThrow(`(from port in ${file})`);
    expect(() => loadConfig(['--config', file], { PITBOSS_PORT: 'eighty' })).toThrow('(from PITBOSS_PORT)');
    expect(() => loadConfig(['--config', file, '--port', 'ninety'], { PITBOSS_PORT: 'eighty' })).toThrow(
      '(from --port)',
    );
    expect(() => loadConfig([], { PITBOSS_LIMITS__MAX_FRAME_BYTES: 'huge' })).toThrow(
      '(from PITBOSS_LIMITS__MAX_FRAME_BYTES)',
    );
  });

  it('refuses a config file that is not one JSON object', () => {
    expect(() => loadConfig(['--config', configFile([1, 2])], {})).toThrow(/must hold one JSON object/);
  });
});
