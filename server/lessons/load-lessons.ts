import 'server-only';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { checkLessonImages } from './lesson-images';
import { parseLessonMd, type LessonIssue } from './parse-lesson-md';
import { wrongCasesSchema, type Check } from './schema';

export type LessonFile = { path: string; content: string };
export type LessonSummary = { slug: string; order: number; title: string; description: string };
export type Lesson = LessonSummary & {
  /** Markdown without the frontmatter. */
  body: string;
  tag: string;
  /** File the editor opens first. */
  open: string;
  /** Base images (catalog references) the lesson's Dockerfiles use. */
  images: string[];
  hints: string[];
  checks: Check[];
  /** Dockerfile coach rules switched off in this lesson (frontmatter `coach.off`): the editor and the class heatmap skip them. */
  coachOff: string[];
  /** Starter build context (files/). */
  files: LessonFile[];
  /** Reference build context: solution/ layered over files/. */
  solution: LessonFile[];
  /** Counter-examples (wrong/<name>/ layered over the solution): each must fail the check it names. */
  wrong: WrongCase[];
  prev?: LessonSummary;
  next?: LessonSummary;
};
/** A wrong-but-plausible solution from wrong/<name>/, described in wrong/wrong.yaml. */
export type WrongCase = { name: string; fails: string; why: string; files: LessonFile[] };
/** A lesson folder that could not be loaded; the rest of the course still works. */
export type BrokenLesson = { slug: string; order: number; dir: string; issues: LessonIssue[] };
export type Course = { lessons: Lesson[]; broken: BrokenLesson[] };

const FOLDER = /^(\d+)-([a-z0-9][a-z0-9-]*)$/;
const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 200;

/** Reads every lesson under `root`. Never throws for content problems: they land in `broken`. */
export async function loadCourse(root: string): Promise<Course> {
  let entries: string[];
  try {
    entries = (await fs.readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    return { lessons: [], broken: [{ slug: '', order: 0, dir: root, issues: [{ file: root, message: `cannot read the lessons folder: ${(err as Error).message}` }] }] };
  }

  const lessons: Lesson[] = [];
  const broken: BrokenLesson[] = [];
  const seen = new Map<string, string>();
  for (const name of entries.sort()) {
    // Dot and underscore folders are drafts or shared material, not lessons.
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const dir = path.join(root, name);
    const m = FOLDER.exec(name);
    if (!m) {
      broken.push({ slug: name, order: 0, dir, issues: [{ file: dir, message: 'lesson folders are named NN-slug, e.g. 03-dockerignore (lowercase, digits, dashes)' }] });
      continue;
    }
    const order = Number(m[1]);
    const slug = m[2];
    if (seen.has(slug)) {
      broken.push({ slug, order, dir, issues: [{ file: dir, message: `slug "${slug}" is already used by ${seen.get(slug)}` }] });
      continue;
    }
    seen.set(slug, name);
    const result = await loadLessonDir(dir, slug, order);
    if ('issues' in result) broken.push({ slug, order, dir, issues: result.issues });
    else lessons.push(result);
  }

  lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  lessons.forEach((l, i) => {
    l.prev = i > 0 ? summary(lessons[i - 1]) : undefined;
    l.next = i < lessons.length - 1 ? summary(lessons[i + 1]) : undefined;
  });
  return { lessons, broken };
}

export function summary(l: LessonSummary): LessonSummary {
  return { slug: l.slug, order: l.order, title: l.title, description: l.description };
}

async function loadLessonDir(dir: string, slug: string, order: number): Promise<Lesson | { issues: LessonIssue[] }> {
  const mdPath = path.join(dir, 'lesson.md');
  let text: string;
  try {
    text = await fs.readFile(mdPath, 'utf8');
  } catch {
    return { issues: [{ file: mdPath, message: 'missing lesson.md' }] };
  }
  const md = parseLessonMd(text, mdPath);
  if (!md.ok) return { issues: md.issues };
  const fm = md.frontmatter;

  const issues: LessonIssue[] = [];
  const starter = await readTree(path.join(dir, 'files'), issues);
  const solutionOnly = await readTree(path.join(dir, 'solution'), issues);
  if (starter.length === 0) issues.push({ file: path.join(dir, 'files'), message: 'the starter build context (files/) is missing or empty' });
  if (solutionOnly.length === 0) issues.push({ file: path.join(dir, 'solution'), message: 'the reference solution (solution/) is missing or empty' });

  // solution/ holds only what changes; the rest comes from files/.
  const solution = layer(starter, solutionOnly);
  if (starter.length && solutionOnly.length && sameFiles(starter, solution)) {
    issues.push({ file: path.join(dir, 'solution'), message: 'the solution is identical to the starter files; the learner would have nothing to do' });
  }
  const wrong = await readWrongCases(path.join(dir, 'wrong'), solution, fm.checks, issues);
  if (starter.length && !starter.some((f) => f.path === fm.open)) {
    issues.push({ file: mdPath, field: 'open', message: `"${fm.open}" is not a file in files/` });
  }
  if (starter.length && solutionOnly.length) {
    issues.push(...checkLessonImages(fm.images, [{ dir: path.join(dir, 'files'), files: starter }, { dir: path.join(dir, 'solution'), files: solutionOnly }], mdPath));
  }
  if (issues.length) return { issues };

  return {
    slug,
    order,
    title: fm.title,
    description: fm.description,
    body: md.body,
    tag: fm.tag,
    open: fm.open,
    images: fm.images,
    hints: fm.hints,
    checks: fm.checks,
    coachOff: fm.coach.off,
    files: starter,
    solution,
    wrong,
  };
}

/**
 * wrong/wrong.yaml names each case, the check that must catch it and why; each
 * case's folder holds the files that differ from the solution.
 */
async function readWrongCases(root: string, solution: LessonFile[], checks: Check[], issues: LessonIssue[]): Promise<WrongCase[]> {
  const yamlPath = path.join(root, 'wrong.yaml');
  let text: string;
  try {
    text = await fs.readFile(yamlPath, 'utf8');
  } catch {
    return [];
  }
  const doc = parseDocument(text);
  if (doc.errors.length) {
    issues.push({ file: yamlPath, message: doc.errors[0].message });
    return [];
  }
  const parsed = wrongCasesSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ file: yamlPath, field: i.path.join('.'), message: i.message });
    return [];
  }
  const dirs = (await fs.readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const d of dirs) if (!(d in parsed.data)) issues.push({ file: path.join(root, d), message: `not described in wrong.yaml` });
  const cases: WrongCase[] = [];
  for (const [name, c] of Object.entries(parsed.data)) {
    if (!checks.some((k) => k.id === c.fails)) {
      issues.push({ file: yamlPath, field: `${name}.fails`, message: `"${c.fails}" is not the id of a check of this lesson` });
      continue;
    }
    const own = await readTree(path.join(root, name), issues);
    if (own.length === 0) {
      issues.push({ file: path.join(root, name), message: 'missing or empty: put the files that differ from the solution here' });
      continue;
    }
    cases.push({ name, fails: c.fails, why: c.why, files: layer(solution, own) });
  }
  return cases;
}

/** Files under `root`, as forward-slash relative paths, sorted. A missing folder is an empty list. */
async function readTree(root: string, issues: LessonIssue[]): Promise<LessonFile[]> {
  const out: LessonFile[] = [];
  async function walk(rel: string) {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(root, relPath);
      if (e.isDirectory()) await walk(relPath);
      else if (e.isFile()) {
        if (out.length >= MAX_FILES) {
          issues.push({ file: root, message: `more than ${MAX_FILES} files` });
          return;
        }
        const stat = await fs.stat(abs);
        if (stat.size > MAX_FILE_BYTES) {
          issues.push({ file: abs, message: `larger than ${MAX_FILE_BYTES / 1024} KB; lesson files are meant to be read in the editor` });
          continue;
        }
        out.push({ path: relPath, content: await fs.readFile(abs, 'utf8') });
      } else {
        issues.push({ file: abs, message: 'only regular files and folders are allowed (no symlinks)' });
      }
    }
  }
  await walk('');
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function layer(under: LessonFile[], over: LessonFile[]): LessonFile[] {
  const byPath = new Map(under.map((f) => [f.path, f]));
  for (const f of over) byPath.set(f.path, f);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function sameFiles(a: LessonFile[], b: LessonFile[]) {
  return a.length === b.length && a.every((f, i) => f.path === b[i].path && f.content === b[i].content);
}
