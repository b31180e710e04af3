import { describe, expect, it } from 'vitest';
import { contextProblems, fileNameProblem, filesFingerprint, languageFor } from './workspace';

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
