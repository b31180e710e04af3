'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ancestors, buildTree, folderOf, visibleRows, type TreeNode, type TreeRow } from './file-tree';
import { FileNameForm, type Edited, type Editing } from './FileNameForm';
import { focusEditorSoon } from './editor-handle';
import { useWorkbenchActions, useWorkbenchFiles } from './workbench-context';

/**
 * The explorer: the build context's files as a tree (WAI-ARIA tree pattern, one tab stop,
 * arrows move, F2 renames, Delete deletes), with add, rename and delete for files and folders.
 * Folders are collapsible; which ones are collapsed is remembered while the page is open.
 */
export function FileTree() {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchFiles() };
  const tree = useMemo(() => buildTree(wb.files.map((f) => f.path)), [wb.files]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = visibleRows(tree, collapsed);
  const [current, setCurrent] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<TreeNode>();
  const [open, setOpen] = useState(false);
  const items = useRef(new Map<string, HTMLLIElement>());
  // A row to focus once React has rendered it (after an add, a rename or a delete): set only with a state change.
  const focusNext = useRef<string>(undefined);
  useEffect(() => {
    if (focusNext.current !== undefined) items.current.get(focusNext.current)?.focus();
    focusNext.current = undefined;
  });

  // The open file is always in sight: a file opened (or added) inside a collapsed folder opens the folder.
  const { active } = wb;
  const [revealed, setRevealed] = useState(active);
  if (revealed !== active) {
    setRevealed(active);
    setCollapsed((c) => without(c, ancestors(active)));
  }

  const tabStop = [current, active].find((p) => rows.some((r) => r.node.path === p)) ?? rows[0]?.node.path;
  const rowOf = (path: string | undefined) => rows.findIndex((r) => r.node.path === path);
  const focus = (path: string | undefined) => {
    if (path === undefined) return;
    setCurrent(path);
    items.current.get(path)?.focus();
  };
  const toggle = (path: string, expand = collapsed.has(path)) => setCollapsed((c) => (expand ? without(c, [path]) : new Set([...c, path])));
  const activate = (node: TreeNode) => (node.kind === 'file' ? wb.setActive(node.path) : toggle(node.path));

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement;
    if (target.getAttribute('role') !== 'treeitem') return;
    const i = rowOf(target.dataset.path);
    const row = rows[i];
    if (!row) return;
    const { node } = row;
    const isOpenFolder = node.kind === 'folder' && !collapsed.has(node.path);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(rows[i + 1]?.node.path),
      ArrowUp: () => focus(rows[i - 1]?.node.path),
      Home: () => focus(rows[0]?.node.path),
      End: () => focus(rows[rows.length - 1]?.node.path),
      ArrowRight: () => (node.kind !== 'folder' ? undefined : isOpenFolder ? focus(rows[i + 1]?.node.path) : toggle(node.path, true)),
      ArrowLeft: () => (isOpenFolder ? toggle(node.path, false) : focus(row.parent || undefined)),
      Enter: () => activate(node),
      ' ': () => activate(node),
      F2: () => setEditing({ mode: 'rename', node }),
      Delete: () => setDeleting(node),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const afterEdit = (done?: Edited) => {
    setEditing(undefined);
    if (done?.added) {
      // A new file opens with the cursor in it, ready for its text (as in VS Code).
      setCurrent(done.path);
      focusEditorSoon();
      return;
    }
    if (done?.from !== undefined) {
      const { from, path } = done;
      // A renamed folder stays as collapsed as it was.
      setCollapsed((c) => new Set([...c].map((p) => (p === from || p.startsWith(`${from}/`) ? path + p.slice(from.length) : p))));
    }
    const back = done?.path ?? tabStop;
    setCurrent(back);
    focusNext.current = back;
  };

  const confirmDelete = () => {
    if (!deleting) return;
    const gone = (p: string) => p === deleting.path || p.startsWith(`${deleting.path}/`);
    const i = rowOf(deleting.path);
    const next = rows.slice(i + 1).find((r) => !gone(r.node.path)) ?? rows.slice(0, i).reverse()[0];
    if (deleting.kind === 'folder') wb.deleteFolder(deleting.path);
    else wb.deleteFile(deleting.path);
    setDeleting(undefined);
    setCurrent(next?.node.path);
    focusNext.current = next?.node.path;
  };

  const renderRow = ({ node, level }: TreeRow) => {
    const isFolder = node.kind === 'folder';
    const expanded = isFolder && !collapsed.has(node.path);
    const selected = node.path === active;
    const onRowClick = () => {
      setCurrent(node.path);
      activate(node);
    };
    const act = (fn: () => void) => (e: MouseEvent) => {
      e.stopPropagation();
      setCurrent(node.path);
      fn();
    };
    return (
      <li
        key={node.path}
        ref={(el) => {
          if (el) items.current.set(node.path, el);
          else items.current.delete(node.path);
        }}
        role="treeitem"
        className="tree-item"
        aria-label={node.name}
        aria-level={level}
        aria-expanded={isFolder ? expanded : undefined}
        aria-selected={isFolder ? undefined : selected}
        data-path={node.path}
        tabIndex={node.path === tabStop ? 0 : -1}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setCurrent(node.path);
        }}
      >
        <div
          className="tree-row"
          style={{ paddingLeft: 6 + (level - 1) * 14 }}
          onClick={onRowClick}
          onDoubleClick={isFolder ? undefined : act(() => setEditing({ mode: 'rename', node }))}
          title={node.path}
        >
          <span className="tree-twisty" aria-hidden="true">
            {isFolder ? (expanded ? '▾' : '▸') : ''}
          </span>
          <span className="tree-name" data-folder={isFolder || undefined}>
            {node.name}
            {isFolder && '/'}
          </span>
          <span className="tree-actions">
            {isFolder && (
              <button
                type="button"
                className="icon-btn"
                tabIndex={-1}
                aria-label={`New file in ${node.path}`}
                title="New file in this folder"
                onClick={act(() => setEditing({ mode: 'add', folder: node.path }))}
              >
                +
              </button>
            )}
            <button
              type="button"
              className="icon-btn"
              tabIndex={-1}
              aria-label={`Rename ${node.path}`}
              title="Rename (F2)"
              onClick={act(() => setEditing({ mode: 'rename', node }))}
            >
              ✎
            </button>
            <button
              type="button"
              className="icon-btn"
              tabIndex={-1}
              aria-label={`Delete ${node.path}`}
              title="Delete (Del)"
              onClick={act(() => setDeleting(node))}
            >
              ×
            </button>
          </span>
        </div>
        {isFolder && expanded && (
          <ul role="group" className="tree-group">
            {rows.filter((r) => r.parent === node.path).map(renderRow)}
          </ul>
        )}
      </li>
    );
  };

  const currentNode = rows[rowOf(tabStop)]?.node;
  const deletingCount = deleting?.kind === 'folder' ? deleting.fileCount : 1;

  return (
    <section className="explorer" aria-label="Explorer" data-open={open || undefined}>
      <div className="explorer-header">
        <button type="button" className="explorer-toggle" aria-expanded={open} aria-controls="explorer-body" onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Files ({wb.files.length})
        </button>
        <span className="explorer-title">Files</span>
        <button
          type="button"
          className="icon-btn explorer-add"
          aria-label="Add a file"
          title="Add a file (a path like src/main.py makes its folder)"
          onClick={() => {
            setOpen(true);
            setEditing({ mode: 'add', folder: folderOf(currentNode) });
          }}
        >
          +
        </button>
      </div>
      <div className="explorer-body" id="explorer-body">
        {editing && <FileNameForm key={editKey(editing)} editing={editing} onDone={afterEdit} />}
        <ul role="tree" aria-label="Files in the build context" className="tree" onKeyDown={onKeyDown}>
          {rows.filter((r) => r.level === 1).map(renderRow)}
        </ul>
        {wb.files.length === 0 && <p className="explorer-empty">No files. Add one with +.</p>}
      </div>
      <ConfirmDialog
        open={deleting !== undefined}
        title={
          deleting?.kind === 'folder'
            ? `Delete the folder “${deleting.path}” and its ${plural(deletingCount, 'file')}?`
            : `Delete ${deleting?.path ?? ''}?`
        }
        confirmLabel="Delete"
        onCancel={() => setDeleting(undefined)}
        onConfirm={confirmDelete}
      >
        {deleting?.path === DOCKERFILE_PATH
          ? 'Without a Dockerfile there is nothing to build. You can get the starter back with “Reset”.'
          : `${deleting?.kind !== 'folder' ? 'The file is' : deletingCount === 1 ? 'The file in it is' : `The ${deletingCount} files in it are`} removed from the build context. “Reset” brings back the starter files.`}
      </ConfirmDialog>
    </section>
  );
}

function without(set: ReadonlySet<string>, remove: string[]): Set<string> {
  const next = new Set(set);
  for (const r of remove) next.delete(r);
  return next;
}

const editKey = (e: Editing) => (e.mode === 'add' ? `add:${e.folder}` : `rename:${e.node.path}`);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
