'use client';

import { useTabMovesFocus } from './editor-keyboard';
import { useWorkbenchFiles } from './workbench-context';

/** Above the editor: the open file's path (as breadcrumbs), and what Tab does in the editor. */
export function EditorHeader() {
  const { active } = useWorkbenchFiles();
  const tabKey = useTabMovesFocus();
  const parts = active ? active.split('/') : [];
  return (
    <div className="editor-header">
      <p className="editor-path" title={active} data-testid="editor-path">
        <span className="sr-only">Open file: </span>
        {parts.map((part, i) => (
          <span key={i} className={i === parts.length - 1 ? 'editor-path-file' : undefined}>
            {i > 0 && (
              <span className="editor-path-sep" aria-hidden="true">
                {' › '}
              </span>
            )}
            {i > 0 && <span className="sr-only">/</span>}
            {part}
          </span>
        ))}
      </p>
      <div className="editor-keys">
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
    </div>
  );
}
