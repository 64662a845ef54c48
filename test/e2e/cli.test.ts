// The `pitboss` command as a new user meets it: help and version, and mistakes — a misspelt flag,
// a bad value, a taken port, a data directory that is a file, a load run against nobody — each
// answered with one clear line and a non-zero exit, with nothing created on disk.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/launcher/free-port.js';

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'src', 'cli.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI in `cwd` to its end (bounded: a hang fails the test). */
function pitboss(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`pitboss ${args.join(' ')} did not finish:\n${stdout}${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

let dirs: string[] = [];
let servers: Server[] = [];
afterEach(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  dirs = [];
  servers = [];
});
const workDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-cli-'));
  dirs.push(dir);
  return dir;
};
/** One line of explanation: no stack trace. */
const oneClearLine = (stderr: string) => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr.trim().split('\n')).toHaveLength(1);
};

describe('the pitboss command', () => {
  it('prints the serve options for serve --help, and its version for --version', async () => {
    const cwd = workDir();
    const help = await pitboss(['serve', '--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--port <n>/);
    expect(help.stdout).toMatch(/--data-dir <dir>/);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const printed = await pitboss(['--version'], cwd);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(`pitboss ${version}`);
  });

  it('refuses a misspelt flag, suggesting the nearest, and creates nothing', async () => {
    const cwd = workDir();
    const run = await pitboss(['serve', '--prot', '9000'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --prot: did you mean --port?');
    oneClearLine(run.stderr);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  });

  it('names where a bad value came from: a flag, an environment variable or the config file', async () => {
    const cwd = workDir();
    const flag = await pitboss(['serve', '--port', 'eighty'], cwd);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/port: .*\(from --port\)/);
    const env = await pitboss(['serve'], cwd, { PITBOSS_PORT: 'eighty' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/port: .*\(from PITBOSS_PORT\)/);
    writeFileSync(join(cwd, 'pitboss.json'), JSON.stringify({ limits: { maxFrameBytes: 'big' } }));
    const file = await pitboss(['serve', '--config', 'pitboss.json'], cwd);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/limits\.maxFrameBytes: .*\(from limits\.maxFrameBytes in pitboss\.json\)/);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  });

  it('says a port is taken, before it creates the data directory', async () => {
    const cwd = workDir();
    const port = await freePort();
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((r) => taken.listen(port, '127.0.0.1', r));
    const run = await pitboss(['serve', '--port', String(port)], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    oneClearLine(run.stderr);
    expect(existsSync(join(cwd, '.data'))).toBe(false);
  });

  it('says a data directory is a file', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'data'), 'not a directory');
    const run = await pitboss(['serve', '--port', '0', '--data-dir', 'data'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the data directory data is a file');
    oneClearLine(run.stderr);
    const nested = await pitboss(['serve', '--port', '0', '--data-dir', 'data/node-1'], cwd);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/cannot create the data directory data\/node-1: .*data is a file/);
  });

  it('fails a load run against a URL nobody answers, at once and with a non-zero exit', async () => {
    const cwd = workDir();
    const port = await freePort();
    const run = await pitboss(
      [
        'load',
        '--url',
        `ws://127.0.0.1:${port}/ws`,
        '--players',
        '2',
        '--duration',
        '5',
        '--progress',
        'off',
      ],
      cwd,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`pitboss load: nobody answers at ws://127.0.0.1:${port}/ws`);
    expect(run.stdout).not.toMatch(/players seated/);
  });
});
