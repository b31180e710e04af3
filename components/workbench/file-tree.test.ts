import { describe, expect, it } from 'vitest';
import { ancestors, buildTree, folderOf, visibleRows, type TreeNode } from './file-tree';

/** The tree as indented lines ("name/" for folders), easy to compare. */
function outline(nodes: TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.kind === 'folder' ? `/ (${n.fileCount})` : ''}`,
    ...(n.kind === 'folder' ? outline(n.children, depth + 1) : []),
  ]);
}

// Lesson 3's build context, in the order the lesson loader may give it.
const LESSON_3 = ['.env', '.dockerignore', 'requirements.txt', 'notes.md', 'Dockerfile', 'tests/test_app.py', 'app.py'];

describe('buildTree', () => {
  it('nests paths into folders: the root Dockerfile first, then folders, then files, by name', () => {
    expect(outline(buildTree(LESSON_3))).toEqual([
      'Dockerfile',
      'tests/ (1)',
      '  test_app.py',
      '.dockerignore',
      '.env',
      'app.py',
      'notes.md',
      'requirements.txt',
    ]);
  });

  it('makes every folder of a deep path, counts the files under each, and keeps full paths', () => {
    const tree = buildTree(['src/b.py', 'src/lib/util.py', 'src/a.py', 'Dockerfile', 'src/lib/x/y.txt']);
    expect(outline(tree)).toEqual(['Dockerfile', 'src/ (4)', '  lib/ (2)', '    x/ (1)', '      y.txt', '    util.py', '  a.py', '  b.py']);
    const lib = (tree[1] as Extract<TreeNode, { kind: 'folder' }>).children[0];
    expect(lib).toMatchObject({ kind: 'folder', path: 'src/lib' });
    expect(visibleRows(tree, new Set()).map((r) => r.node.path)).toContain('src/lib/x/y.txt');
  });

  it('puts only the root Dockerfile first; names sort case-insensitively, numbers as numbers', () => {
    expect(outline(buildTree(['b.txt', 'web/Dockerfile', 'A.txt', 'page10.txt', 'page2.txt', 'Dockerfile', 'web/app.js']))).toEqual([
      'Dockerfile',
      'web/ (2)',
      '  app.js',
      '  Dockerfile',
      'A.txt',
      'b.txt',
      'page2.txt',
      'page10.txt',
    ]);
  });

  it('gives an empty tree for no files', () => {
    expect(buildTree([])).toEqual([]);
  });
});

describe('visibleRows', () => {
  const tree = buildTree(['Dockerfile', 'pages/a.txt', 'pages/b/c.txt', 'build_site.py']);

  it('lists rows top to bottom with their level and parent folder', () => {
    expect(visibleRows(tree, new Set()).map((r) => [r.node.path, r.level, r.parent])).toEqual([
      ['Dockerfile', 1, ''],
      ['pages', 1, ''],
      ['pages/b', 2, 'pages'],
      ['pages/b/c.txt', 3, 'pages/b'],
      ['pages/a.txt', 2, 'pages'],
      ['build_site.py', 1, ''],
    ]);
  });

  it('hides what is inside a collapsed folder, at any depth', () => {
    expect(visibleRows(tree, new Set(['pages'])).map((r) => r.node.path)).toEqual(['Dockerfile', 'pages', 'build_site.py']);
    expect(visibleRows(tree, new Set(['pages/b'])).map((r) => r.node.path)).toEqual([
      'Dockerfile',
      'pages',
      'pages/b',
      'pages/a.txt',
      'build_site.py',
    ]);
  });
});

describe('ancestors and folderOf', () => {
  it('names the folders around a path, and where a new file from a row goes', () => {
    expect(ancestors('a/b/c.txt')).toEqual(['a', 'a/b']);
    expect(ancestors('Dockerfile')).toEqual([]);
    expect(folderOf({ kind: 'file', name: 'c.txt', path: 'a/b/c.txt' })).toBe('a/b');
    expect(folderOf({ kind: 'file', name: 'Dockerfile', path: 'Dockerfile' })).toBe('');
    expect(folderOf({ kind: 'folder', name: 'b', path: 'a/b', children: [], fileCount: 0 })).toBe('a/b');
    expect(folderOf(undefined)).toBe('');
  });
});
