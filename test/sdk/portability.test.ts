// The SDK runs in browsers as well as Node: it imports nothing from Node or from npm at run time
// (zod and the protocol schemas only as types, so they never reach a browser bundle), and it
// touches no Node-only global. The WebSocket class is injected. One exception, on purpose: the
// deal verifier (games/verify-hand.ts) is pure game code — test/games/purity.test.ts keeps it free
// of Node and I/O — and brings the hashes it needs (@noble/hashes, @noble/ciphers: plain
// JavaScript that runs in browsers), so any client can check a hand without the server.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SDK_DIR = resolve(import.meta.dirname, '../../src/sdk');
const RUNTIME_OUTSIDE_SDK = new Set([
  resolve(SDK_DIR, '../protocol/codes.js'),
  resolve(SDK_DIR, '../games/verify-hand.js'),
]);
const NODE_ONLY = [
  /\bprocess\./,
  /\bBuffer\b/,
  /\brequire\(/,
  /\b__dirname\b/,
  /\bsetImmediate\b/,
  /\.unref\(/,
];

const files = readdirSync(SDK_DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(SDK_DIR, name));

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}

/** [specifier, type-only] for every import and re-export statement. */
function imports(src: string): [string, boolean][] {
  return [...src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => [
    m[3] ?? '',
    m[2] !== undefined,
  ]);
}

describe('the SDK is portable to browsers', () => {
  it('finds the SDK sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(SDK_DIR, f), f]))(
    '%s imports at run time only SDK code and protocol codes',
    (_name, file) => {
      const src = stripComments(readFileSync(file, 'utf8'));
      for (const [spec, typeOnly] of imports(src)) {
        if (typeOnly) continue;
        expect(spec.startsWith('.'), `${spec}: packages only as types`).toBe(true);
        const target = resolve(file, '..', spec);
        const inside = target.startsWith(SDK_DIR + '/') || RUNTIME_OUTSIDE_SDK.has(target);
        expect(inside, `${spec} leaves src/sdk`).toBe(true);
      }
    },
  );

  it.each(files.map((f) => [relative(SDK_DIR, f), f]))('%s uses no Node-only global', (_name, file) => {
    const src = stripComments(readFileSync(file, 'utf8'));
    for (const re of NODE_ONLY) expect(re.test(src), `${re} in ${file}`).toBe(false);
  });
});
