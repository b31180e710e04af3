import 'server-only';
import { db } from './database';

/** Every "Check my work" outcome, kept for the class heatmap and the instructor's view of a learner. */

export type StoredCheck = { id: string; title: string; passed: boolean };
export type CheckRun = { learner: string; lesson: string; buildId: string; results: StoredCheck[]; allPassed: boolean; createdAt: number };

export function recordCheckResult(run: Omit<CheckRun, 'createdAt'>) {
  const results = run.results.map(({ id, title, passed }) => ({ id, title, passed }));
  db()
    .prepare('INSERT INTO check_results (learner, lesson, build_id, results, all_passed, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(run.learner, run.lesson, run.buildId, JSON.stringify(results), run.allPassed ? 1 : 0, Date.now());
}

type Row = { learner: string; lesson: string; build_id: string; results: string; all_passed: number; created_at: number };

/** Every check run of the class's members, oldest first. */
export function classCheckRuns(classId: string): CheckRun[] {
  const rows = db()
    .prepare(
      `SELECT c.* FROM check_results c JOIN class_members m ON m.learner = c.learner
       WHERE m.class_id = ? ORDER BY c.id`,
    )
    .all(classId) as Row[];
  return rows.map((r) => ({
    learner: r.learner,
    lesson: r.lesson,
    buildId: r.build_id,
    results: JSON.parse(r.results),
    allPassed: r.all_passed === 1,
    createdAt: r.created_at,
  }));
}
