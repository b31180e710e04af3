'use client';

import { useTabMovesFocus } from './editor-keyboard';
import { useWorkbenchFiles } from './workbench-context';

/** Above the editor: the open file's path, and what Tab does in the editor. */
export function EditorHeader() {
  const { active } = useWorkbenchFiles();
  const tabKey = useTabMovesFocus();
  const slash = active.lastIndexOf('/');
  return (
    <div className="editor-header">
      <p className="editor-path" title={active} data-testid="editor-path">
        {active ? (
          <>
            <span className="sr-only">Open file: </span>
            <span>{active.slice(0, slash + 1)}</span>
            <span className="editor-path-file">{active.slice(slash + 1)}</span>
          </>
        ) : (
          'No file open'
        )}
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
