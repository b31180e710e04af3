import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCodeBlocks } from './code-blocks';
import { loadCourse } from './load-lessons';

/**
 * The shipped course, without an engine: every lesson loads, has behaviour to
 * check and counter-examples that name real checks, and every code block in its
 * text holds up. (`npm run lessons:check` then builds all of it for real.)
 */

const LESSONS = path.resolve(import.meta.dirname, '..', '..', 'lessons');

describe('the course in lessons/', async () => {
  const course = await loadCourse(LESSONS);

  it('loads every lesson', () => {
    expect(course.broken.map((b) => `${b.dir}: ${b.issues.map((i) => i.message).join('; ')}`)).toEqual([]);
    expect(course.lessons.length).toBeGreaterThanOrEqual(14);
  });

  it.each(course.lessons.map((l) => [l.slug, l] as const))('%s: checks with hints, at least 3 wrong/ cases, code blocks that hold up', (_slug, lesson) => {
    expect(lesson.checks.length).toBeGreaterThan(0);
    for (const c of lesson.checks) expect(c.hint.length).toBeGreaterThan(0);
    expect(lesson.wrong.length).toBeGreaterThanOrEqual(3);
    for (const w of lesson.wrong) expect(lesson.checks.map((c) => c.id)).toContain(w.fails);
    expect(checkCodeBlocks(lesson.body)).toEqual([]);
    expect(lesson.body).toMatch(/^## Your task$/m);
  });
});
