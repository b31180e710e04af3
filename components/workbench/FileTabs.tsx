'use client';

import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useTabMovesFocus } from './editor-keyboard';
import { useWorkbenchActions, useWorkbenchFiles } from './workbench-context';

type Editing = { mode: 'add' } | { mode: 'rename'; path: string };

/** Tabs for the files of the build context, with add, rename and delete; name errors show inline. */
export function FileTabs() {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchFiles() };
  const [editing, setEditing] = useState<Editing>();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<string>();
  const tabKey = useTabMovesFocus();

  const begin = (next: Editing) => {
    setEditing(next);
    setName(next.mode === 'rename' ? next.path : '');
    setError(undefined);
  };
  const cancel = () => {
    setEditing(undefined);
    setError(undefined);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const trimmed = name.trim();
    const problem = editing.mode === 'add' ? wb.addFile(trimmed) : wb.renameFile(editing.path, trimmed);
    if (problem) setError(problem);
    else cancel();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cancel();
  };

  return (
    <div className="filetabs">
      <div className="filetabs-list" role="group" aria-label="Files in the build context">
        {dockerfileFirst(wb.files).map((f) => {
          const selected = f.path === wb.active;
          return (
            <div key={f.path} className="filetab" data-selected={selected || undefined}>
              <button
                type="button"
                aria-current={selected ? 'true' : undefined}
                className="filetab-name"
                onClick={() => wb.setActive(f.path)}
                onDoubleClick={() => begin({ mode: 'rename', path: f.path })}
                title={`${f.path} (double-click to rename)`}
              >
                {f.path}
              </button>
              {selected && (
                <span className="filetab-actions">
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Rename ${f.path}`}
                    title="Rename"
                    onClick={() => begin({ mode: 'rename', path: f.path })}
                  >
                    ✎
                  </button>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Delete ${f.path}`}
                    title="Delete"
                    onClick={() => setDeleting(f.path)}
                  >
                    ×
                  </button>
                </span>
              )}
            </div>
          );
        })}
        <button type="button" className="filetab-add" onClick={() => begin({ mode: 'add' })} aria-label="Add a file" title="Add a file">
          + File
        </button>
      </div>
      <div className="filetabs-keys">
        <span className="kbd-hint" id="editor-keys-hint">
          <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor
        </span>
        <button
          type="button"
          className="btn btn-xs btn-ghost"
          aria-pressed={tabKey.on}
          aria-describedby="editor-keys-hint"
          onClick={() => tabKey.set(!tabKey.on)}
          title="Choose what Tab does in the editor"
        >
          Tab moves focus
        </button>
      </div>
      {editing && (
        <form className="filetabs-form" onSubmit={submit}>
          <label htmlFor="filename-input" className="sr-only">
            {editing.mode === 'add' ? 'New file name' : `New name for ${editing.path}`}
          </label>
          <input
            id="filename-input"
            className="input input-sm"
            value={name}
            autoFocus
            placeholder={editing.mode === 'add' ? 'e.g. requirements.txt or src/main.py' : ''}
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
            onKeyDown={onKeyDown}
            aria-invalid={!!error}
            aria-describedby={error ? 'filename-error' : undefined}
            spellCheck={false}
          />
          <button type="submit" className="btn btn-sm btn-primary">
            {editing.mode === 'add' ? 'Add' : 'Rename'}
          </button>
          <button type="button" className="btn btn-sm" onClick={cancel}>
            Cancel
          </button>
          {error && (
            <p id="filename-error" className="inline-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        title={`Delete ${deleting ?? ''}?`}
        confirmLabel="Delete"
        onCancel={() => setDeleting(undefined)}
        onConfirm={() => {
          if (deleting) wb.deleteFile(deleting);
          setDeleting(undefined);
        }}
      >
        {deleting === DOCKERFILE_PATH
          ? 'Without a Dockerfile there is nothing to build. You can get the starter back with “Reset”.'
          : 'The file is removed from the build context. “Reset” brings back the starter files.'}
      </ConfirmDialog>
    </div>
  );
}

/** The Dockerfile is what the learner works on most: its tab comes first. */
function dockerfileFirst<T extends { path: string }>(files: T[]): T[] {
  return [...files].sort((a, b) => Number(b.path === DOCKERFILE_PATH) - Number(a.path === DOCKERFILE_PATH));
}
