import { describe, expect, it } from 'vitest';
import { parseLessonMd } from './parse-lesson-md';
import { backtracksBadly, frontmatterSchema } from './schema';

const md = (yaml: string, body = '# Body\n') => `---\n${yaml}\n---\n${body}`;
const FILE = 'lessons/09-x/lesson.md';

function issues(yaml: string) {
  const r = parseLessonMd(md(yaml), FILE);
  if (r.ok) throw new Error('expected the lesson to be rejected');
  return r.issues;
}

describe('frontmatter schema', () => {
  it('switches coach rules off by id, and refuses ids that are not coach rules', () => {
    const ok = frontmatterSchema.safeParse({ title: 'T', description: 'D', coach: { off: ['avoid-root-user'] } });
    expect(ok.success && ok.data.coach.off).toEqual(['avoid-root-user']);
    const none = frontmatterSchema.safeParse({ title: 'T', description: 'D' });
    expect(none.success && none.data.coach.off).toEqual([]);
    const typo = issues('title: T\ndescription: D\ncoach:\n  off: [avoid-root]');
    expect(typo[0]).toMatchObject({ field: 'coach.off[0]' });
    expect(typo[0].message).toMatch(/not a rule of the Dockerfile coach/);
    const unknownKey = issues('title: T\ndescription: D\ncoach:\n  of: [avoid-root-user]');
    expect(unknownKey[0]).toMatchObject({ field: expect.stringContaining('coach'), message: expect.stringMatching(/unknown field/) });
  });

  it('accepts the seed fields and fills defaults', () => {
    const r = parseLessonMd(md('title: T\ndescription: D\nlayout: lesson\ntype: page'), FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frontmatter).toMatchObject({ title: 'T', tag: 'my-image', open: 'Dockerfile', hints: [], checks: [] });
    expect(r.body).toBe('# Body\n');
  });

  it('accepts every kind of check', () => {
    const checks = [
      { id: 'a', title: 't', kind: 'instruction', instruction: 'from', matches: '^python:3\\.\\d+-slim$' },
      { id: 'b', title: 't', kind: 'instruction', instruction: 'ADD', present: false },
      { id: 'c', title: 't', kind: 'instruction-count', instruction: 'RUN', max: 2, stage: 'final' },
      { id: 'd', title: 't', kind: 'instruction-order', first: { instruction: 'COPY', matches: 'requirements' }, then: { instruction: 'COPY', matches: '^\\. ' } },
      { id: 'e', title: 't', kind: 'context-file', path: '.dockerignore', matches: '^\\.env$' },
      { id: 'f', title: 't', kind: 'image-config', field: 'Env', includes: 'NAME=World' },
      { id: 'g', title: 't', kind: 'image-size', maxMb: 20 },
      { id: 'h', title: 't', kind: 'image-layers', max: 5, maxAdded: 2 },
      { id: 'i', title: 't', kind: 'run', command: ['id', '-u'], env: { NAME: 'x' }, stdoutMatches: '^[1-9]', exitCode: 0 },
      { id: 'j', title: 't', kind: 'rebuild', edit: { path: 'app.py', append: '# edit {nonce}' }, cached: [{ instruction: 'run', matches: 'pip' }], rebuilt: [{ instruction: 'COPY' }] },
      { id: 'k', title: 't', kind: 'image-files', absent: ['.env', '/root/**/*.key'] },
      { id: 'l', title: 't', kind: 'healthcheck' },
    ].map((c) => ({ ...c, hint: 'what to change' }));
    const r = frontmatterSchema.safeParse({ title: 'T', description: 'D', checks });
    expect(r.success).toBe(true);
    // Keywords are normalised so authors may write them in any case.
    expect(r.data?.checks[0]).toMatchObject({ instruction: 'FROM', present: true, stage: 'any' });
  });

  it('names file, field and line of a missing required field', () => {
    expect(issues('description: D')).toEqual([
      expect.objectContaining({ file: FILE, field: 'title', line: 2 }),
    ]);
  });

  it('points an unknown key at its own line', () => {
    const [i] = issues('title: T\ndescription: D\nhintz:\n  - one');
    expect(i).toMatchObject({ file: FILE, field: 'hintz', line: 4 });
    expect(i.message).toMatch(/unknown field/);
  });

  it('points an unknown key inside a check at that line', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - id: a\n    title: t\n    hint: h\n    kind: instruction\n    instruction: FROM\n    matchs: x');
    expect(i).toMatchObject({ field: 'checks[0].matchs', line: 10 });
  });

  it('rejects an unknown check kind at the kind line', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - id: a\n    title: t\n    kind: magic');
    expect(i).toMatchObject({ field: 'checks[0].kind', line: 7 });
  });

  it('rejects an invalid regular expression with its line', () => {
    const [i] = issues("title: T\ndescription: D\nchecks:\n  - id: a\n    title: t\n    hint: h\n    kind: instruction\n    instruction: FROM\n    matches: '(unclosed'");
    expect(i).toMatchObject({ field: 'checks[0].matches', line: 10 });
    expect(i.message).toMatch(/regular expression/);
  });

  it('refuses patterns with nested quantifiers', () => {
    const [i] = issues("title: T\ndescription: D\nchecks:\n  - id: a\n    title: t\n    hint: h\n    kind: run\n    stdoutMatches: '(a+)+b'");
    expect(i.message).toMatch(/can hang the checker/);
  });

  it('rejects a wrong type with the value line', () => {
    const [i] = issues('title: T\ndescription: D\nhints: just one string');
    expect(i).toMatchObject({ field: 'hints', line: 4 });
  });

  it('requires a hint on every check', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - {id: a, title: t, kind: image-size, maxMb: 1}');
    expect(i).toMatchObject({ field: 'checks[0].hint', line: 5 });
  });

  it('rejects a rebuild check that expects nothing', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - {id: a, title: t, hint: h, kind: rebuild, edit: {path: app.py, append: x}}');
    expect(i.message).toMatch(/give cached, rebuilt, fails: true/);
  });

  it('rejects duplicate check ids', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - {id: a, title: t, hint: h, kind: image-size, maxMb: 1}\n  - {id: a, title: u, hint: h, kind: image-size, maxMb: 2}');
    expect(i).toMatchObject({ field: 'checks[1].id', line: 6 });
    expect(i.message).toMatch(/duplicate/);
  });

  it('rejects a check without any expectation', () => {
    const [i] = issues('title: T\ndescription: D\nchecks:\n  - {id: a, title: t, hint: h, kind: run}');
    expect(i.message).toMatch(/stdoutContains/);
    expect(i.line).toBe(5);
  });

  it('rejects an invalid tag', () => {
    expect(issues('title: T\ndescription: D\ntag: My App')[0]).toMatchObject({ field: 'tag', line: 4 });
  });

  it('reports YAML syntax errors with their line', () => {
    const [i] = issues('title: T\ndescription: [unclosed\nhints: []');
    expect(i.message).toMatch(/^YAML/);
    expect(i.line).toBeGreaterThanOrEqual(3);
  });

  it('requires frontmatter', () => {
    const r = parseLessonMd('# Just markdown\n', FILE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: FILE, line: 1 });
  });
});

describe('backtracksBadly', () => {
  it.each(['(a+)+b', '(a|aa)*b', '(\\w*)*', '(?:x+y)+', '((ab)+c)*', '(a|b){2,}'])('refuses %s', (p) => {
    expect(backtracksBadly(p)).toBe(true);
  });
  it.each([
    '^python:3\\.\\d+-slim$',
    '^(?!root$|0$).+',
    '(\\s+AS\\s+\\w+)?$',
    '(?:abc)+',
    '[(a+)]+',
    'pip3? install .*-r requirements\\.txt',
    '^(a|b)$',
    '(a+){2}',
  ])('accepts %s', (p) => {
    expect(backtracksBadly(p)).toBe(false);
  });
});
