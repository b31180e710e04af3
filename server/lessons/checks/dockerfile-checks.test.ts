import { describe, expect, it } from 'vitest';
import { checkSchema, type Check } from '../schema';
import { evaluateStaticCheck, isStaticCheck } from './dockerfile-checks';
import { MAX_MATCHED_TEXT, matches } from './match-text';

/** Checks written as authors write them, then parsed like a lesson would be. */
const check = (c: Record<string, unknown>) => {
  const parsed = checkSchema.parse({ id: 'c', title: 'T', hint: 'try again', ...c }) as Check;
  if (!isStaticCheck(parsed)) throw new Error('not a static check');
  return parsed;
};
const df = (content: string, extra: { path: string; content: string }[] = []) => [{ path: 'Dockerfile', content }, ...extra];

const SEED = `# comment
FROM python:3.13-slim
WORKDIR /usr/src/app
COPY requirements.txt .
RUN pip install --no-cache-dir \\
    -r requirements.txt
COPY . .
CMD ["python", "./app.py"]
`;

const MULTI = `FROM python:3.13-slim AS build
RUN echo one
RUN echo two
FROM busybox:latest
COPY --from=build /out /www
`;

describe('instruction checks', () => {
  it('passes when a matching instruction exists, quoting its line', () => {
    const r = evaluateStaticCheck(check({ kind: 'instruction', instruction: 'from', matches: '^python:3\\.\\d+-slim$' }), df(SEED));
    expect(r).toMatchObject({ passed: true, message: expect.stringContaining('line 2') });
    expect(r.hint).toBeUndefined();
  });

  it('fails with the instruction it found instead, and the hint', () => {
    const r = evaluateStaticCheck(check({ kind: 'instruction', instruction: 'FROM', matches: '^python:3\\.\\d+-slim$' }), df('FROM debian:bookworm-slim\n'));
    expect(r).toMatchObject({ passed: false, hint: 'try again' });
    expect(r.message).toContain('debian:bookworm-slim');
  });

  it('fails when the instruction is missing entirely', () => {
    const r = evaluateStaticCheck(check({ kind: 'instruction', instruction: 'WORKDIR' }), df('FROM busybox\n'));
    expect(r).toMatchObject({ passed: false, message: 'No WORKDIR instruction.' });
  });

  it('absent: passes without it, fails naming the offending line', () => {
    const c = check({ kind: 'instruction', instruction: 'ADD', present: false });
    expect(evaluateStaticCheck(c, df(SEED)).passed).toBe(true);
    const r = evaluateStaticCheck(c, df('FROM busybox\nADD x /x\n'));
    expect(r).toMatchObject({ passed: false, message: expect.stringContaining('line 2') });
  });

  it('matches across continuation lines, ignoring comments', () => {
    const c = check({ kind: 'instruction', instruction: 'RUN', matches: 'pip install --no-cache-dir -r requirements\\.txt' });
    expect(evaluateStaticCheck(c, df(SEED)).passed).toBe(true);
  });

  it('includes flags in the matched text', () => {
    const c = check({ kind: 'instruction', instruction: 'COPY', matches: '^--from=build ' });
    expect(evaluateStaticCheck(c, df(MULTI)).passed).toBe(true);
    expect(evaluateStaticCheck(c, df(SEED)).passed).toBe(false);
  });

  it('stage: final only looks after the last FROM', () => {
    const anyStage = check({ kind: 'instruction', instruction: 'RUN' });
    const finalStage = check({ kind: 'instruction', instruction: 'RUN', stage: 'final' });
    expect(evaluateStaticCheck(anyStage, df(MULTI)).passed).toBe(true);
    expect(evaluateStaticCheck(finalStage, df(MULTI))).toMatchObject({ passed: false, message: 'No RUN instruction in the final stage.' });
  });

  it('fails clearly without a Dockerfile', () => {
    const r = evaluateStaticCheck(check({ kind: 'instruction', instruction: 'FROM' }), [{ path: 'app.py', content: '' }]);
    expect(r).toMatchObject({ passed: false, message: 'There is no Dockerfile in the build context.' });
  });
});

describe('instruction-count checks', () => {
  it('enforces at most N', () => {
    const c = check({ kind: 'instruction-count', instruction: 'RUN', max: 1 });
    expect(evaluateStaticCheck(c, df(SEED)).passed).toBe(true);
    const r = evaluateStaticCheck(c, df(MULTI));
    expect(r).toMatchObject({ passed: false, message: '2 RUN (expected at most 1).' });
  });

  it('enforces at least N, with a pattern and a stage', () => {
    expect(evaluateStaticCheck(check({ kind: 'instruction-count', instruction: 'FROM', min: 2 }), df(MULTI)).passed).toBe(true);
    expect(evaluateStaticCheck(check({ kind: 'instruction-count', instruction: 'FROM', min: 2 }), df(SEED)).passed).toBe(false);
    expect(evaluateStaticCheck(check({ kind: 'instruction-count', instruction: 'RUN', max: 0, stage: 'final' }), df(MULTI)).passed).toBe(true);
    expect(evaluateStaticCheck(check({ kind: 'instruction-count', instruction: 'COPY', matches: 'requirements', min: 1, max: 1 }), df(SEED)).passed).toBe(true);
  });
});

describe('instruction-order checks', () => {
  const order = check({
    kind: 'instruction-order',
    first: { instruction: 'RUN', matches: 'pip install' },
    then: { instruction: 'COPY', matches: '^\\. ' },
  });

  it('passes when the first comes before the then', () => {
    expect(evaluateStaticCheck(order, df(SEED))).toMatchObject({ passed: true, message: 'RUN on line 5 comes before COPY on line 7.' });
  });

  it('fails naming both lines when reversed', () => {
    const r = evaluateStaticCheck(order, df('FROM python:3.13-slim\nCOPY . .\nRUN pip install -r requirements.txt\n'));
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/line 3: RUN .* should come before line 2: COPY/);
  });

  it('fails when one side is missing', () => {
    const r = evaluateStaticCheck(order, df('FROM python:3.13-slim\nCOPY . .\n'));
    expect(r).toMatchObject({ passed: false, message: 'No RUN matching /pip install/.' });
  });
});

describe('context-file checks', () => {
  const ignore = check({ kind: 'context-file', path: '.dockerignore', matches: '^\\.env$' });

  it('passes when the file exists and a line matches', () => {
    expect(evaluateStaticCheck(ignore, df('FROM busybox', [{ path: '.dockerignore', content: 'tests/\n.env\n' }])).passed).toBe(true);
  });

  it('fails when missing or not matching', () => {
    expect(evaluateStaticCheck(ignore, df('FROM busybox')).message).toBe('There is no .dockerignore in the build context.');
    expect(evaluateStaticCheck(ignore, df('FROM busybox', [{ path: '.dockerignore', content: '.envrc\n' }])).passed).toBe(false);
  });

  it('says what the file holds now, not just that it is wrong', () => {
    const r = evaluateStaticCheck(ignore, df('FROM busybox', [{ path: '.dockerignore', content: '# notes\n.envrc\ntests/\n' }]));
    expect(r.message).toBe('.dockerignore is not there yet: its lines are `.envrc`, `tests/`.');
    expect(evaluateStaticCheck(ignore, df('FROM busybox', [{ path: '.dockerignore', content: '# only comments\n' }])).message).toMatch(/only comments/);
  });

  it('present: false fails when the file exists', () => {
    const c = check({ kind: 'context-file', path: 'secret.txt', present: false });
    expect(evaluateStaticCheck(c, df('FROM busybox')).passed).toBe(true);
    expect(evaluateStaticCheck(c, df('FROM busybox', [{ path: 'secret.txt', content: '' }])).passed).toBe(false);
  });
});

describe('learner input is bounded', () => {
  it('patterns only see the first MAX_MATCHED_TEXT characters', () => {
    expect(matches('end$', `${'a'.repeat(100)}end`)).toBe(true);
    expect(matches('end$', `${'a'.repeat(MAX_MATCHED_TEXT)}end`)).toBe(false);
  });

  it('instruction text is capped too', () => {
    const c = check({ kind: 'instruction', instruction: 'RUN', matches: 'tail$' });
    expect(evaluateStaticCheck(c, df(`FROM busybox\nRUN echo ${'x'.repeat(10_000)} tail\n`)).passed).toBe(false);
    expect(evaluateStaticCheck(c, df('FROM busybox\nRUN echo tail\n')).passed).toBe(true);
  });
});

describe('lint-clean checks', () => {
  const c = check({ kind: 'lint-clean', rules: ['pip-no-cache-dir', 'prefer-exec-form'] });

  it('passes when the named rules report nothing (other rules may)', () => {
    // SEED copies everything before installing: copy-all-before-install fires, but is not asked for.
    expect(evaluateStaticCheck(c, df(SEED))).toMatchObject({ passed: true });
  });

  it('fails with the first finding and its line', () => {
    const r = evaluateStaticCheck(c, df('FROM python:3.13-slim\nRUN pip install flask\nCMD python app.py\n'));
    expect(r).toMatchObject({ passed: false, hint: 'try again', message: expect.stringMatching(/^line 2: .*--no-cache-dir.*\(and 1 more\)$/) });
  });

  it('refuses rule ids the coach does not know', () => {
    expect(() => check({ kind: 'lint-clean', rules: ['no-such-rule'] })).toThrow(/not a rule/);
    expect(() => check({ kind: 'lint-clean', rules: [] })).toThrow();
  });
});
