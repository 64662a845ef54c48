// Game code is pure: it imports nothing but other game code, the cipher behind the RNG, the hashes
// behind verifiable deals and the zod schema library, and it
// never reaches for the clock or ambient randomness. ESLint enforces the same; this test makes the
// rule part of the test line even if lint configuration drifts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const GAMES_DIR = resolve(import.meta.dirname, '../../src/games');
const ALLOWED_PACKAGES = [/^@noble\/(ciphers|hashes)\//, /^zod(\/|$)/];
const FORBIDDEN_TOKENS = [
  /\bMath\.random\b/,
  /\bDate\.now\b/,
  /\bnew Date\b/,
  /\bperformance\./,
  /\bprocess\./,
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}

describe('game modules are pure', () => {
  const files = sourceFiles(GAMES_DIR);

  it('finds the game sources', () => {
    expect(files.length).toBeGreaterThan(2);
  });

  it.each(files.map((f) => [relative(GAMES_DIR, f), f]))('%s imports only game code', (_name, file) => {
    const src = stripComments(readFileSync(file, 'utf8'));
    const specifiers = [...src.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    for (const spec of specifiers) {
      if (spec.startsWith('.')) {
        expect(resolve(file, '..', spec).startsWith(GAMES_DIR), `${spec} leaves src/games`).toBe(true);
      } else {
        expect(
          ALLOWED_PACKAGES.some((re) => re.test(spec)),
          `${spec} is not allowed in game code`,
        ).toBe(true);
      }
    }
  });

  it.each(files.map((f) => [relative(GAMES_DIR, f), f]))(
    '%s uses no clock or ambient randomness',
    (_name, file) => {
      const src = stripComments(readFileSync(file, 'utf8'));
      for (const re of FORBIDDEN_TOKENS) expect(re.test(src), `${re} in ${file}`).toBe(false);
    },
  );
});
