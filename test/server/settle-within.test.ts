import { describe, expect, it } from 'vitest';
import { readyPort } from '../../src/server/ready-line.js';
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

describe("a node's ready line", () => {
  it('gives the port of the ready line and nothing for other lines', () => {
    expect(readyPort('{"level":30,"msg":"pitboss node ready","port":43121}')).toBe(43121);
    expect(readyPort('{"level":30,"msg":"table opened","port":1}')).toBeNull();
    expect(readyPort('  Pitboss is running: http://127.0.0.1:8080')).toBeNull();
    expect(readyPort('{not json')).toBeNull();
  });
});
