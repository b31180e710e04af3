'use client';

import { timeAgo } from './time-ago';
import styles from './instructor.module.css';
import { CELL_GLYPH, CELL_LABEL, type CellState, type ClassGrid } from './types';

/** Roster × lessons. Each cell opens that learner's lesson. */
export function ProgressGrid({ grid, onOpen }: { grid: ClassGrid; onOpen: (learner: string, lesson: string) => void }) {
  if (grid.learners.length === 0) {
    return <p className={styles.empty}>Nobody has joined yet. Share the code above; names appear here as learners join.</p>;
  }
  return (
    <div className={styles.gridWrap}>
      <table className={styles.grid} aria-label="Progress by learner and lesson">
        <thead>
          <tr>
            <th className={styles.learnerCol} scope="col">
              Learner
            </th>
            {grid.lessons.map((l, i) => (
              <th key={l.slug} scope="col" title={l.title}>
                <span className={styles.lessonHead}>{i + 1}</span>
                <span className="sr-only">{l.title}</span>
              </th>
            ))}
            <th scope="col">Done</th>
            <th scope="col">Last build</th>
          </tr>
        </thead>
        <tbody>
          {grid.learners.map((r) => {
            const done = grid.lessons.filter((l) => r.cells[l.slug]?.state === 'done').length;
            return (
              <tr key={r.learner} data-learner={r.displayName}>
                <th scope="row" className={styles.learnerCol}>
                  <span className={styles.learnerName}>{r.displayName}</span>
                </th>
                {grid.lessons.map((l) => {
                  const cell = r.cells[l.slug] ?? { state: 'not_started' as CellState };
                  const label = `${r.displayName} · ${l.title}: ${CELL_LABEL[cell.state]}${cell.at ? ` (${timeAgo(cell.at)})` : ''}`;
                  return (
                    <td key={l.slug}>
                      <button
                        type="button"
                        className={styles.cell}
                        data-state={cell.state}
                        data-lesson={l.slug}
                        title={label}
                        aria-label={label}
                        onClick={() => onOpen(r.learner, l.slug)}
                      >
                        {CELL_GLYPH[cell.state]}
                      </button>
                    </td>
                  );
                })}
                <td className={styles.meta}>
                  {done}/{grid.lessons.length}
                </td>
                <td>
                  {r.lastBuild ? (
                    <span className={styles.build} title={r.lastBuild.error}>
                      <span className={styles.state} data-state={r.lastBuild.state}>
                        {r.lastBuild.state}
                      </span>
                      <span className={styles.meta}>{timeAgo(r.lastBuild.finishedAt ?? r.lastBuild.createdAt)}</span>
                    </span>
                  ) : (
                    <span className={styles.meta}>—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function GridLegend() {
  return (
    <div className={styles.legend} aria-hidden>
      {(Object.keys(CELL_LABEL) as CellState[]).map((s) => (
        <span key={s}>
          <span className={styles.cell} data-state={s}>
            {CELL_GLYPH[s]}
          </span>
          {CELL_LABEL[s]}
        </span>
      ))}
    </div>
  );
}
