'use client';

import { useWorkbenchActions, useWorkbenchFiles } from './workbench-context';

/** After a lesson example changed the Dockerfile: what happened, and a visible Undo (Ctrl+Z works in the editor too). */
export function UndoBar() {
  const { undo } = useWorkbenchFiles();
  const { undoPlace } = useWorkbenchActions();
  if (!undo) return null;
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span>{undo.message}</span>
      <button type="button" className="btn btn-xs" onClick={undoPlace}>
        Undo
      </button>
    </div>
  );
}
