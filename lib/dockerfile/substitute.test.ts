import { describe, expect, it } from 'vitest';
import { expandVariables } from './substitute';

const vars = new Map<string, string | undefined>([
  ['IMG', 'python:3.13-slim'],
  ['TAG', '3.13-slim'],
  ['EMPTY', ''],
  ['UNSET', undefined],
]);

describe('expandVariables', () => {
  it.each([
    ['$IMG', 'python:3.13-slim'],
    ['${IMG}', 'python:3.13-slim'],
    ['python:${TAG}', 'python:3.13-slim'],
    ['python:$TAG', 'python:3.13-slim'],
    ['${UNSET:-busybox}', 'busybox'],
    ['${EMPTY:-busybox}', 'busybox'],
    ['${IMG:-busybox}', 'python:3.13-slim'],
    ['${NOPE:-python:3.13-slim}', 'python:3.13-slim'],
    ['${IMG:+busybox}', 'busybox'],
    ['${UNSET:+busybox}', ''],
    ['$NOPE', ''],
    ['plain', 'plain'],
  ])('%s → %s', (word, value) => expect(expandVariables(word, vars)).toEqual({ ok: true, value }));

  it.each(['$', '${', '${IMG', '${IMG:?x}', '${IMG-x}', '${IMG:-$TAG}', '${IMG:-${TAG}}', '$1', '${#IMG}', '$IMGé', "${X:-'a'}"])(
    'refuses %s',
    (word) => expect(expandVariables(word, vars).ok).toBe(false),
  );
});
