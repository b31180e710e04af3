'use client';

import { useState } from 'react';
import { useWorkbenchActions, useWorkbenchCoach } from '@/components/workbench/workbench-context';
import type { Severity } from '@/lib/lint';
import styles from './CoachBar.module.css';

const ORDER: Severity[] = ['error', 'warning', 'info'];
const NOUN: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['tip', 'tips'] };
const ICON: Record<Severity, string> = { error: '✕', warning: '!', info: 'i' };

/**
 * The coach's summary under the editor: counts by severity, and on demand the
 * list itself; a row shows its line in the Dockerfile, a rule id opens the
 * rule's explanation.
 */
export default function CoachBar() {
  const wb = { ...useWorkbenchActions(), ...useWorkbenchCoach() };
  const [open, setOpen] = useState(false);
  const report = wb.coach;
  if (!report) return <div className={styles.bar} aria-hidden="true" />;
  const { diagnostics } = report;
  const counts = ORDER.map((severity) => ({ severity, n: diagnostics.filter((d) => d.severity === severity).length })).filter(
    (c) => c.n > 0,
  );
  const clean = diagnostics.length === 0;
  const listId = 'coach-list';

  return (
    <section className={styles.coach} aria-label="Dockerfile coach" data-testid="coach" data-count={diagnostics.length}>
      <button
        type="button"
        className={styles.bar}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={clean ? undefined : open}
        aria-controls={clean ? undefined : listId}
        disabled={clean}
      >
        <span className={styles.label}>Coach</span>
        {clean ? (
          <span className={styles.clean}>
            <span className={styles.icon} data-severity="ok" aria-hidden="true">
              ✓
            </span>
            No problems in your Dockerfile
          </span>
        ) : (
          <span className={styles.counts}>
            {counts.map(({ severity, n }) => (
              <span key={severity} className={styles.count} data-severity={severity}>
                <span className={styles.icon} data-severity={severity} aria-hidden="true">
                  {ICON[severity]}
                </span>
                <span data-testid={`coach-count-${severity}`}>
                  {n} {NOUN[severity][n === 1 ? 0 : 1]}
                </span>
              </span>
            ))}
          </span>
        )}
        {!clean && (
          <span className={styles.toggle} aria-hidden="true">
            {open ? 'Hide' : 'Show'}{' '}
            <span className={styles.chevron} data-open={open || undefined}>
              ▾
            </span>
          </span>
        )}
      </button>
      {!clean && open && (
        <ul className={styles.list} id={listId}>
          {diagnostics.map((d, i) => (
            <li key={`${d.ruleId}:${d.line}:${i}`} className={styles.item} data-severity={d.severity} data-rule={d.ruleId}>
              <button type="button" className={styles.itemMain} onClick={() => wb.revealLine(d.line)} title={`Show line ${d.line}`}>
                <span className={styles.icon} data-severity={d.severity} aria-label={d.severity}>
                  {ICON[d.severity]}
                </span>
                <span className={styles.message}>{d.message}</span>
                <span className={styles.line}>Line {d.line}</span>
              </button>
              <button
                type="button"
                className={styles.rule}
                onClick={() => wb.showRule(d.ruleId)}
                title={d.title ? `${d.title}: learn more` : 'Learn more'}
              >
                {d.ruleId}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
