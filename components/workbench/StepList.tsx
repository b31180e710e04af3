'use client';

import { useEffect, useRef } from 'react';
import type { StepView } from './job-view';
import { formatDuration } from './format';

const ICON: Record<StepView['state'], string> = { running: '', done: '✓', failed: '✕', cancelled: '–' };
const LABEL: Record<StepView['state'], string> = { running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' };

/** One row per step BuildKit ran: "#5 [build 2/4] RUN …" with its state and time; clicking jumps to it in the log. */
export function StepList({ steps, onSelect }: { steps: StepView[]; onSelect(index: number): void }) {
  const listRef = useRef<HTMLOListElement>(null);
  const focus = steps.find((s) => s.state === 'failed' || s.state === 'running')?.index;
  // Keep the step that matters (running, or the one that failed) in view inside the short list.
  useEffect(() => {
    if (focus === undefined) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`);
    const list = listRef.current;
    if (row && list) list.scrollTop = row.offsetTop - list.offsetTop - list.clientHeight / 2 + row.clientHeight / 2;
  }, [focus]);
  if (steps.length === 0) return null;
  return (
    <ol className="steps" aria-label="Build steps" ref={listRef}>
      {steps.map((s) => (
        <li key={s.index} className="step" data-state={s.state} data-index={s.index}>
          <button type="button" className="step-button" onClick={() => onSelect(s.index)}>
            <span className="step-icon" aria-label={LABEL[s.state]}>
              {s.state === 'running' ? <span className="spinner spinner-sm" /> : ICON[s.state]}
            </span>
            <span className="step-number">
              #{s.index}
              {s.step !== undefined && ` [${s.stage ? `${s.stage} ` : ''}${s.step}/${s.steps}]`}
            </span>
            <span className="step-instruction mono" title={s.instruction}>
              {s.instruction}
            </span>
            {s.cached && <span className="step-cached">cached</span>}
            <span className="step-time">{s.durationMs !== undefined ? formatDuration(s.durationMs) : ''}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
