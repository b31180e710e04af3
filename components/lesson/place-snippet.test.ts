import { describe, expect, it } from 'vitest';
import { isWholeDockerfile, placeSnippet } from './place-snippet';

const LESSON_2_STARTER = [
  'FROM python:3.13-slim',
  '',
  'WORKDIR /usr/src/app',
  '',
  '# Copying everything first',
  'COPY . .',
  '',
  'RUN pip install --no-cache-dir -r requirements.txt',
  '',
  'ENV NAME=World',
  'CMD ["python", "./app.py"]',
  '',
].join('\n');

describe('placeSnippet', () => {
  it('replaces only the lines a fragment rewrites (lesson 2, "The fix")', () => {
    const fix = 'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n';
    const placed = placeSnippet(LESSON_2_STARTER, fix);
    expect(placed).toEqual({
      kind: 'insert',
      line: 6,
      result: [
        'FROM python:3.13-slim',
        '',
        'WORKDIR /usr/src/app',
        '',
        '# Copying everything first',
        'COPY requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        '',
        'ENV NAME=World',
        'CMD ["python", "./app.py"]',
        '',
      ].join('\n'),
    });
  });

  it('puts a fragment with nothing in common before the final CMD', () => {
    const placed = placeSnippet('FROM alpine\nRUN echo a\nCMD ["sh"]\n', 'USER nobody\n');
    expect(placed).toEqual({ kind: 'insert', line: 3, result: 'FROM alpine\nRUN echo a\nUSER nobody\nCMD ["sh"]\n' });
  });

  it('appends when there is no CMD', () => {
    expect(placeSnippet('FROM alpine\n', 'RUN echo hi')).toEqual({ kind: 'insert', line: 2, result: 'FROM alpine\nRUN echo hi\n' });
  });

  it('replaces the file with a whole Dockerfile', () => {
    expect(placeSnippet(LESSON_2_STARTER, '# syntax=docker/dockerfile:1\nARG V=3.13\nFROM python:${V}-slim\n')).toEqual({
      kind: 'replace',
      result: '# syntax=docker/dockerfile:1\nARG V=3.13\nFROM python:${V}-slim\n',
    });
    expect(isWholeDockerfile('COPY . .')).toBe(false);
  });
});
