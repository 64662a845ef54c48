import { describe, expect, it } from 'vitest';
import { settleWithin } from '../../src/server/settle-within.js';

describe('waiting within a bound', () => {
  it('says true when the work settles first, even by failing', async () => {
    expect(await settleWithin(Promise.resolve(1), 10_000)).toBe(true);
    expect(await settleWithin(Promise.reject(new Error('store down')), 10_000)).toBe(true);
  });

  it('says false when the bound passes first', async () => {
    expect(await settleWithin(new Promise(() => undefined), 5)).toBe(false);
  });
});
