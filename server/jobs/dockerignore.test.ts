import { describe, expect, it } from 'vitest';
import { applyDockerignore, isIgnored, parseDockerignore } from './dockerignore';

const ignored = (rules: string, path: string) => isIgnored(path, parseDockerignore(rules));

describe('.dockerignore', () => {
  it('matches names, folders and their contents', () => {
    expect(ignored('.env', '.env')).toBe(true);
    expect(ignored('tests', 'tests/test_app.py')).toBe(true);
    expect(ignored('tests/', 'tests/a/b.py')).toBe(true);
    expect(ignored('.env', 'config/.env')).toBe(false);
    expect(ignored('/secret.txt', 'secret.txt')).toBe(true);
  });

  it('supports *, ?, ** and character classes like Go filepath.Match', () => {
    expect(ignored('*.pyc', 'app.pyc')).toBe(true);
    expect(ignored('*.pyc', 'pkg/app.pyc')).toBe(false);
    expect(ignored('**/*.pyc', 'pkg/sub/app.pyc')).toBe(true);
    expect(ignored('**/*.pyc', 'app.pyc')).toBe(true);
    expect(ignored('temp?', 'temp1')).toBe(true);
    expect(ignored('temp?', 'temp12')).toBe(false);
    expect(ignored('file[0-9].txt', 'file3.txt')).toBe(true);
    expect(ignored('file[^0-9].txt', 'file3.txt')).toBe(false);
  });

  it('lets a later ! line re-include, last match winning', () => {
    expect(ignored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignored('*.md\n!README.md', 'NOTES.md')).toBe(true);
    expect(ignored('!README.md\n*.md', 'README.md')).toBe(true);
  });

  it('keeps a leading .. as Docker does, so it matches nothing inside the context', () => {
    expect(ignored('../x', 'x')).toBe(false);
    expect(ignored('a/../x', 'x')).toBe(true);
    expect(ignored('/../x', 'x')).toBe(true);
    expect(ignored('./a/./b', 'a/b')).toBe(true);
  });

  it('skips comments and blank lines', () => {
    expect(parseDockerignore('# comment\n\n  \n.git\n')).toHaveLength(1);
  });

  it('always keeps the Dockerfile and drops what is ignored', () => {
    const files = [
      { path: 'Dockerfile', content: 'FROM busybox' },
      { path: '.dockerignore', content: '*\n!app.py' },
      { path: 'app.py', content: '' },
      { path: '.env', content: 'SECRET=1' },
    ];
    expect(applyDockerignore(files).map((f) => f.path)).toEqual(['Dockerfile', 'app.py']);
  });
});
