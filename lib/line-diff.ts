/**
 * A line diff by longest common subsequence, small enough to read: enough for
 * a Dockerfile beside its reference solution. Isomorphic (the solution panel
 * runs it in the browser).
 */

export type DiffLine =
  | { type: 'same'; text: string; a: number; b: number }
  | { type: 'removed'; text: string; a: number }
  | { type: 'added'; text: string; b: number };

/** Beyond this many cells the table would be too big to be worth it; fall back to "all removed, all added". */
const MAX_CELLS = 4_000_000;

/** Lines of `a` (the learner's) against `b` (the reference); line numbers are 1-based. */
export function lineDiff(a: string, b: string): DiffLine[] {
  const A = splitLines(a);
  const B = splitLines(b);
  const n = A.length;
  const m = B.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [
      ...A.map((text, i): DiffLine => ({ type: 'removed', text, a: i + 1 })),
      ...B.map((text, j): DiffLine => ({ type: 'added', text, b: j + 1 })),
    ];
  }
  // lcs[i][j] = length of the LCS of A[i..] and B[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = A[i] === B[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      out.push({ type: 'same', text: A[i], a: i + 1, b: j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      out.push({ type: 'added', text: B[j], b: j + 1 });
      j++;
    } else {
      out.push({ type: 'removed', text: A[i], a: i + 1 });
      i++;
    }
  }
  // Show removals before additions within a changed block, as diff tools do.
  return groupChanges(out);
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function groupChanges(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const l of lines) {
    if (l.type === 'removed') removed.push(l);
    else if (l.type === 'added') added.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

/** True when the two texts differ only in trailing whitespace or line endings. */
export function sameLines(a: string, b: string): boolean {
  const norm = (t: string) =>
    splitLines(t)
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  return norm(a) === norm(b);
}
