import 'server-only';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { frontmatterSchema, type Frontmatter } from './schema';

/** One problem in a lesson, pointing at the file, the field and the line an author must fix. */
export type LessonIssue = { file: string; field?: string; line?: number; message: string };

export class LessonContentError extends Error {
  constructor(public readonly issues: LessonIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'LessonContentError';
  }
}

export function formatIssue(i: LessonIssue) {
  const where = i.line ? `${i.file}:${i.line}` : i.file;
  return `${where}: ${i.field ? `${i.field}: ` : ''}${i.message}`;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits `lesson.md` into validated frontmatter and Markdown body.
 * `file` is only used in messages. Returns issues instead of throwing so a
 * caller can collect the problems of every lesson at once.
 */
export function parseLessonMd(
  text: string,
  file: string,
): { ok: true; frontmatter: Frontmatter; body: string } | { ok: false; issues: LessonIssue[] } {
  const m = FENCE.exec(text);
  if (!m) {
    return { ok: false, issues: [{ file, line: 1, message: 'must start with YAML frontmatter between two --- lines' }] };
  }
  const yamlText = m[1];
  const body = text.slice(m[0].length).replace(/^\s*\n/, '');
  // The YAML starts on line 2 of the file, after the opening ---.
  const firstLine = 2;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), message: `YAML: ${firstSentence(e.message)}` })),
    };
  }

  const parsed = frontmatterSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, frontmatter: parsed.data, body };

  const issues = parsed.error.issues.map((issue): LessonIssue => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return {
        file,
        field: formatField([...path, key]),
        line: keyLine(doc, path, key, lineAt),
        message: `unknown field${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''} (check the spelling; allowed fields are listed in docs/authoring.md)`,
      };
    }
    return { file, field: path.length ? formatField(path) : undefined, line: nodeLine(doc, path, lineAt), message: issue.message };
  });
  return { ok: false, issues };
}

function firstSentence(msg: string) {
  return msg.split('\n')[0];
}

/** `checks[2].matches` — how authors see a path. */
export function formatField(path: (string | number)[]) {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}

/** Line of the deepest node along `path` that exists (a missing field points at its parent). */
function nodeLine(doc: Document, path: (string | number)[], lineAt: (o: number) => number): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    // Prefer the key's line for a map entry: `title:` rather than the value on the next line.
    if (n > 0 && typeof sub[n - 1] === 'string') {
      const line = keyLine(doc, sub.slice(0, -1), sub[n - 1] as string, lineAt);
      if (line) return line;
    }
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}

function keyLine(doc: Document, parent: (string | number)[], key: string, lineAt: (o: number) => number) {
  const map = parent.length ? doc.getIn(parent, true) : doc.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? lineAt(range[0]) : undefined;
}
