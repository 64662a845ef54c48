import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatThinkSpec, meanThinkMs, parseThinkSpec, thinkSampler } from '../../src/load/think-time.js';

describe('think-time distributions', () => {
  it('parses every form and formats it back to the same text', () => {
    for (const text of ['fixed:800', 'uniform:500:3000', 'exp:1500', 'lognormal:1500:0.5']) {
      expect(formatThinkSpec(parseThinkSpec(text))).toBe(text);
    }
  });

  it('refuses unknown kinds, wrong arity and negative numbers', () => {
    for (const text of ['', 'normal:3', 'fixed', 'uniform:9:3', 'exp:0', 'fixed:-1', 'lognormal:100']) {
      expect(() => parseThinkSpec(text), text).toThrow();
    }
  });

  it('keeps every sample within the bounds, whatever the random source says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fixed:800', 'uniform:0:5000', 'exp:1500', 'lognormal:1500:1.5'),
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (text, values) => {
          let i = 0;
          const sample = thinkSampler(
            parseThinkSpec(text),
            { minMs: 100, maxMs: 2000 },
            () => values[i++ % values.length] ?? 0,
          );
          for (let k = 0; k < 10; k++) {
            const ms = sample();
            expect(ms).toBeGreaterThanOrEqual(100);
            expect(ms).toBeLessThanOrEqual(2000);
          }
        },
      ),
    );
  });

  it('has the documented centre: the mean of uniform and exp, the median of lognormal', () => {
    expect(meanThinkMs(parseThinkSpec('uniform:1000:3000'))).toBe(2000);
    expect(meanThinkMs(parseThinkSpec('exp:1500'))).toBe(1500);
    const sample = thinkSampler(parseThinkSpec('lognormal:1500:0.5'), { minMs: 0, maxMs: 1e9 });
    const values = Array.from({ length: 4001 }, sample).sort((a, b) => a - b);
    const median = values[2000] ?? 0;
    expect(median).toBeGreaterThan(1300);
    expect(median).toBeLessThan(1700);
  });
});
