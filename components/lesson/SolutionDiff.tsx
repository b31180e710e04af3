'use client';

import { useState } from 'react';
import { learnerApi } from '@/lib/api-client';
import { lineDiff, sameLines, type DiffLine } from '@/lib/line-diff';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import styles from './SolutionDiff.module.css';

type File = { path: string; content: string };

type Props = {
  slug: string;
  /** The learner's current files (read when the solution is shown). */
  files(): File[];
  /** When given, offers to replace the learner's files with the solution. */
  onUseSolution?(files: File[]): void;
};

type State = { phase: 'hidden' } | { phase: 'loading' } | { phase: 'shown'; solution: File[] } | { phase: 'error'; message: string };

/** "Show solution": asks first, then shows the learner's files against the reference, Dockerfile first. */
export function SolutionDiff({ slug, files, onUseSolution }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [confirmingUse, setConfirmingUse] = useState(false);
  const [state, setState] = useState<State>({ phase: 'hidden' });

  async function show() {
    setConfirming(false);
    setState({ phase: 'loading' });
    try {
      setState({ phase: 'shown', solution: (await learnerApi.lessonSolution(slug)).files });
    } catch (err) {
      setState({ phase: 'error', message: (err as Error).message });
    }
  }

  const mine = state.phase === 'shown' ? new Map(files().map((f) => [f.path, f.content])) : undefined;
  const sections =
    state.phase === 'shown'
      ? [...state.solution]
          .sort((a, b) => Number(b.path === 'Dockerfile') - Number(a.path === 'Dockerfile') || a.path.localeCompare(b.path))
          .map((f) => ({ path: f.path, mine: mine!.get(f.path), reference: f.content }))
      : [];
  const changed = sections.filter((s) => s.mine === undefined || !sameLines(s.mine, s.reference));

  return (
    <section className={styles.panel} data-testid="solution-diff">
      {state.phase === 'shown' ? (
        <>
          <header className={styles.header}>
            <h2 className={styles.title}>Solution</h2>
            <div className={styles.actions}>
              {onUseSolution && (
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => setConfirmingUse(true)}
                  disabled={changed.length === 0}
                  data-testid="use-solution"
                >
                  Use the solution
                </button>
              )}
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setState({ phase: 'hidden' })}>
                Hide
              </button>
            </div>
          </header>
          <p className={styles.legend}>
            <span className={styles.removedSample}>− your line</span> <span className={styles.addedSample}>+ the solution’s line</span>
          </p>
          {changed.length === 0 && <p className={styles.matches}>Your files match the solution.</p>}
          {changed.map((s) => (
            <FileDiff key={s.path} path={s.path} mine={s.mine} reference={s.reference} />
          ))}
        </>
      ) : (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => setConfirming(true)}
          disabled={state.phase === 'loading'}
          data-testid="show-solution"
        >
          {state.phase === 'loading' ? 'Loading…' : 'Show solution'}
        </button>
      )}
      {state.phase === 'error' && (
        <p className="inline-error" role="alert">
          {state.message}
        </p>
      )}
      {onUseSolution && state.phase === 'shown' && (
        <ConfirmDialog
          open={confirmingUse}
          title="Replace your files with the solution?"
          confirmLabel="Use the solution"
          onCancel={() => setConfirmingUse(false)}
          onConfirm={() => {
            setConfirmingUse(false);
            onUseSolution(state.solution);
          }}
        >
          <p>Every file becomes the solution’s version; your own changes are lost. Build and check it afterwards to see it pass.</p>
        </ConfirmDialog>
      )}
      <ConfirmDialog
        open={confirming}
        title="Show the solution?"
        confirmLabel="Show solution"
        onConfirm={() => void show()}
        onCancel={() => setConfirming(false)}
      >
        <p>You learn most by getting there yourself — have you tried the hints? The solution will be shown as a diff against your files.</p>
      </ConfirmDialog>
    </section>
  );
}

function FileDiff({ path, mine, reference }: { path: string; mine?: string; reference: string }) {
  const lines: DiffLine[] = lineDiff(mine ?? '', reference);
  return (
    <figure className={styles.file}>
      <figcaption className={styles.path}>
        {path}
        {mine === undefined && <span className={styles.note}> (new file)</span>}
      </figcaption>
      <pre className={styles.diff} aria-label={`Differences in ${path}`}>
        {lines.map((l, i) => (
          <div key={i} className={styles[l.type]}>
            <span className={styles.sign} aria-hidden="true">
              {l.type === 'added' ? '+' : l.type === 'removed' ? '−' : ' '}
            </span>
            <span className="visually-hidden">{l.type === 'added' ? 'added: ' : l.type === 'removed' ? 'removed: ' : ''}</span>
            {l.text || ' '}
          </div>
        ))}
      </pre>
    </figure>
  );
}
