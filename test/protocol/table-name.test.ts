import { describe, expect, it } from 'vitest';
import { ClientMessageSchema } from '../../src/protocol/messages.js';

function createWithName(name: string) {
  return ClientMessageSchema.safeParse({
    type: 'table.create',
    id: 1,
    game: 'holdem',
    name,
    config: {},
  });
}

describe('table.create names', () => {
  it('accepts letters and digits of any script with spaces and common punctuation, trimmed', () => {
    for (const name of ["Ada's table #2 (6-max)", 'میز حکم', 'Ünïcödé: high stakes!', '  Friday  ']) {
      expect(createWithName(name).success, name).toBe(true);
    }
    const parsed = createWithName('  Friday  ');
    expect(parsed.success && parsed.data.type === 'table.create' && parsed.data.name).toBe('Friday');
  });

  it('refuses blank names, control and bidirectional characters, a leading symbol and names over 64 characters', () => {
    for (const name of [
      '',
      '   ',
      'a\u0000b',
      'tab\tle',
      'table\u202Eevil',
      'zero\u200Bwidth',
      '<script>',
      '-x',
      'x'.repeat(65),
    ]) {
      expect(createWithName(name).success, JSON.stringify(name)).toBe(false);
    }
  });
});
