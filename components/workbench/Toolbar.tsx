'use client';

import { useState } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import type { JobView } from './job-view';
import { isActive } from './job-view';
import { useClassStatus } from './use-class-status';
import { useIsMac } from './use-is-mac';
import { useWorkbenchActions, useWorkbenchFiles, useWorkbenchJobs } from './workbench-context';

function activeLabel(view: JobView | undefined, busy: string): string | undefined {
  if (!view || !isActive(view)) return undefined;
  if (view.phase === 'queued') return view.position ? `Queued · #${view.position}` : 'Queued';
  if (view.phase === 'starting') return 'Starting…';
  return busy;
}

export function Toolbar() {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchFiles(), ...useWorkbenchJobs() };
  const [confirmReset, setConfirmReset] = useState(false);
  const building = activeLabel(wb.buildJob, 'Building…');
  const running = activeLabel(wb.runJob, 'Running…');
  const canStop = (isActive(wb.buildJob) && !!wb.buildJob?.id) || (isActive(wb.runJob) && !!wb.runJob?.id);
  const classStatus = useClassStatus();
  const buildBlocked = classStatus.buildsPaused
    ? (classStatus.reason ?? 'Your instructor paused builds.')
    : wb.tagProblem
      ? `Fix the image tag: it ${wb.tagProblem}.`
      : wb.contextProblems[0];
  const isMac = useIsMac();

  return (
    <div className="toolbar" role="toolbar" aria-label="Build and run">
      <div className="toolbar-tag">
        <label htmlFor="image-tag">Image tag</label>
        <input
          id="image-tag"
          className="input input-sm mono"
          value={wb.tag}
          onChange={(e) => wb.setTag(e.target.value.trim())}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!wb.tagProblem}
          aria-describedby={wb.tagProblem ? 'image-tag-error' : undefined}
        />
      </div>
      <div className="toolbar-buttons">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void wb.build()}
          disabled={!!building || !!buildBlocked}
          title={buildBlocked ?? `Build the image (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          data-testid="build-button"
        >
          {building ? <Spinner /> : <PlayIcon />}
          {building ?? 'Build'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void wb.runImage()}
          disabled={!!running || !wb.runnableImage}
          title={wb.runnableImage ? `docker run ${wb.runnableImage} (${isMac ? '⌘' : 'Ctrl'}+Shift+Enter)` : 'Build the image first'}
          aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
          data-testid="run-button"
        >
          {running ? <Spinner /> : <RunIcon />}
          {running ?? 'Run'}
        </button>
        <button type="button" className="btn" onClick={wb.stop} disabled={!canStop} data-testid="stop-button">
          <StopIcon />
          Stop
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setConfirmReset(true)}
          disabled={!wb.starterEdited}
          title="Restore the lesson’s starter files"
        >
          Reset
        </button>
      </div>
      {(wb.tagProblem || buildBlocked) && (
        <p id="image-tag-error" className="inline-error toolbar-error" role="status">
          {buildBlocked}
        </p>
      )}
      <ConfirmDialog
        open={confirmReset}
        title="Reset to the starter files?"
        confirmLabel="Reset"
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => {
          wb.resetToStarter();
          setConfirmReset(false);
        }}
      >
        Your changes to the files and the image tag are replaced by the lesson’s starting point. Your build log stays.
      </ConfirmDialog>
    </div>
  );
}

const Spinner = () => <span className="spinner" aria-hidden="true" />;
const PlayIcon = () => (
  <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
    <path
      fill="currentColor"
      d="M2 3.5 8 1l6 2.5v9L8 15l-6-2.5zM8 2.6 3.9 4.3 8 6l4.1-1.7zM3 5.2v6.6l4.5 1.9V6.9zm10 0L8.5 6.9v6.8l4.5-1.9z"
    />
  </svg>
);
const RunIcon = () => (
  <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
    <path fill="currentColor" d="M4 2.5v11a.5.5 0 0 0 .76.43l9-5.5a.5.5 0 0 0 0-.86l-9-5.5A.5.5 0 0 0 4 2.5" />
  </svg>
);
const StopIcon = () => (
  <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16">
    <rect fill="currentColor" x="3" y="3" width="10" height="10" rx="1.5" />
  </svg>
);
