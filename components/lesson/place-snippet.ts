/**
 * Where a lesson's Dockerfile example goes when the learner presses "Open in
 * editor": a whole Dockerfile (it has a FROM) replaces theirs; a fragment
 * (a few lines from the middle of one) replaces the lines it rewrites, or goes
 * before the final CMD/ENTRYPOINT, or at the end. Pure: the preview shows the result.
 */

export type Placement =
  | { kind: 'replace'; result: string }
  | { kind: 'insert'; result: string; /** 1-based line of the Dockerfile the fragment starts at. */ line: number };

const norm = (line: string) => line.trim().replace(/\s+/g, ' ');
const isInstruction = (line: string) => norm(line) !== '' && !norm(line).startsWith('#');
const keyword = (line: string) => norm(line).split(' ')[0]?.toUpperCase() ?? '';

/** A whole Dockerfile starts (after comments, parser directives and ARGs) with FROM. */
export function isWholeDockerfile(snippet: string): boolean {
  const first = snippet.split(/\r?\n/).find((l) => isInstruction(l) && keyword(l) !== 'ARG');
  return first !== undefined && keyword(first) === 'FROM';
}

export function placeSnippet(dockerfile: string, snippet: string): Placement {
  const fragment = snippet.replace(/\s+$/, '');
  if (isWholeDockerfile(snippet) || dockerfile.trim() === '') return { kind: 'replace', result: `${fragment}\n` };
  const lines = dockerfile.replace(/\n$/, '').split('\n');
  const wanted = new Set(fragment.split('\n').filter(isInstruction).map(norm));

  // The lines the fragment rewrites: the span from the first to the last line it repeats.
  const hits = lines.map((l, i) => (isInstruction(l) && wanted.has(norm(l)) ? i : -1)).filter((i) => i >= 0);
  let start: number;
  let end: number; // exclusive
  if (hits.length > 0) {
    start = hits[0];
    end = hits[hits.length - 1] + 1;
  } else {
    // Nothing in common: before the command the image runs (a fragment adds steps to the build), else at the end.
    const last = lines.map((l, i) => (isInstruction(l) && ['CMD', 'ENTRYPOINT'].includes(keyword(l)) ? i : -1)).filter((i) => i >= 0)[0];
    start = end = last ?? lines.length;
  }
  const result = [...lines.slice(0, start), ...fragment.split('\n'), ...lines.slice(end)].join('\n');
  return { kind: 'insert', result: `${result}\n`, line: start + 1 };
}
