import { describe, expect, it } from 'vitest';
import { contextProblems, fileNameProblem, filesFingerprint, folderNameProblem, languageFor, renameFolderIn } from './workspace';

const files = [
  { path: 'Dockerfile', content: 'FROM busybox' },
  { path: 'src/app.py', content: '' },
];

describe('fileNameProblem', () => {
  it('applies the API path rules and refuses clashes', () => {
    expect(fileNameProblem(files, 'requirements.txt')).toBeUndefined();
    expect(fileNameProblem(files, '../x')).toMatch(/\.\./);
    expect(fileNameProblem(files, 'Dockerfile')).toMatch(/already exists/);
    expect(fileNameProblem(files, 'Dockerfile/x')).toMatch(/is a file/);
    expect(fileNameProblem(files, 'src')).toMatch(/already a folder/);
    expect(fileNameProblem(files, 'Dockerfile', 'Dockerfile')).toBeUndefined();
  });
});

describe('folder renames', () => {
  const context = [
    { path: 'Dockerfile', content: 'FROM busybox' },
    { path: 'tests/test_app.py', content: 'def test(): pass' },
    { path: 'tests/data/input.txt', content: 'x' },
    { path: 'tests.md', content: '' },
    { path: 'docs/a.md', content: '' },
  ];

  it('moves every file under the folder, keeping contents and order', () => {
    expect(renameFolderIn(context, 'tests', 'spec')).toEqual([
      { path: 'Dockerfile', content: 'FROM busybox' },
      { path: 'spec/test_app.py', content: 'def test(): pass' },
      { path: 'spec/data/input.txt', content: 'x' },
      { path: 'tests.md', content: '' },
      { path: 'docs/a.md', content: '' },
    ]);
    expect(renameFolderIn(context, 'tests/data', 'fixtures').map((f) => f.path)).toContain('fixtures/input.txt');
  });

  it('allows a free name, a deeper place or the same name', () => {
    expect(folderNameProblem(context, 'tests', 'spec')).toBeUndefined();
    expect(folderNameProblem(context, 'tests', 'src/tests')).toBeUndefined();
    expect(folderNameProblem(context, 'tests', 'tests')).toBeUndefined();
  });

  it('refuses clashes with a file or another folder, and bad names, in a sentence', () => {
    expect(folderNameProblem(context, 'tests', 'docs')).toBe('A folder named “docs” already exists.');
    expect(folderNameProblem(context, 'tests', 'tests.md')).toBe('A file named “tests.md” already exists.');
    expect(folderNameProblem(context, 'tests', 'Dockerfile/x')).toBe('“Dockerfile” is a file, so it cannot also be a folder.');
    expect(folderNameProblem(context, 'tests', '../up')).toMatch(/^The name must not contain "\.\."/);
    expect(folderNameProblem(context, 'tests', 'spec/')).toMatch(/must not end with/);
    expect(folderNameProblem(context, 'tests', 'x'.repeat(190))).toMatch(/^“x+\/test_app\.py” must be at most 200 characters long\.$/);
  });
});

describe('contextProblems', () => {
  it('asks for a Dockerfile', () => {
    expect(contextProblems(files)).toEqual([]);
    expect(contextProblems(files.slice(1))).toEqual(['Add a file named exactly “Dockerfile”.']);
  });
});

describe('languageFor', () => {
  it('highlights Dockerfiles and common sources', () => {
    expect(languageFor('Dockerfile')).toBe('dockerfile');
    expect(languageFor('app.py')).toBe('python');
    expect(languageFor('requirements.txt')).toBe('plaintext');
  });
});

describe('filesFingerprint', () => {
  it('ignores file order and changes with any path or content', () => {
    const fp = filesFingerprint(files);
    expect(filesFingerprint([...files].reverse())).toBe(fp);
    expect(filesFingerprint([{ ...files[0], content: 'FROM busybox ' }, files[1]])).not.toBe(fp);
    expect(filesFingerprint([files[0], { ...files[1], path: 'src/app2.py' }])).not.toBe(fp);
    expect(filesFingerprint(files.slice(1))).not.toBe(fp);
  });
});
