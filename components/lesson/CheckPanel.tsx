'use client';

import Link from 'next/link';
import { useState } from 'react';
import { learnerApi, type CheckResult } from '@/lib/api-client';
import styles from './CheckPanel.module.css';

export type { CheckResult };
type Goal = { id: string; title: string };
type Summary = { slug: string; title: string };

type Props = {
  slug: string;
  /** The lesson's goals, listed before the first check. */
  goals: Goal[];
  /** Revealed one at a time. */
  hints?: string[];
  next?: Summary;
  /**
   * Provided by the workbench: builds the current files if they have not been
   * built yet and resolves to the id of the finished build (a failed build's id
   * still lets file checks run), or undefined if there is none (cancelled).
   */
  ensureBuild(): Promise<string | undefined>;
  /** Called once all goals pass (e.g. to refresh the course progress). */
  onComplete?(): void;
};

type State =
  | { phase: 'idle' }
  | { phase: 'building' | 'checking' }
  | { phase: 'done'; results: CheckResult[]; allPassed: boolean }
  | { phase: 'error'; message: string };

/** "Check my work": builds if needed, runs the lesson's checks, shows each goal with its hint. */
export function CheckPanel({ slug, goals, hints = [], next, ensureBuild, onComplete }: Props) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [shownHints, setShownHints] = useState(0);
  const busy = state.phase === 'building' || state.phase === 'checking';

  async function check() {
    setState({ phase: 'building' });
    let buildId: string | undefined;
    try {
      buildId = await ensureBuild();
    } catch (err) {
      setState({ phase: 'error', message: (err as Error).message || 'The build could not start.' });
      return;
    }
    if (!buildId) {
      setState({ phase: 'error', message: 'There is no finished build to check. Build your image, then check again.' });
      return;
    }
    setState({ phase: 'checking' });
    try {
      const answer = await learnerApi.checkLesson(slug, buildId);
      setState({ phase: 'done', ...answer });
      if (answer.allPassed) onComplete?.();
    } catch (err) {
      setState({ phase: 'error', message: (err as Error).message });
    }
  }

  const results = state.phase === 'done' ? new Map(state.results.map((r) => [r.id, r])) : undefined;
  const passed = state.phase === 'done' ? state.results.filter((r) => r.passed).length : 0;

  return (
    <section className={styles.panel} aria-labelledby="check-panel-title" data-testid="check-panel">
      <header className={styles.header}>
        <h2 id="check-panel-title" className={styles.title}>
          Goals
          {state.phase === 'done' && (
            <span className={styles.count}>
              {' '}
              {passed}/{state.results.length}
            </span>
          )}
        </h2>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void check()}
          disabled={busy}
          title="Builds your files if they changed, then checks the image against the goals below"
          data-testid="check-button"
        >
          {state.phase === 'building' ? 'Building…' : state.phase === 'checking' ? 'Checking…' : 'Check my work'}
        </button>
      </header>

      {state.phase === 'error' && (
        <p className={`inline-error ${styles.error}`} role="alert">
          {state.message}
        </p>
      )}

      {state.phase === 'idle' && (
        <p className={styles.intro}>
          Your files are built (if they changed since the last build), then the image is tested against each goal.
        </p>
      )}

      {state.phase === 'done' && state.allPassed && (
        <div className={styles.complete} role="status" data-testid="lesson-complete">
          <strong>Lesson complete!</strong>
          {next ? (
            <Link href={`/lessons/${next.slug}`} className="btn btn-primary">
              Next: {next.title} →
            </Link>
          ) : (
            <Link href="/" className="btn">
              Back to the course
            </Link>
          )}
        </div>
      )}

      <ul className={styles.goals} aria-live="polite">
        {goals.map((g) => {
          const r = results?.get(g.id);
          const status = r ? (r.passed ? 'passed' : 'failed') : 'pending';
          return (
            <li key={g.id} className={`${styles.goal} ${styles[status]}`} data-testid={`goal-${g.id}`} data-status={status}>
              <span className={styles.icon} aria-hidden="true">
                {status === 'passed' ? '✓' : status === 'failed' ? '✗' : '○'}
              </span>
              <div className={styles.body}>
                <span className={styles.goalTitle}>
                  {g.title}
                  <span className="visually-hidden"> — {status === 'pending' ? 'not checked yet' : status}</span>
                </span>
                {r?.message && <span className={styles.message}>{r.message}</span>}
                {r?.hint && (
                  <span className={styles.hint} data-testid="goal-hint">
                    <span className={styles.hintLabel}>Hint:</span> {r.hint}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      {hints.length > 0 && (
        <div className={styles.hints}>
          {hints.slice(0, shownHints).map((h, i) => (
            <p key={i} className={styles.hintItem}>
              <span className={styles.hintLabel}>Hint {i + 1}</span> {h}
            </p>
          ))}
          {shownHints < hints.length && (
            <button type="button" className="btn btn-ghost" onClick={() => setShownHints((n) => n + 1)} data-testid="hint-button">
              {shownHints === 0 ? 'Show a hint' : 'Show another hint'} ({shownHints + 1} of {hints.length})
            </button>
          )}
        </div>
      )}
    </section>
  );
}
