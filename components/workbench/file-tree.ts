/**
 * The build context's flat file list (`a/b.txt`) as the nested tree the explorer
 * shows, and the rows a keyboard walks through. Pure: no React, no DOM.
 * Folders exist only as the paths of the files in them (an empty folder is not a thing).
 */
import { DOCKERFILE_PATH } from '@/lib/build-context';

export type FileNode = { kind: 'file'; name: string; path: string };
export type FolderNode = { kind: 'folder'; name: string; path: string; children: TreeNode[]; fileCount: number };
export type TreeNode = FileNode | FolderNode;

/** One visible line of the tree: what arrow keys move between. `parent` is the folder's path ('' at the root). */
export type TreeRow = { node: TreeNode; level: number; parent: string };

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** VS Code's order (folders, then files, by name, numbers as numbers), with the root's Dockerfile first of all. */
function compare(a: TreeNode, b: TreeNode): number {
  const rank = (n: TreeNode) => (n.path === DOCKERFILE_PATH ? 0 : n.kind === 'folder' ? 1 : 2);
  return rank(a) - rank(b) || collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function buildTree(paths: string[]): TreeNode[] {
  const root: FolderNode = { kind: 'folder', name: '', path: '', children: [], fileCount: 0 };
  for (const path of paths) {
    const parts = path.split('/');
    let folder = root;
    parts.slice(0, -1).forEach((name, i) => {
      folder.fileCount++;
      const folderPath = parts.slice(0, i + 1).join('/');
      let next = folder.children.find((c): c is FolderNode => c.kind === 'folder' && c.path === folderPath);
      if (!next) {
        next = { kind: 'folder', name, path: folderPath, children: [], fileCount: 0 };
        folder.children.push(next);
      }
      folder = next;
    });
    folder.fileCount++;
    folder.children.push({ kind: 'file', name: parts[parts.length - 1], path });
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort(compare);
    for (const n of nodes) if (n.kind === 'folder') sort(n.children);
  };
  sort(root.children);
  return root.children;
}

/** The rows on screen, top to bottom: a collapsed folder's files are not among them. */
export function visibleRows(tree: TreeNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: TreeNode[], level: number, parent: string) => {
    for (const node of nodes) {
      rows.push({ node, level, parent });
      if (node.kind === 'folder' && !collapsed.has(node.path)) walk(node.children, level + 1, node.path);
    }
  };
  walk(tree, 1, '');
  return rows;
}

/** The folders that hold `path` (`a/b/c.txt` → `a`, `a/b`): what must be open for it to show. */
export function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Where a new file goes when added from this row: the folder itself, or the folder a file is in ('' for the root). */
export function folderOf(node: TreeNode | undefined): string {
  if (!node) return '';
  if (node.kind === 'folder') return node.path;
  return ancestors(node.path).pop() ?? '';
}
