import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lintDockerfile, rules } from '.';

/**
 * Every rule: Dockerfiles where it must fire, where it must stay quiet, and
 * (for rules with a quick fix) proof that applying the fix silences it
 * without introducing a syntax error.
 */

type Example = { fires: string[]; quiet: string[]; fixed?: Record<number, string> };
const P = 'FROM python:3.13-slim\n';

const examples: Record<string, Example> = {
  'syntax/parse-problem': {
    fires: ['# escape=x\nFROM busybox:latest\n', '# escape=`\n# escape=\\\nFROM busybox:latest\n'],
    quiet: ['# escape=`\nFROM busybox:latest\n'],
  },
  'syntax/unknown-instruction': {
    fires: ['FROM busybox:latest\nRUNN echo hi\n', 'FROM busybox:latest\nRUN echo a\n  echo b\n'],
    quiet: ['FROM busybox:latest\nRUN echo a \\\n  echo b\n', 'FROM busybox:latest\nRUN <<EOF\nnot an instruction\nEOF\n'],
    fixed: { 0: 'FROM busybox:latest\nRUN echo hi\n' },
  },
  'syntax/missing-from': { fires: ['', '# only a comment\n', 'ARG X=1\n'], quiet: ['ARG BASE=busybox:latest\nFROM $BASE\n'] },
  'syntax/instruction-before-from': {
    fires: ['WORKDIR /app\nFROM busybox:latest\n'],
    quiet: ['ARG V=1\nFROM busybox:latest\nWORKDIR /app\n'],
  },
  'syntax/missing-arguments': { fires: [`${P}WORKDIR\n`, `${P}RUN\n`], quiet: [`${P}WORKDIR /app\n`] },
  'syntax/bad-arguments': {
    fires: [
      'FROM busybox:latest as\n',
      `${P}COPY app.py\n`,
      `${P}ENV NAME\n`,
      `${P}ENV A=1 B\n`,
      `${P}EXPOSE http\n`,
      `${P}HEALTHCHECK curl localhost\n`,
      `${P}SHELL /bin/bash -c\n`,
      `${P}ONBUILD FROM busybox\n`,
      `${P}USER a b\n`,
      `${P}COPY --parents a/b /x/\n`,
      `${P}RUN --bogus true\n`,
    ],
    quiet: [
      'FROM busybox:latest AS base\n',
      `${P}COPY a b /dest/\n`,
      `${P}ENV NAME World\n`,
      `${P}ENV A="hello world" B=2\n`,
      `${P}EXPOSE 8000 53/udp $PORT\n`,
      `${P}HEALTHCHECK --interval=5s CMD curl -f localhost\n`,
      `${P}HEALTHCHECK NONE\n`,
      `${P}SHELL ["/bin/bash", "-c"]\n`,
      `${P}ONBUILD RUN echo hi\n`,
    ],
  },
  'syntax/json-not-strings': { fires: [`${P}CMD ["sleep", 10]\n`], quiet: [`${P}CMD ["sleep", "10"]\n`] },
  'syntax/invalid-json': {
    fires: [`${P}CMD ['python', 'app.py']\n`, `${P}ENTRYPOINT [\u201cpython\u201d, \u201capp.py\u201d]\n`],
    quiet: [`${P}CMD ["python", "app.py"]\n`, `${P}RUN [ -f /etc/hostname ] && echo yes\n`, `${P}RUN [ "$A" = "b" ] || true\n`],
    fixed: { 0: `${P}CMD ["python", "app.py"]\n` },
  },
  'syntax/unsupported-feature': {
    fires: [
      `# syntax=docker/dockerfile:1-labs\n${P}`,
      `#!/bin/env docker\n# syntax=evil.example/frontend\n${P}`,
      `${P}RUN --network=host curl x\n`,
      `${P}RUN --mount=type=secret,id=t cat /run/secrets/t\n`,
      `${P}RUN --mount=type=ssh git clone x\n`,
    ],
    quiet: [
      `${P}RUN <<EOF\necho hi\nEOF\n`,
      `# syntax=docker/dockerfile:1\n${P}`,
      `${P}RUN --mount=type=cache,target=/root/.cache pip install --no-cache-dir x\n`,
      `${P}COPY --chmod=755 --link a /a\n`,
      `${P}RUN --network=none true\n`,
      `FROM busybox:latest AS a\n${P}COPY --from=a --chown=1000 /a /a\n`,
    ],
    fixed: { 0: `# syntax=docker/dockerfile:1\n${P}` },
  },
  'base-image-not-allowed': {
    fires: ['FROM ubuntu:22.04\n', 'FROM python:3.12\n', 'FROM python@sha256:abcd\n'],
    quiet: [
      P,
      'FROM docker.io/library/python:3.13-slim\n',
      'FROM scratch\n',
      'FROM busybox:latest AS build\nFROM build\n',
      'ARG B=x\nFROM $B\n',
    ],
    fixed: { 1: 'FROM python:3.13-slim\n' },
  },
  'base-image-unpinned': {
    fires: ['FROM python\n', 'FROM node:latest\n', 'FROM busybox\n'],
    quiet: [P, 'FROM busybox:latest\n', 'FROM ubuntu:22.04\n'],
    fixed: { 0: 'FROM python:3.13-slim\n', 1: 'FROM node:22-slim\n', 2: 'FROM busybox:latest\n' },
  },
  'combine-consecutive-runs': {
    fires: [`${P}RUN apt-get update\nRUN apt-get install -y curl\n`, `${P}RUN echo a \\\n  b\n# why\n\nRUN echo c\n`],
    quiet: [
      `${P}RUN echo a && echo b\n`,
      `${P}RUN echo a\nWORKDIR /x\nRUN echo b\n`,
      `FROM busybox:latest AS a\nRUN echo a\nFROM busybox:latest\nRUN echo b\n`,
    ],
    fixed: { 0: `${P}RUN apt-get update && \\\n    apt-get install -y curl\n`, 1: `${P}RUN echo a \\\n  b && \\\n# why\n    echo c\n` },
  },
  'sort-package-list': {
    fires: [
      `${P}RUN apt-get update && apt-get install -y \\\n    zlib1g \\\n    curl \\\n    && rm -rf /var/lib/apt/lists/*\n`,
      `${P}RUN pip install --no-cache-dir flask \\\n    click\n`,
      'FROM busybox:latest\nRUN apk add --no-cache \\\n  git \\\n  bash\n',
    ],
    quiet: [
      `${P}RUN apt-get install -y \\\n    curl \\\n    zlib1g\n`,
      `${P}RUN apt-get install -y zlib1g curl\n`,
      `${P}RUN pip install --no-cache-dir -r requirements.txt \\\n    -c constraints.txt\n`,
    ],
    fixed: {
      0: `${P}RUN apt-get update && apt-get install -y \\\n    curl \\\n    zlib1g \\\n    && rm -rf /var/lib/apt/lists/*\n`,
      1: `${P}RUN pip install --no-cache-dir click \\\n    flask\n`,
    },
  },
  'pip-no-cache-dir': {
    fires: [
      `${P}RUN pip install -r requirements.txt\n`,
      `${P}RUN python3 -m pip install flask && pip3 install \\\n  click\n`,
      `${P}RUN ["pip", "install", "flask"]\n`,
    ],
    quiet: [
      `${P}RUN pip install --no-cache-dir flask\n`,
      `${P}ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n`,
      `${P}RUN pip freeze\n`,
      `${P}RUN echo pip install\n`,
    ],
    fixed: {
      0: `${P}RUN pip install --no-cache-dir -r requirements.txt\n`,
      1: `${P}RUN python3 -m pip install --no-cache-dir flask && pip3 install --no-cache-dir \\\n  click\n`,
    },
  },
  'apt-lists-not-removed': {
    fires: [`${P}RUN apt-get update && apt-get install -y curl\n`, `${P}RUN apt-get update \\\n && apt-get -y install \\\n   curl\n`],
    quiet: [
      `${P}RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n`,
      `${P}RUN apt-get update\n`,
      `${P}RUN echo apt-get install\n`,
    ],
    fixed: {
      0: `${P}RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n`,
      1: `${P}RUN apt-get update \\\n && apt-get -y install \\\n   curl && rm -rf /var/lib/apt/lists/*\n`,
    },
  },
  'copy-all-before-install': {
    fires: [
      `${P}COPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n`,
      'FROM node:22-slim\nWORKDIR /app\nCOPY ./ /app/\nRUN npm ci\n',
    ],
    quiet: [
      `${P}COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n`,
      `${P}COPY . .\nRUN pip install --no-cache-dir .\n`,
      `FROM busybox:latest AS b\nCOPY . .\n${P}COPY --from=b /x /x\nRUN pip install --no-cache-dir flask\n`,
    ],
  },
  'prefer-exec-form': {
    fires: [`${P}CMD python app.py\n`, `${P}ENTRYPOINT python app.py --port=$PORT\n`],
    quiet: [`${P}CMD ["python", "app.py"]\n`, `${P}ENTRYPOINT ["/bin/sh", "-c", "exec python app.py"]\n`],
    fixed: { 0: `${P}CMD ["python", "app.py"]\n` },
  },
  'workdir-absolute': {
    fires: [`${P}WORKDIR app\n`, `${P}WORKDIR src/app\n`],
    quiet: [`${P}WORKDIR /app\n`, `${P}WORKDIR $HOME/app\n`, `${P}WORKDIR "/app"\n`],
    fixed: { 0: `${P}WORKDIR /app\n`, 1: `${P}WORKDIR /src/app\n` },
  },
  'prefer-copy': {
    fires: [`${P}ADD app.py /app/\n`, `${P}add --chown=1000 . /app\n`, `${P}ADD ["a b.txt", "/x/"]\n`],
    quiet: [`${P}COPY app.py /app/\n`, `${P}ADD rootfs.tar.gz /\n`, `${P}ADD https://example.com/x /x\n`],
    fixed: { 0: `${P}COPY app.py /app/\n`, 1: `${P}COPY --chown=1000 . /app\n` },
  },
  'avoid-root-user': {
    fires: [
      P,
      `${P}RUN useradd app\nUSER app\nRUN echo\nUSER root\n`,
      `${P}USER 0:0\n`,
      `FROM busybox:latest AS a\nUSER root\nFROM a\n`,
      `${P}USER app\nFROM busybox:latest\n`,
    ],
    quiet: [`${P}RUN useradd app\nUSER app\n`, `FROM busybox:latest AS a\nUSER nobody\nFROM a\nRUN echo\n`, `${P}USER 1000:1000\n`],
  },
  LegacyKeyValueFormat: {
    fires: [`${P}ENV NAME World\n`, `${P}LABEL version 1.0\n`, `${P}ENV GREETING hello world\n`],
    quiet: [`${P}ENV NAME=World\n`, `${P}ENV A="hello world" B=2\n`, `${P}LABEL a=b\n`],
    fixed: { 0: `${P}ENV NAME=World\n`, 2: `${P}ENV GREETING="hello world"\n` },
  },
  FromAsCasing: {
    fires: ['FROM busybox:latest as build\n', 'from busybox:latest AS build\n'],
    quiet: ['FROM busybox:latest AS build\n', 'from busybox:latest as build\n', 'FROM busybox:latest\n'],
    fixed: { 0: 'FROM busybox:latest AS build\n' },
  },
  StageNameCasing: { fires: ['FROM busybox:latest AS Build\n'], quiet: ['FROM busybox:latest AS build\n'] },
  UndefinedVar: {
    fires: [`${P}COPY app.py $APP_HOME/\n`, `ARG V=1\n${P}LABEL version=$V\n`, `${P}WORKDIR \${DIR}\n`],
    quiet: [
      `${P}ENV APP_HOME=/app\nCOPY app.py $APP_HOME/\n`,
      `ARG V=1\n${P}ARG V\nLABEL version=$V\n`,
      `${P}WORKDIR $HOME/app\n`,
      `${P}RUN echo $UNDEFINED_IN_SHELL\n`,
      `FROM busybox:latest AS base\nENV D=/x\nFROM base\nWORKDIR $D\n`,
    ],
  },
  NoEmptyContinuation: {
    fires: [`${P}RUN apt-get update && \\\n\n    apt-get install -y curl\n`],
    quiet: [`${P}RUN apt-get update && \\\n    apt-get install -y curl\n`, `${P}RUN echo a\n\nRUN echo b\n`],
  },
  MaintainerDeprecated: {
    fires: [`${P}MAINTAINER Ada <ada@example.com>\n`],
    quiet: [`${P}LABEL org.opencontainers.image.authors="Ada"\n`],
    fixed: { 0: `${P}LABEL org.opencontainers.image.authors="Ada <ada@example.com>"\n` },
  },
  'end-of-line-comment': {
    fires: [
      `${P}EXPOSE 8000 # the web port\n`,
      `${P}ENV A=1 # one\n`,
      `${P}RUN apt-get update # refresh \\\n && apt-get install -y curl\n`,
    ],
    quiet: [
      `${P}# the web port\nEXPOSE 8000\n`,
      `${P}RUN echo a # fine: the shell ends here\n`,
      `${P}RUN echo a \\\n# dropped by Docker\n  b\n`,
      `${P}RUN echo a#b\n`,
    ],
  },
  'missing-pipefail': {
    fires: [`${P}RUN curl -fsSL https://example.com/x.tgz | tar xz\n`, `${P}RUN <<EOF\ncat a | grep b\nEOF\n`],
    quiet: [
      `${P}RUN set -o pipefail && curl -fsSL x | tar xz\n`,
      `${P}SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | tar xz\n`,
      `${P}RUN true || echo failed\n`,
      `${P}RUN echo "a | b"\n`,
      `${P}RUN ["sh", "-c", "a | b"]\n`,
    ],
  },
  'user-before-created': {
    fires: [`${P}USER app\nRUN useradd app\n`, `FROM busybox:latest AS a\nRUN adduser -D app\nFROM python:3.13-slim\nUSER app\n`],
    quiet: [
      `${P}RUN useradd --create-home app\nUSER app\n`,
      `${P}RUN groupadd -r app && useradd -r -g app app\nUSER app:app\n`,
      `${P}USER nobody\n`,
      `${P}USER 1000\n`,
      `FROM busybox:latest AS a\nRUN adduser -D app\nFROM a\nUSER app\n`,
      'FROM my-own-image\nUSER app\n',
    ],
  },
};

const fired = (text: string, id: string) => lintDockerfile(text, { rethrow: true }).filter((d) => d.ruleId === id);

describe('every rule', () => {
  it('has examples and a docs page', () => {
    for (const rule of rules) {
      expect(examples[rule.id], rule.id).toBeDefined();
      expect(readFileSync(path.resolve(import.meta.dirname, '../..', rule.docs), 'utf8')).toMatch(/^# \S/);
    }
    expect(Object.keys(examples).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  describe.each(Object.entries(examples))('%s', (id, example) => {
    it.each(example.fires.map((text, i) => [i, text]))('fires on example %i', (_i, text) => {
      const found = fired(text, id);
      expect(found.length).toBeGreaterThan(0);
      const severity = rules.find((r) => r.id === id)!.severity;
      for (const d of found) expect(d).toMatchObject({ ruleId: id, severity, line: expect.any(Number), message: expect.any(String) });
    });

    it.each(example.quiet.map((text, i) => [i, text]))('stays quiet on example %i', (_i, text) => {
      expect(fired(text, id)).toEqual([]);
    });

    if (example.fixed) {
      it.each(Object.entries(example.fixed))('quick fix on example %s gives the expected text and silences the rule', (i, expected) => {
        const source = example.fires[Number(i)];
        const [first] = fired(source, id);
        expect(first.fix, 'has a fix').toBeDefined();
        const after = applyFix(source, first.fix!);
        expect(after).toBe(expected);
        expect(fired(after, id)).toEqual([]);
        const syntaxBefore = lintDockerfile(source).filter((d) => d.ruleId.startsWith('syntax/') && d.ruleId !== id).length;
        expect(lintDockerfile(after).filter((d) => d.ruleId.startsWith('syntax/')).length).toBeLessThanOrEqual(syntaxBefore);
      });
    }
  });
});

describe('lintDockerfile', () => {
  it('reports nothing but the root-user note for a clean, well-written file', () => {
    const text = `FROM python:3.13-slim
WORKDIR /usr/src/app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home app
USER app
CMD ["python", "./app.py"]
`;
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('sorts diagnostics by line and reports the seed lesson example', () => {
    const seed =
      'FROM python:3.13-slim\nWORKDIR /usr/src/app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nENV NAME World\nCMD ["python", "./app.py"]\n';
    expect(lintDockerfile(seed).map((d) => [d.line, d.ruleId])).toEqual([
      [1, 'avoid-root-user'],
      [3, 'copy-all-before-install'],
      [5, 'LegacyKeyValueFormat'],
    ]);
  });

  it('honours allowedBases, and an empty list turns the catalog check off', () => {
    expect(fired('FROM alpine:3.19\n', 'base-image-not-allowed')).toHaveLength(1);
    expect(lintDockerfile('FROM alpine:3.19\n', { allowedBases: ['alpine:3.19'] }).map((d) => d.ruleId)).not.toContain(
      'base-image-not-allowed',
    );
    expect(lintDockerfile('FROM alpine:3.19\n', { allowedBases: [] }).map((d) => d.ruleId)).not.toContain('base-image-not-allowed');
  });

  it('leaves out the rules a lesson switches off (coach.off), and only those', () => {
    const seed =
      'FROM python:3.13-slim\nWORKDIR /usr/src/app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "./app.py"]\n';
    expect(lintDockerfile(seed).map((d) => d.ruleId)).toEqual(['avoid-root-user', 'copy-all-before-install']);
    expect(lintDockerfile(seed, { off: ['avoid-root-user'] }).map((d) => d.ruleId)).toEqual(['copy-all-before-install']);
  });

  it('keeps CRLF line endings and the byte-order mark when a fix is applied', () => {
    const text = '\uFEFFFROM python:3.13-slim\r\nWORKDIR app\r\n';
    const [d] = fired(text, 'workdir-absolute');
    expect(applyFix(text, d.fix!)).toBe('\uFEFFFROM python:3.13-slim\r\nWORKDIR /app\r\n');
    const [from] = fired('\uFEFFFROM python\r\n', 'base-image-unpinned');
    expect(applyFix('\uFEFFFROM python\r\n', from.fix!)).toBe('\uFEFFFROM python:3.13-slim\r\n');
  });

  it('understands # escape=` continuations', () => {
    const text = '# escape=`\nFROM python:3.13-slim\nRUN apt-get update `\n && apt-get install -y curl\nRUN echo done\n';
    const found = lintDockerfile(text, { rethrow: true });
    expect(found.filter((d) => d.ruleId.startsWith('syntax/'))).toEqual([]);
    const merge = found.find((d) => d.ruleId === 'combine-consecutive-runs')!;
    expect(merge.fix!.edits[0].newText).toContain('&& `');
    expect(applyFix(text, found.find((d) => d.ruleId === 'apt-lists-not-removed')!.fix!)).toContain(
      'curl && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it("honours Docker's # check=skip= directive for Docker's checks", () => {
    const ids = (text: string) => lintDockerfile(text).map((d) => d.ruleId);
    const body = 'FROM python:3.13-slim as Build\nENV NAME World\nUSER nobody\n';
    expect(ids(body)).toEqual(expect.arrayContaining(['FromAsCasing', 'StageNameCasing', 'LegacyKeyValueFormat']));
    expect(ids(`# check=skip=LegacyKeyValueFormat,FromAsCasing\n${body}`)).toEqual(['StageNameCasing']);
    expect(ids(`# check=skip=all\n${body}`)).toEqual([]);
    expect(ids(`FROM python:3.13-slim\n# check=skip=all\nENV NAME World\nUSER nobody\n`)).toEqual(['LegacyKeyValueFormat']);
  });

  it('never throws on values that are not strings', () => {
    expect(() => lintDockerfile(undefined as unknown as string)).not.toThrow();
    expect(lintDockerfile(42 as unknown as string).map((d) => d.ruleId)).toEqual(['syntax/missing-from']);
  });
});
