import { describe, expect, it } from 'vitest';
import { checkSchema, type Check } from '../schema';
import { applyEdit, evaluateHealthcheck, evaluateImageFiles, evaluateRebuild, globToRegExp, healthcheckCommand, rebuildSteps } from './behaviour-checks';

const parse = <K extends Check['kind']>(c: Record<string, unknown>) => checkSchema.parse({ id: 'c', title: 'T', hint: 'what to do', ...c }) as Extract<Check, { kind: K }>;

const DOCKERFILE = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
const step = (index: number, line: number, instruction: string, cached = false) => ({ type: 'step', index, total: 5, line, instruction, ...(cached && { cached }) });

describe('rebuild', () => {
  const check = parse<'rebuild'>({
    kind: 'rebuild',
    edit: { path: 'app.py', append: '\n# edited {nonce}\n' },
    cached: [{ instruction: 'RUN', matches: 'pip install' }],
    rebuilt: [{ instruction: 'COPY', matches: '^\\.\\s' }],
  });

  it('applies the edit to the named file only', () => {
    const files = [{ path: 'app.py', content: 'print(1)' }, { path: 'Dockerfile', content: DOCKERFILE }];
    expect(applyEdit(files, check.edit, 'n1')).toEqual([{ path: 'app.py', content: 'print(1)\n# edited n1\n' }, files[1]]);
    expect(applyEdit([files[1]], check.edit)).toBeUndefined();
  });

  it('makes a new edit on every check run, so BuildKit cannot answer it from the last run', () => {
    const files = [{ path: 'app.py', content: 'print(1)' }];
    expect(applyEdit(files, check.edit)![0].content).not.toBe(applyEdit(files, check.edit)![0].content);
  });

  it('refuses an edit without {nonce} unless the build after it must fail', () => {
    const bare = { kind: 'rebuild', edit: { path: 'app.py', append: '\n# edited\n' }, rebuilt: [{ instruction: 'COPY' }] };
    expect(() => parse(bare)).toThrow(/\{nonce\}/);
    expect(() => parse({ ...bare, rebuilt: [], fails: true })).not.toThrow();
  });

  it('passes when the install step came from the cache and the code copy ran again', () => {
    // A step event repeats with cached: true once the builder says so.
    const steps = [step(1, 1, 'FROM python:3.13-slim'), step(2, 2, 'WORKDIR /app', true), step(3, 3, 'COPY requirements.txt .', true), step(4, 4, 'RUN pip install --no-cache-dir -r requirements.txt'), step(4, 4, 'RUN pip install --no-cache-dir -r requirements.txt', true), step(5, 5, 'COPY . .')];
    expect(evaluateRebuild(check, { ok: true, steps: rebuildSteps(steps) }, DOCKERFILE)).toMatchObject({ passed: true });
  });

  it("reads BuildKit's vertex events too: a step that says CACHED, internal work left out", () => {
    const vertices = [
      { type: 'vertex', n: 1, name: '[internal] load build definition from Dockerfile', state: 'done', internal: true },
      { type: 'vertex', n: 5, name: '[3/5] COPY requirements.txt .', instruction: 'COPY requirements.txt .', line: 3, state: 'cached' },
      { type: 'vertex', n: 6, name: '[4/5] RUN pip install …', instruction: 'RUN pip install --no-cache-dir -r requirements.txt', line: 4, state: 'cached' },
      { type: 'vertex', n: 7, name: '[5/5] COPY . .', instruction: 'COPY . .', line: 5, state: 'started' },
      { type: 'vertex', n: 7, name: '[5/5] COPY . .', instruction: 'COPY . .', line: 5, state: 'done' },
    ];
    const steps = rebuildSteps(vertices);
    expect(steps.map((s) => [s.line, s.cached])).toEqual([[3, true], [4, true], [5, false]]);
    expect(evaluateRebuild(check, { ok: true, steps }, DOCKERFILE)).toMatchObject({ passed: true });
  });

  it('fails, naming the step, when the install ran again', () => {
    const steps = [step(3, 3, 'COPY requirements.txt .', true), step(4, 4, 'RUN pip install --no-cache-dir -r requirements.txt'), step(5, 5, 'COPY . .')];
    const r = evaluateRebuild(check, { ok: true, steps: rebuildSteps(steps) }, DOCKERFILE);
    expect(r).toMatchObject({ passed: false, hint: 'what to do' });
    expect(r.message).toMatch(/line 4: RUN .*ran again instead of coming from the cache/);
  });

  it('fails when the step is missing or the rebuild failed', () => {
    expect(evaluateRebuild(check, { ok: true, steps: rebuildSteps([step(5, 5, 'COPY . .')]) }, DOCKERFILE).message).toMatch(/There is no RUN step matching/);
    expect(evaluateRebuild(check, { ok: false, error: 'boom', steps: [] }, DOCKERFILE).message).toMatch(/did not build again: boom/);
  });
});

describe('image-files', () => {
  it('turns globs into path patterns', () => {
    expect(globToRegExp('.env').test('/opt/bundle/.env')).toBe(true);
    expect(globToRegExp('.env').test('/opt/bundle/.envrc')).toBe(false);
    expect(globToRegExp('/app/tests').test('/app/tests')).toBe(true);
    expect(globToRegExp('/app/tests').test('/x/app/tests')).toBe(false);
    expect(globToRegExp('*.key').test('/root/.ssh/id.key')).toBe(true);
    expect(globToRegExp('/root/**/*.pem').test('/root/a/b/c.pem')).toBe(true);
    expect(globToRegExp('/root/**/*.pem').test('/root/c.pem')).toBe(true);
  });

  const check = parse<'image-files'>({ kind: 'image-files', absent: ['.env'] });

  it('finds a secret in any added layer, even one a later layer deletes', () => {
    const layers = [
      { index: 3, entries: [{ path: '/opt' }, { path: '/opt/bundle' }, { path: '/opt/bundle/.env' }] },
      { index: 4, entries: [{ path: '/opt/bundle/.wh..env' }] },
    ];
    const r = evaluateImageFiles(check, layers, 5);
    expect(r).toMatchObject({ passed: false });
    expect(r.message).toMatch(/contains \/opt\/bundle\/\.env \(in layer 4 of 5/);
  });

  it('with includeBaseImage, names a file that came with the base image as such', () => {
    const all = parse<'image-files'>({ kind: 'image-files', absent: ['/bin/sh'], includeBaseImage: true });
    const r = evaluateImageFiles(all, [{ index: 0, entries: [{ path: '/bin' }, { path: '/bin/sh' }] }], 3, 1);
    expect(r.message).toMatch(/contains \/bin\/sh: it comes with the base image/);
  });

  it('passes when no added layer has it', () => {
    expect(evaluateImageFiles(check, [{ index: 3, entries: [{ path: '/app/app.py' }] }], 4)).toMatchObject({ passed: true });
  });
});

describe('healthcheck', () => {
  const check = parse<'healthcheck'>({ kind: 'healthcheck' });
  const config = { Cmd: ['python', 'server.py'], Healthcheck: { Test: ['CMD', 'python', 'healthcheck.py'] } };

  it("starts the image's CMD and polls its declared test beside it", () => {
    const cmd = healthcheckCommand(config);
    expect('command' in cmd && cmd.command.slice(0, 2)).toEqual(['sh', '-c']);
    const script = 'command' in cmd ? cmd.command[2] : '';
    expect(script).toContain("'python' 'server.py' >/dev/null 2>&1 &");
    expect(script).toContain("if 'python' 'healthcheck.py'; then");
    const shell = healthcheckCommand({ ...config, Healthcheck: { Test: ['CMD-SHELL', "curl -f http://localhost/ || exit 1"] } });
    expect('command' in shell && shell.command[2]).toContain(`if sh -c 'curl -f http://localhost/ || exit 1'; then`);
  });

  it('explains what is missing instead of running', () => {
    expect(healthcheckCommand({ Cmd: ['x'] })).toEqual({ problem: 'The image declares no HEALTHCHECK.' });
    expect(healthcheckCommand({ ...config, Healthcheck: { Test: ['NONE'] } })).toEqual({ problem: 'The image declares no HEALTHCHECK.' });
    expect(healthcheckCommand({ ...config, Entrypoint: ['tini'] })).toMatchObject({ problem: expect.stringMatching(/ENTRYPOINT/) });
  });

  it('passes on the healthy marker, fails with the last error otherwise', () => {
    expect(evaluateHealthcheck(check, config, { stdout: '__layerlab_healthy__\n', stderr: '', exitCode: 0 }).passed).toBe(true);
    const r = evaluateHealthcheck(check, config, { stdout: '__layerlab_unhealthy__\n', stderr: 'PermissionError: server.py\n', exitCode: 1 });
    expect(r).toMatchObject({ passed: false, hint: 'what to do' });
    expect(r.message).toMatch(/kept failing.*PermissionError/);
  });
});

describe('rebuild that must fail', () => {
  const check = parse<'rebuild'>({ kind: 'rebuild', edit: { path: 'app.py', append: '\nbroken = 1 / 0\n' }, fails: true });

  it('passes when the broken edit stops the build, fails when it builds anyway', () => {
    expect(evaluateRebuild(check, { ok: false, error: 'RUN python -m unittest failed', steps: [] }, DOCKERFILE)).toMatchObject({ passed: true });
    const r = evaluateRebuild(check, { ok: true, steps: [] }, DOCKERFILE);
    expect(r).toMatchObject({ passed: false, hint: 'what to do' });
    expect(r.message).toMatch(/still built: nothing in the build noticed/);
  });

  it('does not count the learner\'s own files failing to build as a pass', () => {
    expect(evaluateRebuild(check, { ok: false, warmFailed: true, error: 'syntax error', steps: [] }, DOCKERFILE)).toMatchObject({ passed: false, message: 'Your files do not build yet: syntax error.' });
  });
});
