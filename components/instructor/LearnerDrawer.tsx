'use client';

import { useCallback, useEffect, useState } from 'react';
import { instructorApi } from '@/lib/api-client';
import { timeAgo } from './time-ago';
import { AttemptHistory } from './AttemptHistory';
import styles from './instructor.module.css';
import { CELL_LABEL, type LearnerLesson } from './types';

type Tab = 'files' | 'log' | 'attempts' | 'terminal';

/** One learner's lesson, read-only: their files, their last build's log, their attempts; and a reset. */
export function LearnerDrawer({
  classId,
  learner,
  lesson,
  lessonTitle,
  csrf,
  onClose,
}: {
  classId: string;
  learner: string;
  lesson: string;
  lessonTitle: string;
  csrf: string;
  onClose: () => void;
}) {
  const [data, setData] = useState<LearnerLesson>();
  const [error, setError] = useState<string>();
  const [tab, setTab] = useState<Tab>('files');

  const load = useCallback(async () => {
    try {
      setData(await instructorApi.learnerLesson(csrf, classId, learner, lesson));
    } catch (err) {
      setError((err as Error).message);
    }
  }, [classId, learner, lesson, csrf]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  async function reset() {
    if (
      !data ||
      !window.confirm(
        `Start “${lessonTitle}” over for ${data.displayName}? Their files and progress on it are cleared; build history stays.`,
      )
    )
      return;
    try {
      await instructorApi.resetLearnerLesson(csrf, classId, learner, lesson);
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <>
      <div className={styles.backdrop} onClick={onClose} />
      <aside className={styles.drawer} role="dialog" aria-modal="true" aria-label={`${data?.displayName ?? 'Learner'}: ${lessonTitle}`}>
        <header className={styles.drawerHeader}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <p className={styles.eyebrow}>{lessonTitle}</p>
            <h2>{data?.displayName ?? '…'}</h2>
          </div>
          {data && (
            <span className={styles.cell} data-state={data.cell.state} style={{ width: 'auto', padding: '0 8px', cursor: 'default' }}>
              {CELL_LABEL[data.cell.state]}
            </span>
          )}
          <button className="btn btn-sm" onClick={() => void reset()} disabled={!data}>
            Reset lesson
          </button>
          <button className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className={styles.drawerBody}>
          {error && <p className={styles.error}>{error}</p>}
          {data && (
            <>
              <div className={styles.tabs} role="tablist">
                {(
                  [
                    ['files', 'Files'],
                    ['log', 'Last build'],
                    ['attempts', `Attempts (${data.attempts.length})`],
                    ['terminal', `Terminal (${data.terminal.length})`],
                  ] as const
                ).map(([id, label]) => (
                  <button key={id} role="tab" className={styles.tab} aria-selected={tab === id} onClick={() => setTab(id)}>
                    {label}
                  </button>
                ))}
              </div>
              {tab === 'files' &&
                (data.files.length === 0 ? (
                  <p className={styles.empty}>No files saved for this lesson yet.</p>
                ) : (
                  <div>
                    {data.updatedAt && <p className={styles.hint}>Saved {timeAgo(data.updatedAt)} · read-only</p>}
                    {data.files.map((f) => (
                      <div key={f.path}>
                        <p className={styles.fileName}>{f.path}</p>
                        <pre className={styles.pre}>{f.content}</pre>
                      </div>
                    ))}
                  </div>
                ))}
              {tab === 'log' &&
                (data.lastBuild ? (
                  <div className={styles.settings}>
                    <span className={styles.state} data-state={data.lastBuild.state} style={{ alignSelf: 'flex-start' }}>
                      {data.lastBuild.state}
                    </span>
                    <pre className={styles.pre} style={{ maxHeight: 520 }}>
                      {data.lastBuild.log || '(the log of this build is no longer kept)'}
                    </pre>
                  </div>
                ) : (
                  <p className={styles.empty}>No builds for this lesson yet.</p>
                ))}
              {tab === 'attempts' && <AttemptHistory attempts={data.attempts} />}
              {tab === 'terminal' &&
                (data.terminal.length === 0 ? (
                  <p className={styles.empty}>No terminal commands in this lesson yet.</p>
                ) : (
                  <div>
                    <p className={styles.hint}>
                      docker commands typed in the terminal, oldest first (what was typed inside a shell is not recorded)
                    </p>
                    <ol className={styles.pre} aria-label="Terminal commands" style={{ listStyle: 'none', maxHeight: 520 }}>
                      {data.terminal.map((c, i) => (
                        <li key={i} data-exit={c.exitCode ?? ''} title={timeAgo(c.createdAt)}>
                          <span aria-hidden="true">$ </span>
                          {c.line}
                          {c.exitCode ? <span className={styles.error}> (exit {c.exitCode})</span> : null}
                        </li>
                      ))}
                    </ol>
                  </div>
                ))}
            </>
          )}
        </div>
      </aside>
    </>
  );
}
