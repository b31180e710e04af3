import { describe, expect, it } from 'vitest';
import {
  buildContextSchema,
  describeIssues,
  fileSchema,
  MAX_FILE_BYTES,
  MAX_FILES,
  MAX_PATH_LENGTH,
  MAX_TOTAL_BYTES,
  utf8Length,
  validatePath,
} from './build-context';

const dockerfile = { path: 'Dockerfile', content: 'FROM python:3.13-slim\n' };

function errorsOf(files: unknown): string[] {
  const result = buildContextSchema.safeParse(files);
  return result.success ? [] : describeIssues(result.error);
}

describe('validatePath', () => {
  it.each(['Dockerfile', 'app.py', 'src/app/main.py', '.dockerignore', 'a..b/c', 'dir.d/x', 'spaces are ok.txt', 'ünïcode.txt'])(
    'accepts %s',
    (path) => expect(validatePath(path)).toBeUndefined(),
  );

  it.each([
    ['', 'must not be empty'],
    ['../etc/passwd', 'must not contain ".."'],
    ['a/../../b', 'must not contain ".."'],
    ['..', 'must not contain ".."'],
    ['/etc/passwd', 'must be relative (no leading "/")'],
    ['a\\b', 'must use "/" between folders, not "\\"'],
    ['..\\x', 'must use "/" between folders, not "\\"'],
    ['a\u0000b', 'must not contain control characters'],
    ['a\nb', 'must not contain control characters'],
    ['a\u009bb', 'must not contain control characters'],
    ['./app.py', 'must not contain "." as a folder'],
    ['a/./b', 'must not contain "." as a folder'],
    ['src/', 'must not end with "/"'],
    ['a//b', 'must not contain an empty folder name ("//")'],
    ['x'.repeat(MAX_PATH_LENGTH + 1), `must be at most ${MAX_PATH_LENGTH} characters long`],
  ])('refuses %j', (path, message) => expect(validatePath(path)).toBe(message));

  it('accepts a path of exactly the maximum length', () => {
    expect(validatePath('x'.repeat(MAX_PATH_LENGTH))).toBeUndefined();
  });
});

describe('utf8Length', () => {
  it('counts bytes, not characters', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('héllo😀')).toBe(new TextEncoder().encode('héllo😀').length);
  });
});

describe('fileSchema', () => {
  it('refuses unknown keys', () => {
    expect(fileSchema.safeParse({ path: 'a', content: '', mode: 0o777 }).success).toBe(false);
  });

  it('measures content in UTF-8 bytes', () => {
    const ascii = 'a'.repeat(MAX_FILE_BYTES);
    expect(fileSchema.safeParse({ path: 'a', content: ascii }).success).toBe(true);
    // Fewer characters than the limit, but more bytes.
    const wide = '€'.repeat(MAX_FILE_BYTES / 2);
    expect(fileSchema.safeParse({ path: 'a', content: wide }).success).toBe(false);
  });
});

describe('buildContextSchema', () => {
  it('accepts a normal project', () => {
    expect(errorsOf([dockerfile, { path: 'app.py', content: 'print("hi")' }, { path: 'src/lib.py', content: '' }])).toEqual([]);
  });

  it('names the field in errors', () => {
    expect(errorsOf([dockerfile, { path: 'a', content: '' }, { path: 'b', content: '' }, { path: '../x', content: '' }])).toEqual([
      'files[3].path: must not contain ".."',
    ]);
  });

  it('requires a Dockerfile at the top level, exactly named', () => {
    expect(errorsOf([{ path: 'dockerfile', content: 'FROM x' }])).toEqual([
      'files: a file named exactly "Dockerfile" is required at the top level',
    ]);
    expect(errorsOf([{ path: 'app/Dockerfile', content: 'FROM x' }])).toHaveLength(1);
  });

  it('refuses duplicates, case-sensitively', () => {
    expect(errorsOf([dockerfile, { path: 'a.py', content: '' }, { path: 'a.py', content: '' }])).toEqual([
      'files[2].path: duplicates files[1].path ("a.py")',
    ]);
    expect(errorsOf([dockerfile, { path: 'a.py', content: '' }, { path: 'A.py', content: '' }])).toEqual([]);
  });

  it('refuses a path that is both a file and a folder', () => {
    expect(errorsOf([dockerfile, { path: 'src', content: '' }, { path: 'src/a.py', content: '' }])).toEqual([
      'files[2].path: uses "src" as a folder, but files[1] is a file with that name',
    ]);
    expect(errorsOf([dockerfile, { path: 'Dockerfile/x', content: '' }])).toHaveLength(1);
  });

  it(`allows at most ${MAX_FILES} files`, () => {
    const files = [dockerfile, ...Array.from({ length: MAX_FILES - 1 }, (_, i) => ({ path: `f${i}`, content: '' }))];
    expect(errorsOf(files)).toEqual([]);
    expect(errorsOf([...files, { path: 'one-more', content: '' }])).toEqual([`files: at most ${MAX_FILES} files`]);
  });

  it(`allows at most ${MAX_TOTAL_BYTES} bytes in total`, () => {
    const big = 'a'.repeat(MAX_FILE_BYTES);
    const count = MAX_TOTAL_BYTES / MAX_FILE_BYTES;
    const exactly = [dockerfile, ...Array.from({ length: count }, (_, i) => ({ path: `f${i}`, content: big }))];
    exactly[1] = { path: 'f0', content: big.slice(dockerfile.content.length) };
    expect(errorsOf(exactly)).toEqual([]);
    expect(errorsOf([...exactly, { path: 'extra', content: 'x' }])).toEqual(['files: all files together must be at most 2 MiB']);
  });

  it('refuses non-array and malformed input', () => {
    expect(buildContextSchema.safeParse({ Dockerfile: 'FROM x' }).success).toBe(false);
    expect(buildContextSchema.safeParse([{ path: 1, content: 'x' }]).success).toBe(false);
  });
});
