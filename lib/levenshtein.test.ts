import { describe, expect, it } from 'vitest';
import { levenshtein } from './levenshtein';

describe('levenshtein', () => {
  it('is zero for equal strings and the length of the other for an empty one', () => {
    expect(levenshtein('COPY', 'COPY')).toBe(0);
    expect(levenshtein('', 'RUN')).toBe(3);
    expect(levenshtein('RUN', '')).toBe(3);
  });

  it('counts one substitution, insertion or deletion as one edit', () => {
    expect(levenshtein('RUM', 'RUN')).toBe(1);
    expect(levenshtein('COPYY', 'COPY')).toBe(1);
    expect(levenshtein('CPY', 'COPY')).toBe(1);
  });

  it('is the minimum over all edit paths, and symmetric', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('sitting', 'kitten')).toBe(3);
    expect(levenshtein('LAYERLAB_PROT', 'LAYERLAB_PORT')).toBe(2);
  });
});
