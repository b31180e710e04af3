import { describe, expect, it } from 'vitest';
import { joinSchema } from './schema';

const name = (displayName: string) => joinSchema.safeParse({ code: 'F6RXFD', displayName });

describe('joinSchema displayName', () => {
  it('accepts names in any script, trimmed', () => {
    for (const n of ['Ada Lovelace', 'José', '李小龍', 'Ng O’Brien-Smith', 'r2d2']) expect(name(n).success, n).toBe(true);
    expect(name('  Ada  ').data?.displayName).toBe('Ada');
  });

  it('refuses names a roster could not show honestly', () => {
    const cases: [string, string][] = [
      ['\u202e\u200b', 'letters, digits, spaces and punctuation only'], // bidi override + zero-width space
      ['Ada\u200bLovelace', 'letters, digits, spaces and punctuation only'],
      ['evil\u202egnp.exe', 'letters, digits, spaces and punctuation only'],
      ['<b>Ada</b>', 'letters, digits, spaces and punctuation only'],
      ['line\nbreak', 'letters, digits, spaces and punctuation only'],
      ['...', 'must contain at least one letter or digit'],
      ['   ', 'enter the name your instructor will see'],
      ['x'.repeat(41), 'keep it under 40 characters'],
    ];
    for (const [n, message] of cases) {
      const r = name(n);
      expect(r.success, JSON.stringify(n)).toBe(false);
      expect(
        r.error?.issues.map((i) => i.message),
        JSON.stringify(n),
      ).toContain(message);
    }
  });
});
