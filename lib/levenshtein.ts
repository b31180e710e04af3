/**
 * Levenshtein edit distance: the fewest single-character insertions, deletions and
 * substitutions that turn `a` into `b`. Used for "did you mean …?" hints (misspelt
 * LAYERLAB_* variables, misspelt Dockerfile instructions).
 */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
