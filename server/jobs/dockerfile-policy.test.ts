import { describe, expect, it } from 'vitest';
import { checkDockerfile, MAX_INSTRUCTIONS, MAX_LINE_BYTES, type PolicyOptions } from './dockerfile-policy';

// A fake catalog: the real one (lib/image-catalog.ts) is injected by the caller.
const allowed = new Set(['python:3.13-slim', 'busybox', 'busybox:latest']);
const learner = new Map([
  ['my-app', 'layerlab/u1/my-app:latest'],
  ['my-app:latest', 'layerlab/u1/my-app:latest'],
  ['my-app:v2', 'layerlab/u1/my-app:v2'],
]);
const options: PolicyOptions = {
  isAllowedBase: (ref) => allowed.has(ref),
  learnerImage: (ref) => learner.get(ref),
  allowedBases: ['python:3.13-slim', 'busybox'],
};

const check = (text: string) => checkDockerfile(text, options);

function refused(text: string): { line: number; message: string }[] {
  const result = check(text);
  if (result.ok) throw new Error(`expected a refusal for:\n${text}`);
  return result.errors;
}

function accepted(text: string): string {
  const result = check(text);
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.dockerfile;
}

const seed =
  'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';

describe('checkDockerfile: accepted files', () => {
  it('accepts the seed lesson unchanged, with one step per instruction', () => {
    const result = check(seed);
    expect(result).toEqual({
      ok: true,
      dockerfile: seed,
      steps: [
        { index: 1, line: 1, instruction: 'FROM python:3.13-slim' },
        { index: 2, line: 2, instruction: 'WORKDIR /app' },
        { index: 3, line: 3, instruction: 'COPY requirements.txt .' },
        { index: 4, line: 4, instruction: 'RUN pip install -r requirements.txt' },
        { index: 5, line: 5, instruction: 'COPY . .' },
        { index: 6, line: 6, instruction: 'CMD ["python", "app.py"]' },
      ],
      notes: [],
    });
  });

  it('counts ARGs before FROM as steps and maps continuations to their first line (as the engine does)', () => {
    const text =
      'ARG BASE=busybox\nARG OTHER\n# a comment\nFROM $BASE AS Build\nARG OTHER=1\nRUN echo one \\\n  # inner comment\n  two \\\n\nENV A=b\nFROM build\nCOPY --from=BUILD /bin/sh /x\nCOPY --from=0 /bin/sh /y\n';
    const result = check(text);
    expect(result.ok && result.steps.map((s) => [s.index, s.line, s.instruction])).toEqual([
      [1, 1, 'ARG BASE=busybox'],
      [2, 2, 'ARG OTHER'],
      [3, 4, 'FROM $BASE AS Build'],
      [4, 5, 'ARG OTHER=1'],
      [5, 6, 'RUN echo one   two ENV A=b'],
      [6, 11, 'FROM build'],
      [7, 12, 'COPY --from=BUILD /bin/sh /x'],
      [8, 13, 'COPY --from=0 /bin/sh /y'],
    ]);
  });

  it('accepts scratch, local files in ADD, multi-stage builds and ONBUILD of safe instructions', () => {
    accepted('FROM scratch\nADD app.tar.gz /\n');
    accepted('FROM python:3.13-slim AS build\nRUN echo hi > /x\nFROM busybox\nCOPY --from=build /x /x\nCOPY --from=0 /x /y\n');
    accepted('FROM busybox\nONBUILD COPY . /app\nONBUILD RUN echo hi\n');
    accepted('FROM busybox\nADD ["a.tar", "/x/"]\nADD --chown=1:1 a b /dest/$HOME\n');
  });

  it('lets stage names shadow image names (the engine uses the stage)', () => {
    accepted('FROM busybox AS python\nFROM python\n');
  });

  it('resolves ARG defaults declared before the first FROM', () => {
    accepted('ARG IMG=python:3.13-slim\nFROM $IMG\n');
    accepted('ARG TAG=3.13-slim\nFROM python:${TAG}\n');
    accepted('ARG IMG\nFROM ${IMG:-python:3.13-slim}\n');
    accepted('ARG IMG="busybox"\nFROM ${IMG}\n');
  });

  it('rewrites a learner image in FROM and COPY --from in place, keeping every line', () => {
    const text = 'FROM my-app AS base\nRUN true\nFROM busybox\nCOPY --from=my-app:v2 /a /b\nCOPY --from="my-app" /c /d\n';
    expect(accepted(text)).toBe(
      'FROM layerlab/u1/my-app:latest AS base\nRUN true\nFROM busybox\nCOPY --from=layerlab/u1/my-app:v2 /a /b\nCOPY --from=layerlab/u1/my-app:latest /c /d\n',
    );
  });

  it('rewrites a FROM resolved through an ARG to the literal image', () => {
    expect(accepted('ARG IMG=my-app\nFROM $IMG\n')).toBe('ARG IMG=my-app\nFROM layerlab/u1/my-app:latest\n');
    expect(accepted('ARG IMG=busybox\n\nFROM ${IMG} AS x\n')).toBe('ARG IMG=busybox\n\nFROM busybox AS x\n');
  });

  it('rewrites within a continued FROM when the name is on one line', () => {
    expect(accepted('FROM \\\n  my-app \\\n  AS a\n')).toBe('FROM \\\n  layerlab/u1/my-app:latest \\\n  AS a\n');
  });

  it('does not touch a Dockerfile that needs no rewrite, byte for byte', () => {
    const text = '\uFEFF# escape=`\r\nFROM busybox\r\nRUN echo a `\r\n  b\r\n';
    expect(accepted(text)).toBe(text);
  });
});

describe('checkDockerfile: FROM', () => {
  it('refuses a file without FROM', () => {
    expect(refused('')).toEqual([{ line: 1, message: expect.stringMatching(/add a FROM line/) }]);
    expect(refused('# only a comment\n')).toHaveLength(1);
    expect(refused('ARG X=1\n')).toHaveLength(1);
  });

  it('refuses images outside the catalog, naming the allowed ones', () => {
    const [error] = refused('FROM alpine\n');
    expect(error.line).toBe(1);
    expect(error.message).toContain('"alpine" is not available here');
    expect(error.message).toContain('python:3.13-slim, busybox');
  });

  it.each([
    'FROM evil.com/x',
    'FROM 127.0.0.1:5000/x',
    'FROM docker.io/library/alpine',
    'FROM PYTHON:3.13-slim',
    'FROM "python:3.13-slim"',
    'FROM python:3.13-slim@sha256:' + 'a'.repeat(64),
    'FROM busybox@sha256:' + 'a'.repeat(64),
    'FROM --platform=linux/arm64 busybox',
    'FROM busybox AS',
    'FROM busybox AS a b',
    'FROM busybox extra',
    'FROM 0',
  ])('refuses %j', (line) => {
    expect(refused(`${line}\n`)[0].line).toBe(1);
  });

  it('explains digests and --platform', () => {
    expect(refused('FROM python:3.13-slim@sha256:' + 'a'.repeat(64))[0].message).toMatch(/digest/);
    expect(refused('FROM --platform=linux/arm64 busybox')[0].message).toMatch(/engine's own platform/);
  });

  it('substitutes ARGs before FROM and checks the result', () => {
    expect(refused('ARG IMG=evil.com/x\nFROM $IMG\n')).toEqual([
      { line: 2, message: expect.stringContaining('"evil.com/x" is not available') },
    ]);
    expect(refused('ARG IMG=evil.com/x\nFROM ${IMG:-python:3.13-slim}\n')[0].line).toBe(2);
    expect(refused('ARG IMG=evil.com\nFROM ${IMG}/x\n')[0].line).toBe(2);
  });

  it('ignores ARGs declared after FROM (the engine does not use them in FROM)', () => {
    expect(refused('FROM busybox\nARG IMG=python:3.13-slim\nFROM $IMG\n')[0]).toMatchObject({ line: 3 });
  });

  it.each([
    'FROM $IMG',
    'ARG IMG\nFROM $IMG',
    'ARG IMG=$OTHER\nFROM $IMG',
    'ARG IMG="a b"\nFROM $IMG',
    "ARG IMG='$X'\nFROM $IMG",
    'ARG IMG=busybox\nARG IMG=evil.com/x\nFROM $IMG',
    'ARG IMG=busybox\nFROM ${IMG:?oops}',
    'ARG IMG=busybox\nFROM ${IMG:-$X}',
    'ARG IMG=busybox\nFROM $IMG$',
    'ARG IMG=busy\\\nFROM ${IMG}box',
    'FROM b\\usybox',
  ])('refuses a FROM it cannot resolve for sure: %j', (text) => {
    expect(refused(text + '\n').length).toBeGreaterThan(0);
  });

  it('refuses invalid and duplicate stage names, as the engine would', () => {
    expect(refused('FROM busybox AS python:3.13-slim\n')[0].message).toMatch(/can't be a stage name/);
    expect(refused('FROM busybox AS 1abc\n')).toHaveLength(1);
    expect(refused('FROM busybox AS a\nFROM busybox AS A\n')[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/already a stage/),
    });
  });

  it('treats stage references case-insensitively, and only earlier stages', () => {
    accepted('FROM busybox AS Build\nFROM BUILD\nFROM build\n');
    expect(refused('FROM later\nFROM busybox AS later\n')[0].line).toBe(1);
  });

  it('refuses instructions before the first FROM other than ARG', () => {
    expect(refused('RUN echo hi\nFROM busybox\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/Only ARG/) });
  });

  it('asks for a split image name to be written on one line when it must be rewritten', () => {
    expect(refused('FROM my\\\n-app\n')[0].message).toMatch(/single line/);
  });
});

describe('checkDockerfile: ADD', () => {
  it.each([
    ['ADD http://example.com/x /x', 1],
    ['add https://example.com/x /x', 1],
    ['AdD HTTP://example.com/x /x', 1],
    ['ADD ftp://example.com/x /x', 1],
    ['ADD git@github.com:a/b.git /x', 1],
    ['ADD local.txt http://example.com/x /x', 1],
    ['ADD ["http://example.com/x", "/x"]', 1],
    ['ADD ["h\\u0074tp\\u003a//example.com/x", "/x"]', 1],
    ['ADD ["http:\\/\\/example.com/x", "/x"] trailing junk', 1],
    ['ADD "http"://example.com/x /x', 1],
    ["ADD 'http://example.com/x' /x", 1],
    ['ADD http\\:\\/\\/example.com/x /x', 1],
    ['ADD --chown=1:1 http://example.com/x /x', 1],
    ['ADD \\\n  http://example.com/x /x', 1],
    ['ADD ht\\\ntp://example.com/x /x', 1],
    ['ADD http:/\\\n/example.com/x /x', 1],
    ['ADD $URL /x', 1],
    ['ADD ${URL} /x', 1],
    ['ADD ["$URL", "/x"]', 1],
    ['ADD local.txt $OTHER /x', 1],
  ])('refuses %j', (line, count) => {
    const errors = refused(`FROM busybox\n${line}\n`);
    expect(errors).toHaveLength(count);
    expect(errors[0].line).toBe(2);
    expect(errors[0].message).toMatch(/COPY/);
  });

  it('refuses a URL hidden behind # escape=` continuations', () => {
    expect(refused('# escape=`\nFROM busybox\nADD `\n  http://example.com/x /x\n')[0].line).toBe(3);
    expect(refused('# escape=`\nFROM busybox\nADD http:`\n//example.com/x /x\n')[0].line).toBe(3);
  });

  it('still sees the URL when a continuation is interrupted by comments and empty lines', () => {
    expect(refused('FROM busybox\nADD \\\n# comment\n\n  http://example.com/x /x\n')[0].line).toBe(2);
  });

  it('does not treat a backslash as a continuation under # escape=`', () => {
    // With backtick escape, the backslash line ends; the next line is its own instruction.
    expect(refused('# escape=`\nFROM busybox\nRUN echo \\\nADD http://example.com/x /x\n')[0].line).toBe(4);
  });

  it('accepts ADD --chmod and --link from the context (Engine 26 has them)', () => {
    accepted('FROM busybox\nADD --chmod=755 a /a\nADD --link a /b\n');
  });
});

describe('checkDockerfile: COPY --from', () => {
  it.each([
    'COPY --from=alpine /a /b',
    'COPY --from=docker.io/library/alpine /a /b',
    'COPY --from=evil.com/x:1 /a /b',
    'COPY --from=$STAGE /a /b',
    'COPY --from=${STAGE:-build} /a /b',
    'COPY --from=1 /a /b',
    'COPY --from=+0 /a /b',
    'COPY --from=later /a /b',
    'COPY --from=busybox@sha256:' + 'a'.repeat(64) + ' /a /b',
    'COPY --from= /a /b',
    'COPY --from /a /b',
    'COPY --from="evil.com/x" /a /b',
    'copy --from=alpine /a /b',
  ])('refuses %j', (line) => {
    expect(refused(`FROM busybox\n${line}\nFROM busybox AS later\n`)[0].line).toBe(2);
  });

  it('refuses a stage copying from itself (the engine would try to pull it)', () => {
    expect(refused('FROM busybox AS a\nCOPY --from=a /x /y\n')[0].message).toMatch(/names the stage it is in/);
    expect(refused('FROM busybox AS a\nCOPY --from=0 /x /y\n')[0].line).toBe(2);
  });

  it('accepts catalog images and earlier stages by name (any case) or index', () => {
    accepted(
      'FROM busybox AS a\nFROM busybox AS b\nFROM busybox\nCOPY --from=python:3.13-slim /x /y\nCOPY --from=A /x /y\nCOPY --from=1 /x /y\n',
    );
  });

  it('accepts COPY --chmod and --link, refuses labs-only flags with what to do instead', () => {
    accepted('FROM busybox\nCOPY --chmod=755 a /a\nCOPY --link a /a\nCOPY --chown=1:1 --chmod=600 --link a /b\n');
    expect(refused('FROM busybox\nCOPY --parents a/b /x/\n')[0].message).toMatch(/^unknown flag: parents.*labs/);
    expect(refused('FROM busybox\nCOPY --exclude=*.md . /x\n')[0].message).toMatch(/^unknown flag: exclude/);
    expect(refused('FROM busybox\nCOPY --bogus a /a\n')[0].message).toBe('unknown flag: bogus');
    expect(refused('FROM busybox\nCOPY --fr\u00e0m=x a /a\n')[0].message).toMatch(/ASCII/);
  });
});

const withCache: PolicyOptions = options;

describe('checkDockerfile: the Dockerfile of today (Engine 26, BuildKit)', () => {
  it('accepts # syntax=docker/dockerfile:1 (and 1.x), neutralised in place with a note for the log', () => {
    const result = check('# syntax=docker/dockerfile:1\nFROM busybox\nRUN echo hi\n');
    expect(result).toMatchObject({ ok: true, dockerfile: '#\nFROM busybox\nRUN echo hi\n' });
    expect(result.ok && result.notes[0]).toMatch(/not downloaded here.*built-in Dockerfile frontend/);
    expect(accepted('# syntax = docker/dockerfile:1.7\nFROM busybox\n')).toBe('#\nFROM busybox\n');
    expect(accepted('# syntax=docker.io/docker/dockerfile:1.7.1\nFROM busybox\n')).toBe('#\nFROM busybox\n');
  });

  it('keeps the escape directive working when # syntax= is neutralised before it', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM busybox\nRUN echo a `\n  b\n';
    const out = accepted(text);
    expect(out).toBe('# escape=`\n#\nFROM busybox\nRUN echo a `\n  b\n');
    expect(check(out)).toMatchObject({ ok: true, steps: [{ line: 3 }, { line: 4, instruction: 'RUN echo a   b' }] });
  });

  it.each([
    '# syntax=evil.example/frontend:1\nFROM busybox\n',
    '# syntax=docker/dockerfile:1-labs\nFROM busybox\n',
    '# syntax=docker/dockerfile:2\nFROM busybox\n',
    // BuildKit's DetectSyntax also reads a directive after a #! line, where the parser sees a comment.
    '#!/usr/bin/env docker\n# syntax=evil.example/frontend\nFROM busybox\n',
  ])('refuses other frontends in %j, saying what to write instead', (text) => {
    expect(refused(text)[0].message).toMatch(/download and run another Dockerfile frontend.*docker\/dockerfile:1/);
  });

  it('accepts heredocs in RUN, COPY and ADD, whose bodies are content, not instructions', () => {
    accepted(
      'FROM busybox\nRUN <<EOF\necho hi\nEOF\nRUN <<-EOF\n\techo hi\n\tEOF\nCOPY <<"EOF" /x\nhi\nEOF\nADD <<EOF /y\nFROM evil\nADD http://x/ /z\nEOF\n',
    );
  });

  it("refuses what comes after an unterminated heredoc with the engine's words", () => {
    expect(refused('FROM busybox\nRUN <<EOF\necho hi\n')).toEqual([{ line: 2, message: 'unterminated heredoc' }]);
  });

  it('accepts cache and tmpfs mounts, and bind mounts from the context or an earlier stage', () => {
    const check = (text: string) => checkDockerfile(text, withCache);
    expect(check('FROM busybox\nRUN --mount=type=tmpfs,target=/t true\nRUN --mount=type=bind,source=a,target=/a cat /a\n').ok).toBe(true);
    expect(
      check(
        'FROM busybox AS b\nRUN echo > /x\nFROM busybox\nRUN --mount=from=b,source=/x,target=/x cat /x\nRUN --mount=type=bind,from=0,target=/m true\n',
      ).ok,
    ).toBe(true);
    expect(check('FROM busybox\nRUN --mount=type=bind,from=python:3.13-slim,target=/p true\n').ok).toBe(true);
  });

  it('keeps cache mounts as written (the engine call namespaces them per learner)', () => {
    const text =
      'FROM busybox\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN --mount=type=cache,id=pip,target=/c,sharing=locked true\n';
    expect(accepted(text)).toBe(text);
  });

  it.each([
    ['RUN --mount=type=secret,id=x cat /run/secrets/x', /secrets can't be passed/],
    ['RUN --mount=type=ssh git clone x', /no SSH agent/],
    ['RUN --mount=type=bind,from=alpine,target=/a true', /earlier stage.*downloaded/],
    ['RUN --mount=type=bind,from=my-app,target=/a true', /start a stage FROM it/],
    ['RUN --mount=type=cache,from=evil.example/x,target=/a true', /earlier stage/],
    ['RUN --mount=type=bind,from=$X,target=/a true', /variables/],
    ['RUN --mount=type=foo,target=/a true', /not a mount type/],
    ['RUN --network=host curl x', /no network at all/],
    ['RUN --network=default curl x', /no network at all/],
    ['RUN --security=insecure x', /unknown flag: security.*unprivileged/],
    ['run --MOUNT=type=cache,target=/x true', /unknown flag: MOUNT/],
  ])('refuses %j, explaining why', (line, hint) => {
    const result = checkDockerfile(`FROM busybox\n${line}\n`, withCache);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(hint) });
  });

  it('accepts RUN --network=none (what every step gets here anyway)', () => {
    accepted('FROM busybox\nRUN --network=none true\n');
  });
});

describe('checkDockerfile: ONBUILD', () => {
  it.each([
    'ONBUILD ADD http://example.com/x /x',
    'onbuild add local /x',
    'ONBUILD FROM busybox',
    'ONBUILD ONBUILD RUN x',
    'ONBUILD COPY --from=alpine /a /b',
    'ONBUILD COPY --from=0 /a /b',
    'ONBUILD RUN --mount=type=cache,target=/x true',
    'ONBUILD RUN <<EOF',
    'ONBUILD --x RUN true',
    'ONBUILD',
  ])('refuses %j', (line) => {
    expect(refused(`FROM busybox\n${line}\n`)[0].line).toBe(2);
  });
});

describe('checkDockerfile: limits and garbage', () => {
  it(`refuses more than ${MAX_INSTRUCTIONS} instructions`, () => {
    const ok = 'FROM busybox\n' + 'RUN true\n'.repeat(MAX_INSTRUCTIONS - 1);
    expect(check(ok).ok).toBe(true);
    expect(refused(ok + 'RUN true\n')).toEqual([{ line: MAX_INSTRUCTIONS + 1, message: expect.stringContaining(`${MAX_INSTRUCTIONS}`) }]);
  });

  it('refuses overly long lines, measured in bytes', () => {
    expect(check(`FROM busybox\nRUN echo ${'x'.repeat(MAX_LINE_BYTES - 9)}\n`).ok).toBe(true);
    expect(refused(`FROM busybox\nRUN echo ${'x'.repeat(MAX_LINE_BYTES)}\n`)[0].line).toBe(2);
    expect(refused(`FROM busybox\nRUN echo ${'€'.repeat(MAX_LINE_BYTES / 3)}\n`)[0].line).toBe(2);
  });

  it('refuses unknown instructions (e.g. a missing continuation), naming the line', () => {
    expect(refused('FROM busybox\nRUN apt-get update &&\n  apt-get install x\n')[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('unknown instruction: apt-get'),
    });
  });

  it('refuses garbage without throwing', () => {
    const garbage = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect(() => check(garbage)).not.toThrow();
    expect(check(garbage).ok).toBe(false);
    expect(check('\u0000\u0001\u0002').ok).toBe(false);
    expect(check('FROM busybox\n\\').ok).toBe(false);
  });

  it('reports every problem, sorted by line', () => {
    const errors = refused('FROM alpine\nADD http://x/ /y\nRUN --mount=type=secret true\n');
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3]);
  });
});

describe('checkDockerfile: doubled escapes at the end of a line (issue 10, critical SSRF)', () => {
  it('sees the ADD after `RUN echo \\\\` as an instruction of its own and refuses it', () => {
    const errors = refused('FROM busybox:latest\nRUN echo \\\\\nADD http://127.0.0.1:8080/x /x\nRUN cat /x\n');
    expect(errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining("ADD can't download from a URL") })]);
  });

  it('refuses a foreign FROM hidden after a doubled escape', () => {
    const errors = refused('FROM busybox:latest\nRUN echo \\\\\nFROM 127.0.0.1:5000/evil:latest\n');
    expect(errors.map((e) => e.line)).toEqual([3]);
  });

  it('refuses a foreign COPY --from hidden after a doubled escape', () => {
    const errors = refused('FROM busybox:latest\nRUN echo \\\\\nCOPY --from=registry.example/evil:1 / /\n');
    expect(errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('is not available here') })]);
  });

  it('refuses the same trick with # escape=` and a doubled backtick', () => {
    const errors = refused('# escape=`\nFROM busybox:latest\nRUN echo ``\nADD http://169.254.169.254/latest/meta-data /m\n');
    expect(errors.map((e) => e.line)).toEqual([4]);
  });
});

describe('checkDockerfile: build args', () => {
  it('checks FROM $ARG with the value a --build-arg gives it, not just the default', () => {
    const text = 'ARG BASE=busybox\nFROM $BASE\n';
    expect(checkDockerfile(text, { ...options, buildArgs: { BASE: 'python:3.13-slim' } }).ok).toBe(true);
    const foreign = checkDockerfile(text, { ...options, buildArgs: { BASE: '127.0.0.1:5000/evil:latest' } });
    expect(foreign.ok).toBe(false);
    expect(!foreign.ok && foreign.errors[0].message).toMatch(/not available here|not a valid image name/);
    expect(checkDockerfile('ARG BASE\nFROM $BASE\n', { ...options, buildArgs: { BASE: 'alpine' } }).ok).toBe(false);
    expect(checkDockerfile(text, { ...options, buildArgs: { BASE: 'busy box' } }).ok).toBe(false);
    // A build arg that names no ARG before FROM changes nothing.
    expect(checkDockerfile(text, { ...options, buildArgs: { OTHER: 'alpine' } }).ok).toBe(true);
  });
});
