import { describe, expect, it } from 'vitest';
import { detectSyntax, isBuiltinSyntax } from './detect-syntax';
import { readDockerfile } from './instructions';

describe('readDockerfile: the typed instruction layer', () => {
  it('groups commands into stages with base and lower-cased name', () => {
    const df = readDockerfile(
      'ARG V=1\nFROM busybox:latest AS Build\nRUN echo\nFROM build\nCOPY --from=Build --chmod=600 --link a b /d/\n',
    );
    expect(df.errors).toEqual([]);
    expect(df.metaArgs.map((a) => a.args)).toEqual([[{ name: 'V', value: '1' }]]);
    expect(df.stages.map((s) => [s.index, s.base, s.name, s.commands.map((c) => c.kind)])).toEqual([
      [0, 'busybox:latest', 'build', ['RUN']],
      [1, 'build', undefined, ['COPY']],
    ]);
    expect(df.stages[1].commands[0]).toMatchObject({
      kind: 'COPY',
      from: 'Build',
      chmod: '600',
      link: true,
      sources: ['a', 'b'],
      dest: '/d/',
    });
  });

  it('types RUN mounts, network and heredocs', () => {
    const [, run] = readDockerfile(
      'FROM busybox\nRUN --mount=type=cache,target=/c,id=x --mount=from=b,src=/s,target=/t --network=none <<EOF\necho\nEOF\n',
    ).commands;
    expect(run).toMatchObject({
      kind: 'RUN',
      network: 'none',
      mounts: [
        { type: 'cache', target: '/c', options: { id: 'x' } },
        { type: 'bind', from: 'b', source: '/s', target: '/t' },
      ],
      heredocs: [{ name: 'EOF', content: 'echo\n' }],
    });
  });

  it('reports what the engine refuses, in its words', () => {
    const errors = (text: string) => readDockerfile(text).errors.map((e) => `${e.line}: ${e.message}`);
    expect(errors('FROM a\nFOO x\n')).toEqual(['2: unknown instruction: FOO']);
    expect(errors('FROM a\nCOPY --parents x /y\n')).toEqual(['2: unknown flag: parents']);
    expect(errors('FROM a\nCOPY x\n')).toEqual([
      '2: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    ]);
    expect(errors('FROM a\nENV NAME\n')).toEqual(['2: ENV must have two arguments']);
    expect(errors('FROM a\nRUN ["a", 1]\n')).toEqual(['2: when using JSON array syntax, arrays must be comprised of strings only']);
    expect(errors('FROM a b\n')).toEqual(['1: FROM requires either one or three arguments']);
    expect(errors('RUN x\nFROM a\n')).toEqual(['1: no build stage in current context']);
    expect(errors('FROM a\nONBUILD FROM b\n')).toEqual(["2: FROM isn't allowed as an ONBUILD trigger"]);
    expect(errors('# only\n')).toEqual(['1: file with no instructions']);
    expect(errors('FROM a\nONBUILD BOGUS x\nENV A=1 B="2 3"\n')).toEqual([]);
  });

  it('reads ENV in both forms, marking the legacy one', () => {
    const [, legacy, modern] = readDockerfile('FROM a\nENV NAME hello world\nENV A=1 B="x y"\n').commands;
    expect(legacy).toMatchObject({ kind: 'ENV', legacyForm: true, pairs: [{ key: 'NAME', value: 'hello world' }] });
    expect(modern).toMatchObject({
      kind: 'ENV',
      legacyForm: false,
      pairs: [
        { key: 'A', value: '1' },
        { key: 'B', value: '"x y"' },
      ],
    });
  });
});

describe('detectSyntax (BuildKit decides with it whether to fetch a frontend)', () => {
  it.each([
    ['# syntax=docker/dockerfile:1\nFROM a\n', 'docker/dockerfile:1', 1],
    ['\uFEFF#syntax = x/y:1 \nFROM a\n', 'x/y:1', 1],
    ['#!/bin/docker\n# syntax=evil/f\nFROM a\n', 'evil/f', 2],
    ['# escape=`\n# syntax=evil/f\n', 'evil/f', 2],
    ['// syntax=evil/f\nFROM a\n', 'evil/f', 1],
    ['{"syntax": "evil/f"}', 'evil/f', 1],
  ])('finds the directive in %j', (text, value, line) => {
    expect(detectSyntax(text)).toEqual({ value, line });
  });

  it.each(['FROM a\n# syntax=evil/f\n', '# hello\n# syntax=evil/f\n', '\n# syntax=evil/f\n', ' # syntax=evil/f\n'])(
    'finds none in %j',
    (text) => {
      expect(detectSyntax(text)).toBeUndefined();
    },
  );

  it('knows which values the built-in frontend covers', () => {
    expect(['docker/dockerfile:1', 'docker/dockerfile:1.7', 'docker.io/docker/dockerfile:1.7.1'].every(isBuiltinSyntax)).toBe(true);
    expect(
      ['docker/dockerfile:1-labs', 'docker/dockerfile:latest', 'evil/dockerfile:1', 'docker/dockerfile:1@sha256:ab'].some(isBuiltinSyntax),
    ).toBe(false);
  });
});
