import { describe, expect, it } from 'vitest';
import { checkSchema } from '../schema';
import { evaluateChecks, type CheckEngine } from './evaluate';
import { evaluateImageCheck, type ImageFacts } from './image-checks';
import { evaluateRunCheck } from './run-checks';

const parse = (c: Record<string, unknown>) => checkSchema.parse({ id: 'c', title: 'T', hint: 'h', ...c });
const noBuilds = { rebuild: async () => { throw new Error('no'); }, layerFiles: async () => { throw new Error('no'); } };
const image = (c: Record<string, unknown>, facts: ImageFacts) => {
  const check = parse(c);
  if (check.kind !== 'image-config' && check.kind !== 'image-size' && check.kind !== 'image-layers') throw new Error(check.kind);
  return evaluateImageCheck(check, facts);
};
const run = (c: Record<string, unknown>, outcome: Parameters<typeof evaluateRunCheck>[1]) => {
  const check = parse({ kind: 'run', ...c });
  if (check.kind !== 'run') throw new Error(check.kind);
  return evaluateRunCheck(check, outcome);
};

const FACTS: ImageFacts = {
  config: {
    Cmd: ['python', './app.py'],
    Entrypoint: null,
    WorkingDir: '/usr/src/app',
    Env: ['PATH=/usr/bin', 'NAME=World'],
    User: '',
    ExposedPorts: { '8000/tcp': {} },
    Healthcheck: { Test: ['CMD', 'python', 'health.py'] },
  },
  sizeBytes: 180_400_000,
  layers: ['sha256:base', 'sha256:a', 'sha256:b'],
  baseLayers: ['sha256:base'],
};

describe('image-config', () => {
  it('equals on an exec-form list', () => {
    expect(image({ kind: 'image-config', field: 'Cmd', equals: ['python', './app.py'] }, FACTS).passed).toBe(true);
    const r = image({ kind: 'image-config', field: 'Cmd', equals: ['python', 'app.py'] }, FACTS);
    expect(r).toMatchObject({ passed: false, message: 'Cmd is ["python","./app.py"].' });
  });

  it('includes on Env and ExposedPorts', () => {
    expect(image({ kind: 'image-config', field: 'Env', includes: 'NAME=World' }, FACTS).passed).toBe(true);
    expect(image({ kind: 'image-config', field: 'Env', includes: 'NAME=Docker' }, FACTS).passed).toBe(false);
    expect(image({ kind: 'image-config', field: 'ExposedPorts', includes: '8000/tcp' }, FACTS).passed).toBe(true);
  });

  it('present on User and Healthcheck; NONE counts as absent', () => {
    expect(image({ kind: 'image-config', field: 'User', present: true }, FACTS)).toMatchObject({ passed: false, message: 'User is not set.' });
    expect(image({ kind: 'image-config', field: 'Healthcheck', present: true }, FACTS).passed).toBe(true);
    const none = { ...FACTS, config: { ...FACTS.config, Healthcheck: { Test: ['NONE'] } } };
    expect(image({ kind: 'image-config', field: 'Healthcheck', present: true }, none).passed).toBe(false);
  });

  it('matches on a scalar', () => {
    expect(image({ kind: 'image-config', field: 'WorkingDir', matches: '^/usr/src/' }, FACTS).passed).toBe(true);
    const root = { ...FACTS, config: { ...FACTS.config, User: 'root' } };
    expect(image({ kind: 'image-config', field: 'User', matches: '^(?!root$|0$|0:).+' }, root).passed).toBe(false);
  });
});

describe('image-size and image-layers', () => {
  it('size in MB (10^6 bytes)', () => {
    expect(image({ kind: 'image-size', maxMb: 200 }, FACTS)).toMatchObject({ passed: true, message: 'The image is 180.4 MB (limit 200 MB).' });
    expect(image({ kind: 'image-size', maxMb: 180 }, FACTS).passed).toBe(false);
  });

  it('layers in total and added on top of the base', () => {
    expect(image({ kind: 'image-layers', max: 3 }, FACTS).passed).toBe(true);
    expect(image({ kind: 'image-layers', max: 2 }, FACTS).passed).toBe(false);
    expect(image({ kind: 'image-layers', max: 10, maxAdded: 2 }, FACTS)).toMatchObject({ passed: true, message: 'Your instructions added 2 layers (limit 2).' });
    expect(image({ kind: 'image-layers', max: 10, maxAdded: 1 }, FACTS).passed).toBe(false);
  });
});

describe('run checks', () => {
  it('stdout contains and exit code', () => {
    expect(run({ stdoutContains: 'Hello World', exitCode: 0 }, { stdout: 'Hello World\n', stderr: '', exitCode: 0 }).passed).toBe(true);
    const r = run({ stdoutContains: 'Hello World' }, { stdout: '', stderr: '', exitCode: 0 });
    expect(r).toMatchObject({ passed: false, message: 'Expected the output to contain `Hello World`, but it printed nothing.' });
  });

  it('reports the exit code and last stderr line', () => {
    const r = run({ exitCode: 0 }, { stdout: '', stderr: 'Traceback\nModuleNotFoundError: x\n', exitCode: 1 });
    expect(r.passed).toBe(false);
    expect(r.message).toContain('exited with code 1 instead of 0');
    expect(r.message).toContain('ModuleNotFoundError');
  });

  it('stdoutMatches is multiline; stdoutNotContains', () => {
    expect(run({ stdoutMatches: '^1000$' }, { stdout: 'x\n1000\n', stderr: '', exitCode: 0 }).passed).toBe(true);
    expect(run({ stdoutNotContains: '.env' }, { stdout: 'app.py\n.env\n', stderr: '', exitCode: 0 }).passed).toBe(false);
  });

  it('a container that could not run fails with the reason', () => {
    expect(run({ exitCode: 0 }, { stdout: '', stderr: '', error: 'timed out' })).toMatchObject({ passed: false, message: 'The container did not run: timed out' });
  });
});

describe('evaluateChecks', () => {
  const checks = [
    parse({ id: 'from', kind: 'instruction', instruction: 'FROM' }),
    parse({ id: 'env', kind: 'image-config', field: 'Env', includes: 'NAME=World' }),
    parse({ id: 'hello', kind: 'run', stdoutContains: 'Hello' }),
    parse({ id: 'exit', kind: 'run', exitCode: 0 }),
    parse({ id: 'other', kind: 'run', env: { NAME: 'X' }, stdoutContains: 'Hello X' }),
  ];
  const files = [{ path: 'Dockerfile', content: 'FROM python:3.13-slim\n' }];

  it('evaluates in order, sharing identical runs', async () => {
    const runs: unknown[] = [];
    const engine: CheckEngine = {
      ...noBuilds,
      inspect: async () => FACTS,
      run: async (_img, opts) => {
        runs.push(opts);
        return { stdout: `Hello ${opts.env?.NAME ?? 'World'}\n`, stderr: '', exitCode: 0 };
      },
    };
    const r = await evaluateChecks({ checks, files, image: 'sha256:x', engine });
    expect(r.results.map((x) => [x.id, x.passed])).toEqual([['from', true], ['env', true], ['hello', true], ['exit', true], ['other', true]]);
    expect(r.allPassed).toBe(true);
    expect(runs).toHaveLength(2);
  });

  it('without an image, image and run checks fail but static ones still count', async () => {
    const engine: CheckEngine = { ...noBuilds, inspect: async () => { throw new Error('no'); }, run: async () => { throw new Error('no'); } };
    const r = await evaluateChecks({ checks, files, engine });
    expect(r.results[0].passed).toBe(true);
    expect(r.results.slice(1).every((x) => !x.passed && /did not build/.test(x.message!))).toBe(true);
    expect(r.allPassed).toBe(false);
  });

  it('an engine error becomes a failed check, not a crash', async () => {
    const engine: CheckEngine = { ...noBuilds, inspect: async () => { throw new Error('engine down'); }, run: async () => ({ stdout: 'Hello', stderr: '', exitCode: 0 }) };
    const r = await evaluateChecks({ checks, files, image: 'x', engine });
    expect(r.results[1]).toMatchObject({ passed: false, message: 'Could not check the image: engine down' });
  });
});

describe('failure messages say what to change', () => {
  it('explains single quotes in an exec form', () => {
    const facts = { ...FACTS, config: { ...FACTS.config, Cmd: ['/bin/sh', '-c', "['World']"] } };
    const r = image({ kind: 'image-config', field: 'Cmd', equals: ['World'] }, facts);
    expect(r.message).toMatch(/single quotes are not JSON\. Write the list with double quotes\.$/);
    const shell = image({ kind: 'image-config', field: 'Cmd', equals: ['World'] }, { ...FACTS, config: { ...FACTS.config, Cmd: ['/bin/sh', '-c', 'python greet.py'] } });
    expect(shell.message).toMatch(/that is the shell form/);
  });

  it('explains a command that replaced CMD instead of the raw engine error', () => {
    const r = run({ command: ['Ada', 'Grace'], exitCode: 0 }, { stdout: '', stderr: '', error: 'OCI runtime create failed: runsc: exec: "Ada": executable file not found' });
    expect(r.message).toMatch(/Docker tried to run `Ada` as the program\. Arguments after the image name replace CMD/);
    expect(r.message).not.toMatch(/runsc|OCI/);
  });
});

describe('StopSignal', () => {
  it('is read from the image config; unset is "not set"', () => {
    expect(image({ kind: 'image-config', field: 'StopSignal', equals: 'SIGINT' }, { ...FACTS, config: { ...FACTS.config, StopSignal: 'SIGINT' } }).passed).toBe(true);
    expect(image({ kind: 'image-config', field: 'StopSignal', equals: 'SIGINT' }, FACTS)).toMatchObject({ passed: false, message: 'StopSignal is not set.' });
  });
});
