'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TreeNode } from './file-tree';
import { useWorkbenchActions } from './workbench-context';

export type Editing = { mode: 'add'; folder: string } | { mode: 'rename'; node: TreeNode };
/** What the form did: `from` for a renamed folder, `added` for a new file. */
export type Edited = { path: string; from?: string; added?: boolean };

/**
 * The explorer's name field, for a new file (in a folder: its path comes prefilled)
 * or a new name for a file or folder. The name is a whole path: `src/main.py`
 * makes `src/`, and renaming `tests` to `spec` moves every file under it.
 * Refusals (a clash, a bad name) show inline, in the workbench's own words.
 */
export function FileNameForm({ editing, onDone }: { editing: Editing; onDone(done?: Edited): void }) {
  const wb = useWorkbenchActions();
  const initial = editing.mode === 'add' ? (editing.folder ? `${editing.folder}/` : '') : editing.node.path;
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  // Like VS Code: renaming selects the name (without its extension), adding puts the cursor after the folder.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    const start = editing.mode === 'rename' ? initial.lastIndexOf('/') + 1 : initial.length;
    const dot = editing.mode === 'rename' && editing.node.kind === 'file' ? initial.lastIndexOf('.') : -1;
    el.setSelectionRange(start, dot > start ? dot : initial.length);
  }, [editing, initial]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const path = name.trim();
    if (editing.mode === 'add' && path.endsWith('/')) {
      setError(`Folders exist only with files in them: name a file inside, e.g. “${path}main.py”.`);
      return;
    }
    const problem =
      editing.mode === 'add'
        ? wb.addFile(path)
        : editing.node.kind === 'folder'
          ? wb.renameFolder(editing.node.path, path)
          : wb.renameFile(editing.node.path, path);
    if (problem) setError(problem);
    else if (editing.mode === 'add') onDone({ path, added: true });
    else onDone(editing.node.kind === 'folder' ? { path, from: editing.node.path } : { path });
  };

  const label =
    editing.mode === 'add' ? 'New file name' : `New name for ${editing.node.kind === 'folder' ? 'the folder ' : ''}${editing.node.path}`;

  return (
    <form className="explorer-form" onSubmit={submit}>
      <label htmlFor="filename-input">{label}</label>
      <input
        id="filename-input"
        ref={input}
        className="input input-sm"
        value={name}
        placeholder={editing.mode === 'add' ? 'e.g. src/main.py' : ''}
        onChange={(e) => {
          setName(e.target.value);
          setError(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
        aria-invalid={!!error}
        aria-describedby={error ? 'filename-error' : 'filename-help'}
        spellCheck={false}
        autoComplete="off"
      />
      {error ? (
        <p id="filename-error" className="inline-error" role="alert">
          {error}
        </p>
      ) : (
        <p id="filename-help" className="explorer-help">
          {editing.mode === 'add' ? 'A path with / makes its folders.' : 'Enter renames, Esc cancels.'}
        </p>
      )}
      <div className="explorer-form-buttons">
        <button type="submit" className="btn btn-xs btn-primary">
          {editing.mode === 'add' ? 'Add' : 'Rename'}
        </button>
        <button type="button" className="btn btn-xs" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
