'use client';

import { useMemo, useState } from 'react';
import { lineDiff } from '@/lib/line-diff';
import { timeAgo } from './time-ago';
import styles from './instructor.module.css';
import type { Attempt } from './types';

/** Step through a learner's builds; each shows its Dockerfile as a diff against the attempt before it. */
export function AttemptHistory({ attempts }: { attempts: Attempt[] }) {
  const [index, setIndex] = useState(attempts.length - 1);
  const current = attempts[index];
  const previous = index > 0 ? attempts[index - 1] : undefined;
  const diff = useMemo(() => (current ? lineDiff(previous?.dockerfile ?? '', current.dockerfile) : []), [current, previous]);

  if (!current) return <p className={styles.empty}>No builds for this lesson yet.</p>;
  return (
    <div className={styles.settings}>
      <div className={styles.stepper}>
        <button className="btn btn-xs" onClick={() => setIndex(index - 1)} disabled={index === 0} aria-label="Previous attempt">
          ←
        </button>
        <strong>
          Attempt {index + 1} of {attempts.length}
        </strong>
        <button
          className="btn btn-xs"
          onClick={() => setIndex(index + 1)}
          disabled={index === attempts.length - 1}
          aria-label="Next attempt"
        >
          →
        </button>
        <span className={styles.state} data-state={current.state}>
          {current.state}
        </span>
        <span className={styles.meta}>
          {timeAgo(current.createdAt)}
          {current.durationMs !== undefined ? ` · ${(current.durationMs / 1000).toFixed(1)} s` : ''}
        </span>
      </div>
      {current.error && (
        <p className={styles.error}>
          {current.errorLine ? `Line ${current.errorLine}: ` : ''}
          {current.error}
        </p>
      )}
      <p className={styles.hint}>{previous ? `Dockerfile, changes since attempt ${index}` : 'Dockerfile of the first attempt'}</p>
      <div className={styles.diff} role="table" aria-label="Dockerfile diff">
        {diff.map((d, i) => (
          <div key={i} className={styles.diffLine} data-type={d.type} role="row">
            <span>{d.type !== 'added' ? d.a : ''}</span>
            <span>{d.type !== 'removed' ? d.b : ''}</span>
            <span>{d.type === 'added' ? '+' : d.type === 'removed' ? '−' : ' '}</span>
            <span>{d.text}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
