'use client';

import dynamic from 'next/dynamic';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '@/lib/api-client';
import { AnsiText } from './AnsiText';
import { formatBytes, formatDuration } from './format';
import type { JobView } from './job-view';
import { StepList } from './StepList';
import { useIsMac } from './use-is-mac';
import { useWorkbenchActions, useWorkbenchJobs, type ConsoleTab } from './workbench-context';

/** Fetched when the tab is first opened: most visits never look at layers. */
const LayersPanel = dynamic(() => import('@/components/layers/LayersPanel'), {
  ssr: false,
  loading: () => <div className="console-empty">Loading…</div>,
});

/** The build and run output, live: steps, coloured log, and a final badge. `check` is the slot for the lesson's check panel. */
export function Console({ check }: { check?: ReactNode }) {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchJobs() };
  const tabs: { id: ConsoleTab; label: string; view?: JobView }[] = [
    { id: 'build', label: 'Build', view: wb.buildJob },
    { id: 'run', label: 'Run', view: wb.runJob },
    { id: 'layers', label: 'Layers' },
  ];
  if (check) tabs.push({ id: 'check', label: 'Check my work' });
  const current = wb.consoleTab;
  const isMac = useIsMac();

  return (
    <section className="console" aria-label="Console">
      <div className="console-tabs" role="tablist" aria-label="Console">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`console-tab-${t.id}`}
            aria-selected={current === t.id}
            aria-controls={`console-panel-${t.id}`}
            className="console-tab"
            onClick={() => wb.setConsoleTab(t.id)}
          >
            {t.label}
            {t.view && <PhaseDot view={t.view} />}
          </button>
        ))}
        <span className="console-shortcuts" title="Keyboard shortcuts: they work from anywhere on the page, the editor included">
          <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd> Build · <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>⇧</kbd>+<kbd>Enter</kbd> Run
        </span>
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`console-panel-${t.id}`}
          aria-labelledby={`console-tab-${t.id}`}
          className="console-panel"
          hidden={current !== t.id}
        >
          {t.id === 'check' ? (
            check
          ) : t.id === 'layers' ? (
            current === 'layers' && <LayersPanel />
          ) : (
            <JobOutput kind={t.id as 'build' | 'run'} view={t.view} />
          )}
        </div>
      ))}
    </section>
  );
}

function PhaseDot({ view }: { view: JobView }) {
  const exitedNonZero = view.kind === 'run' && !!view.done?.exitCode;
  const state =
    view.phase === 'done'
      ? exitedNonZero
        ? 'failed'
        : view.done?.state
      : view.phase === 'refused'
        ? 'failed'
        : view.phase === 'lost'
          ? undefined
          : 'active';
  if (!state) return null;
  return <span className="phase-dot" data-state={state} aria-hidden="true" />;
}

function JobOutput({ kind, view }: { kind: 'build' | 'run'; view?: JobView }) {
  const logRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [behind, setBehind] = useState(false);
  const isMac = useIsMac();
  const count = view?.entries.length ?? 0;

  // Follow new output unless the learner scrolled up to read; resume when they scroll back down.
  const onScroll = () => {
    const el = logRef.current;
    if (!el) return;
    stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
    if (stick.current) setBehind(false);
  };
  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    else setBehind(true);
  }, [count, view?.done, view?.phase]);
  // A new job starts at the bottom.
  useEffect(() => {
    stick.current = true;
    setBehind(false);
  }, [view?.id]);

  if (!view) {
    return (
      <div className="console-empty">
        {kind === 'build' ? (
          <p>
            Press <strong>Build</strong>
            <span className="kbd-hint">
              {' '}
              (<kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd>)
            </span>{' '}
            to build your image. The engine’s output appears here, step by step.
          </p>
        ) : (
          <p>
            After a successful build, press <strong>Run</strong> to start a container from your image. Its output appears here.
          </p>
        )}
      </div>
    );
  }

  const jumpTo = (index: number) => {
    const el = logRef.current?.querySelector(`[data-step="${index}"]`);
    el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <div className="job" data-testid={`${kind}-output`} data-job-id={view.id} data-phase={view.phase} data-state={view.done?.state}>
      <header className="job-header">
        <code className="job-title" title={view.title}>
          {view.title}
        </code>
        <Badge view={view} />
      </header>
      {kind === 'build' && <StepList steps={view.steps} onSelect={jumpTo} />}
      <div className="log-wrap">
        <div
          ref={logRef}
          className="log mono"
          onScroll={onScroll}
          tabIndex={0}
          aria-label={`${kind === 'build' ? 'Build' : 'Run'} log`}
          aria-live="off"
        >
          {view.dropped > 0 && <div className="log-note">… {view.dropped} earlier lines not shown</div>}
          {view.phase === 'queued' && (
            <div className="log-note">
              Waiting for a free builder{view.position ? ` — you are number ${view.position} in the queue` : ''}…
            </div>
          )}
          {view.entries.map((e) =>
            e.kind === 'progress' ? (
              <div
                key={e.key}
                className={`log-progress log-progress-${e.role}`}
                data-role={e.role}
                {...(e.role === 'header' && e.vertex !== undefined && { 'data-step': e.vertex })}
              >
                {e.text || '\u00a0'}
              </div>
            ) : (
              <span key={e.key} className={`log-chunk log-${e.stream}`} data-stream={e.stream}>
                <AnsiText segments={e.segments} />
              </span>
            ),
          )}
          {view.refusal && <Refusal error={view.refusal} kind={kind} />}
          {view.phase === 'lost' && <div className="log-note">This log is no longer available on the server.</div>}
          {view.done?.state === 'failed' && view.done.error && (
            <div className="log-failure" role="alert">
              <strong>{view.done.error.line ? `Line ${view.done.error.line}: ` : ''}</strong>
              {view.done.error.message}
            </div>
          )}
        </div>
        {behind && (
          <button
            type="button"
            className="btn btn-sm log-jump"
            onClick={() => {
              const el = logRef.current;
              if (el) el.scrollTop = el.scrollHeight;
              stick.current = true;
              setBehind(false);
            }}
          >
            ↓ Latest output
          </button>
        )}
      </div>
    </div>
  );
}

function Badge({ view }: { view: JobView }) {
  const d = view.done;
  let text: string;
  let state: string;
  if (d) {
    // A container that exited non-zero failed, whatever the job's own state says.
    state = view.kind === 'run' && d.exitCode !== undefined && d.exitCode !== 0 && d.state === 'succeeded' ? 'failed' : d.state;
    const parts = [d.state === 'succeeded' ? 'Succeeded' : d.state === 'failed' ? 'Failed' : 'Cancelled'];
    if (view.kind === 'run' && d.exitCode !== undefined) parts[0] = d.exitCode === 0 ? 'Exited 0' : `Failed · exited ${d.exitCode}`;
    parts.push(formatDuration(d.durationMs));
    if (d.sizeBytes !== undefined) parts.push(formatBytes(d.sizeBytes));
    text = parts.join(' · ');
  } else if (view.phase === 'refused') {
    state = 'failed';
    text = 'Not started';
  } else if (view.phase === 'lost') {
    state = 'cancelled';
    text = 'Log unavailable';
  } else {
    state = 'active';
    text =
      view.phase === 'queued'
        ? `Queued${view.position ? ` · #${view.position}` : ''}`
        : view.phase === 'starting'
          ? 'Starting…'
          : view.kind === 'build'
            ? 'Building…'
            : 'Running…';
  }
  return (
    <span className="badge" data-state={state} data-testid="job-badge" role="status">
      {text}
    </span>
  );
}

const REFUSAL_TITLE: Record<string, string> = {
  invalid_request: 'The request was not accepted',
  dockerfile_refused: 'This Dockerfile cannot be built here',
  too_many_jobs: 'Too many jobs at once',
  engine_unavailable: 'The Docker engine is not available',
  server_busy: 'Layerlab is busy',
  not_found: 'Not found',
  network: 'No connection',
};

function Refusal({ error, kind }: { error: ApiError; kind: 'build' | 'run' }) {
  return (
    <div className="log-refusal" role="alert" data-error={error.code}>
      <strong>{REFUSAL_TITLE[error.code] ?? (kind === 'build' ? 'The build could not start' : 'The container could not start')}</strong>
      <p>{error.message}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((i, n) => (
            <li key={n}>
              {i.line ? <span className="issue-line">Line {i.line}</span> : i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
