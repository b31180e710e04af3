'use client';

import { useEffect, useState } from 'react';
import { instructorApi } from '@/lib/api-client';
import styles from './instructor.module.css';
import type { Heatmap } from './types';

/** Where the class struggles: failing checks and Dockerfile diagnostics, per lesson, as bars. */
export function HeatmapPanel({ classId, csrf, version }: { classId: string; csrf: string; version: string }) {
  const [data, setData] = useState<Heatmap>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    instructorApi.classHeatmap(csrf, classId).then(setData, (err) => setError((err as Error).message));
  }, [classId, csrf, version]);

  if (error) return <p className={`${styles.error} ${styles.cardBody}`}>{error}</p>;
  if (!data) return <p className={styles.empty}>Loading…</p>;
  const lessons = data.lessons.filter((l) => l.checks.length || l.rules.length);
  if (lessons.length === 0) return <p className={styles.empty}>Nothing yet: this fills in as learners build and check their work.</p>;
  const width = (n: number) => `${data.learners ? Math.round((100 * n) / data.learners) : 0}%`;
  return (
    <div>
      {lessons.map((l) => (
        <div key={l.slug} className={styles.heatLesson}>
          <h3>{l.title}</h3>
          {l.checks
            .filter((c) => c.learnersFailed > 0)
            .map((c) => (
              <div
                key={c.id}
                className={styles.heatRow}
                title={`${c.learnersFailed} learner(s) failed it at least once; ${c.stillFailing} still failing; ${c.failures} failures in all`}
              >
                <span>Check: {c.title}</span>
                <span className={styles.heatBar}>
                  <span className={styles.heatFill} style={{ width: width(c.learnersFailed), display: 'block' }} />
                </span>
                <span className={styles.heatCount}>
                  {c.learnersFailed}/{data.learners}
                </span>
              </div>
            ))}
          {l.rules.map((r) => (
            <div key={r.ruleId} className={styles.heatRow} title={`${r.learners} learner(s)' latest Dockerfile triggers ${r.ruleId}`}>
              <span>
                <span className="mono">{r.ruleId}</span> {r.title}
              </span>
              <span className={styles.heatBar}>
                <span className={styles.heatFill} data-kind="rule" style={{ width: width(r.learners), display: 'block' }} />
              </span>
              <span className={styles.heatCount}>
                {r.learners}/{data.learners}
              </span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
