import { describe, expect, it } from 'vitest';
import { completionContext, hoverTarget, instructionStart, stageNames } from './dockerfile-language';
import { flagDoc, instructionDoc, instructionDocs } from './instruction-docs';

/** `|` marks the cursor; returns the lines and the cursor's line and column. */
function at(text: string) {
  const lines = text.split('\n');
  const lineNumber = lines.findIndex((l) => l.includes('|')) + 1;
  const column = lines[lineNumber - 1].indexOf('|') + 1;
  lines[lineNumber - 1] = lines[lineNumber - 1].replace('|', '');
  return { getLine: (n: number) => lines[n - 1] ?? '', lineNumber, column, lines };
}

const complete = (text: string) => {
  const { getLine, lineNumber, column } = at(text);
  return completionContext(getLine, lineNumber, column);
};
const hover = (text: string) => {
  const { getLine, lineNumber, column } = at(text);
  return hoverTarget(getLine, lineNumber, column);
};

describe('completionContext', () => {
  it('offers instructions at the start of a line, replacing the word typed so far', () => {
    expect(complete('FROM python:3.13-slim\nWOR|')).toEqual({ kind: 'instruction', span: { start: 1, end: 4 } });
    expect(complete('|')).toMatchObject({ kind: 'instruction' });
    expect(complete('ONBUILD RU|')).toEqual({ kind: 'instruction', span: { start: 9, end: 11 } });
  });

  it('offers nothing on a continuation line or in a comment', () => {
    expect(complete('RUN apt-get update && \\\n    ap|')).toEqual({ kind: 'none' });
    expect(complete('# WOR|')).toEqual({ kind: 'none' });
  });

  it('offers the flags of the instruction, also on its continuation lines', () => {
    expect(complete('COPY --ch|')).toEqual({ kind: 'flag', instruction: 'COPY', span: { start: 6, end: 10 } });
    expect(complete('HEALTHCHECK \\\n  --int|')).toMatchObject({ kind: 'flag', instruction: 'HEALTHCHECK' });
    // RUN has no flags here (no BuildKit, so no --mount).
    expect(complete('RUN --|')).toEqual({ kind: 'none' });
  });

  it('offers images as the first argument of FROM only', () => {
    expect(complete('FROM |')).toEqual({ kind: 'image', span: { start: 6, end: 6 } });
    expect(complete('FROM pyt|')).toEqual({ kind: 'image', span: { start: 6, end: 9 } });
    expect(complete('FROM python:3.13-slim AS |')).toEqual({ kind: 'none' });
  });

  it('offers stage names after COPY --from=', () => {
    expect(complete('COPY --from=bu|')).toEqual({ kind: 'stage', span: { start: 13, end: 15 } });
  });
});

describe('hoverTarget', () => {
  it('explains the instruction keyword in any case', () => {
    const target = hover('wor|kdir /app');
    expect(target).toMatchObject({ kind: 'instruction', span: { start: 1, end: 8 } });
    expect(target?.doc.name).toBe('WORKDIR');
  });

  it('explains a flag of the instruction, with or without its value', () => {
    expect(hover('COPY --ch|own=app:app . .')).toMatchObject({ kind: 'flag', instruction: 'COPY', doc: { name: '--chown' } });
    expect(hover('HEALTHCHECK \\\n  --retr|ies=3 CMD true')).toMatchObject({ kind: 'flag', doc: { name: '--retries' } });
  });

  it('says nothing about arguments, comments or unknown words', () => {
    expect(hover('RUN pip inst|all flask')).toBeUndefined();
    expect(hover('# WORK|DIR')).toBeUndefined();
    expect(hover('RUNN| echo')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('finds where a continued instruction starts', () => {
    const lines = ['RUN a \\', '  b \\', '  c', 'CMD x'];
    const getLine = (n: number) => lines[n - 1];
    expect(instructionStart(getLine, 3)).toBe(1);
    expect(instructionStart(getLine, 4)).toBe(4);
  });

  it('lists stage names defined above a line', () => {
    const lines = ['FROM python:3.13-slim AS build', 'RUN x', 'FROM debian:bookworm-slim as final', 'COPY --from='];
    expect(stageNames((n) => lines[n - 1], lines.length, 4)).toEqual(['build', 'final']);
    expect(stageNames((n) => lines[n - 1], lines.length, 2)).toEqual(['build']);
  });

  it('documents every instruction the issue lists, without FROM --platform', () => {
    for (const name of [
      'FROM',
      'RUN',
      'CMD',
      'ENTRYPOINT',
      'COPY',
      'ADD',
      'ENV',
      'ARG',
      'WORKDIR',
      'USER',
      'EXPOSE',
      'HEALTHCHECK',
      'LABEL',
      'VOLUME',
      'STOPSIGNAL',
      'SHELL',
      'ONBUILD',
    ]) {
      expect(instructionDoc(name.toLowerCase())?.syntax, name).toMatch(new RegExp(`^${name}`));
    }
    expect(instructionDocs.every((d) => d.summary.length > 20)).toBe(true);
    expect(flagDoc('FROM', '--platform=linux/amd64')).toBeUndefined();
    expect(flagDoc('COPY', '--from=build')?.name).toBe('--from');
  });
});
