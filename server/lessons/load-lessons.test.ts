import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from './load-lessons';

const FIXTURES = path.join(__dirname, 'fixtures', 'course');

describe('loadCourse (fixture course with broken lessons)', () => {
  it('loads the valid lesson with layered solution and dotfiles', async () => {
    const { lessons } = await loadCourse(FIXTURES);
    expect(lessons.map((l) => l.slug)).toEqual(['good']);
    const good = lessons[0];
    expect(good).toMatchObject({ order: 1, title: 'Good', tag: 'good-app', open: 'Dockerfile', hints: ['first', 'second'] });
    expect(good.body).toBe('# Good\n\nBody.\n');
    expect(good.files.map((f) => f.path)).toEqual(['.dockerignore', 'Dockerfile']);
    // solution/ only holds the Dockerfile; the rest comes from files/.
    expect(good.solution.map((f) => f.path)).toEqual(['.dockerignore', 'Dockerfile']);
    expect(good.solution.find((f) => f.path === 'Dockerfile')?.content).toContain('CMD');
    // wrong/<case>/ is layered over the solution and names the check that must catch it.
    expect(good.wrong).toEqual([
      expect.objectContaining({ name: 'alpine-base', fails: 'from', files: [expect.objectContaining({ path: '.dockerignore' }), { path: 'Dockerfile', content: 'FROM alpine:latest\nCMD ["echo", "hi"]\n' }] }),
    ]);
    expect(good.prev).toBeUndefined();
    expect(good.next).toBeUndefined();
  });

  it('reports every broken lesson with file, field and line, without hiding the good one', async () => {
    const { broken } = await loadCourse(FIXTURES);
    const bySlug = Object.fromEntries(broken.map((b) => [b.slug, b]));
    expect(Object.keys(bySlug).sort()).toEqual(['Misnamed', 'bad-wrong', 'broken-frontmatter', 'no-starter', 'same-solution']);

    const file = path.join(FIXTURES, '02-broken-frontmatter', 'lesson.md');
    expect(bySlug['broken-frontmatter'].issues).toEqual(
      expect.arrayContaining([
        // The misspelt key on its own line…
        expect.objectContaining({ file, field: 'checks[0].instructoin', line: 8 }),
        // …and the field it should have been, at the check that lacks it.
        expect.objectContaining({ file, field: 'checks[0].instruction', line: 5 }),
      ]),
    );
    expect(bySlug['same-solution'].issues[0].message).toMatch(/identical to the starter/);
    expect(bySlug['no-starter'].issues[0].message).toMatch(/files\/\) is missing/);
    expect(bySlug['Misnamed'].issues[0].message).toMatch(/NN-slug/);
    expect(bySlug['bad-wrong'].issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/unlisted.*|not described in wrong\.yaml/), expect.stringMatching(/"no-such-check" is not the id of a check/)]),
    );
  });

  it('reports a missing lessons folder instead of throwing', async () => {
    const { lessons, broken } = await loadCourse('/nonexistent/lessons');
    expect(lessons).toEqual([]);
    expect(broken[0].issues[0].message).toMatch(/cannot read the lessons folder/);
  });
});

describe('server/lessons index (config().lessonsDir)', () => {
  let dir: string;
  let api: typeof import('./index');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-lessons-'));
    cpSync(FIXTURES, dir, { recursive: true });
    process.env.LAYERLAB_LESSONS_DIR = dir;
    api = await import('./index');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists valid lessons and reports broken ones', async () => {
    expect(await api.listLessons()).toEqual([{ slug: 'good', order: 1, title: 'Good', description: 'A valid lesson.' }]);
    expect((await api.lessonErrors()).map((e) => e.slug)).toContain('broken-frontmatter');
  });

  it('getLesson: undefined for an unknown slug, a readable error for a broken one', async () => {
    expect(await api.getLesson('nope')).toBeUndefined();
    await expect(api.getLesson('broken-frontmatter')).rejects.toThrow(/02-broken-frontmatter\/lesson\.md:8: checks\[0\]\.instructoin: unknown field/);
  });

  it('sees an edited lesson without a restart', async () => {
    const md = path.join(dir, '01-good', 'lesson.md');
    expect((await api.getLesson('good'))?.title).toBe('Good');
    writeFileSync(md, readFileSync(md, 'utf8').replace('title: Good', 'title: Better'));
    // Make sure the mtime moves even on coarse-grained filesystems.
    utimesSync(md, new Date(), new Date(Date.now() + 5000));
    expect((await api.getLesson('good'))?.title).toBe('Better');
  });
});
