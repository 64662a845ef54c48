import { describe, expect, it } from 'vitest';
import { readyPort } from '../../src/protocol/ready-line.js';

describe("a node's ready line", () => {
  it('gives the port of the ready line and nothing for other lines', () => {
    expect(readyPort('{"level":30,"msg":"pitboss node ready","port":43121}')).toBe(43121);
    expect(readyPort('{"level":30,"msg":"table opened","port":1}')).toBeNull();
    expect(readyPort('  Pitboss is running: http://127.0.0.1:8080')).toBeNull();
    expect(readyPort('{not json')).toBeNull();
  });
});
