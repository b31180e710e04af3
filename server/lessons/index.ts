import 'server-only';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { config } from '@/server/config';
import { loadCourse, summary, type BrokenLesson, type Course, type Lesson, type LessonSummary } from './load-lessons';
import { formatIssue, LessonContentError } from './parse-lesson-md';

export type { Lesson, LessonSummary, LessonFile, BrokenLesson } from './load-lessons';
export type { Check } from './schema';
export { LessonContentError, formatIssue, type LessonIssue } from './parse-lesson-md';

/**
 * The course, read from config().lessonsDir. The parsed course is cached and
 * re-read only when a file under the folder changed (name, size or mtime), so
 * an author editing a lesson sees it on the next page load in development, and
 * a running classroom server picks up edits without a restart — while a
 * request costs a few stat calls, not a re-parse.
 */

let cache: { signature: string; course: Course } | undefined;

async function course(): Promise<Course> {
  const root = config().lessonsDir;
  const signature = await treeSignature(root);
  if (cache?.signature !== signature) cache = { signature, course: await loadCourse(root) };
  return cache.course;
}

/** Valid lessons in order. Broken ones are left out here and reported by lessonErrors(). */
export async function listLessons(): Promise<LessonSummary[]> {
  return (await course()).lessons.map(summary);
}

/**
 * The lesson, or undefined when no folder has this slug. A folder that exists
 * but is broken throws LessonContentError naming file, field and line — the
 * development error page shows it, and only that lesson is affected.
 */
export async function getLesson(slug: string): Promise<Lesson | undefined> {
  const c = await course();
  const lesson = c.lessons.find((l) => l.slug === slug);
  if (lesson) return lesson;
  const broken = c.broken.find((b) => b.slug === slug);
  if (broken) throw new LessonContentError(broken.issues);
  return undefined;
}

/** Lessons that failed to load, with readable issues (for a banner on the course page and for lessons:check). */
export async function lessonErrors(): Promise<(BrokenLesson & { message: string })[]> {
  return (await course()).broken.map((b) => ({ ...b, message: b.issues.map(formatIssue).join('\n') }));
}

async function treeSignature(root: string): Promise<string> {
  const parts: string[] = [];
  async function walk(dir: string, depth: number) {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      parts.push(`${dir}:missing`);
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 8) await walk(abs, depth + 1);
      } else {
        const st = await fs.lstat(abs).catch(() => undefined);
        parts.push(`${abs}:${st?.size}:${st?.mtimeMs}`);
      }
    }
  }
  await walk(root, 0);
  return parts.sort().join('\n');
}
