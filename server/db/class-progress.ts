import 'server-only';
import type { DoneEvent, JobState } from '@/lib/events';
import { db } from './database';

/**
 * Read models of a class for the instructor: what each member started, finished
 * and built. Everything is keyed by learner id and joined through class_members,
 * so a class never sees anyone else's work.
 */

export type LessonTouch = { learner: string; lesson: string; at: number };
export type BuildSummary = {
  id: string;
  learner: string;
  lesson?: string;
  tag?: string;
  state: JobState;
  createdAt: number;
  finishedAt?: number;
  done?: DoneEvent;
};

/** (learner, lesson) pairs a member has touched: a saved workspace or any job for the lesson. */
export function touchedLessons(classId: string): LessonTouch[] {
  return db()
    .prepare(
      `SELECT learner, lesson, MAX(at) AS at FROM (
         SELECT w.learner, w.lesson, w.updated_at AS at FROM workspaces w JOIN class_members m ON m.learner = w.learner WHERE m.class_id = ?
         UNION ALL
         SELECT j.learner, j.lesson, j.created_at AS at FROM jobs j JOIN class_members m ON m.learner = j.learner WHERE m.class_id = ? AND j.lesson IS NOT NULL
       ) GROUP BY learner, lesson`,
    )
    .all(classId, classId) as LessonTouch[];
}

export function doneLessons(classId: string): LessonTouch[] {
  return db()
    .prepare(
      `SELECT p.learner, p.lesson, p.done_at AS at FROM progress p JOIN class_members m ON m.learner = p.learner WHERE m.class_id = ?`,
    )
    .all(classId) as LessonTouch[];
}

type JobRow = {
  id: string;
  learner: string;
  lesson: string | null;
  tag: string | null;
  state: JobState;
  created_at: number;
  finished_at: number | null;
  done: string | null;
};

const toSummary = (r: JobRow): BuildSummary => ({
  id: r.id,
  learner: r.learner,
  lesson: r.lesson ?? undefined,
  tag: r.tag ?? undefined,
  state: r.state,
  createdAt: r.created_at,
  finishedAt: r.finished_at ?? undefined,
  done: r.done ? JSON.parse(r.done) : undefined,
});

/** Each member's most recent build. */
export function lastBuilds(classId: string): BuildSummary[] {
  const rows = db()
    .prepare(
      `SELECT j.id, j.learner, j.lesson, j.tag, j.state, j.created_at, j.finished_at, j.done
       FROM jobs j JOIN class_members m ON m.learner = j.learner
       WHERE m.class_id = ? AND j.kind = 'build'
         AND j.rowid = (SELECT rowid FROM jobs x WHERE x.learner = j.learner AND x.kind = 'build' ORDER BY created_at DESC, rowid DESC LIMIT 1)`,
    )
    .all(classId) as JobRow[];
  return rows.map(toSummary);
}

/** Builds of the class that were created, started or finished after `since` (ms), oldest change first. */
export function buildsChangedSince(
  classId: string,
  since: number,
  limit = 200,
): (BuildSummary & { changedAt: number; startedAt?: number })[] {
  const rows = db()
    .prepare(
      `SELECT j.id, j.learner, j.lesson, j.tag, j.state, j.created_at, j.started_at, j.finished_at, j.done,
              MAX(j.created_at, COALESCE(j.started_at, 0), COALESCE(j.finished_at, 0)) AS changed_at
       FROM jobs j JOIN class_members m ON m.learner = j.learner
       WHERE m.class_id = ? AND j.kind = 'build'
         AND MAX(j.created_at, COALESCE(j.started_at, 0), COALESCE(j.finished_at, 0)) > ?
       ORDER BY changed_at DESC, j.rowid DESC LIMIT ?`,
    )
    .all(classId, since, limit) as (JobRow & { started_at: number | null; changed_at: number })[];
  return rows.reverse().map((r) => ({ ...toSummary(r), startedAt: r.started_at ?? undefined, changedAt: r.changed_at }));
}

export type Attempt = BuildSummary & { spec: unknown };

/** A learner's builds for a lesson, oldest first: the attempt history. */
export function buildAttempts(learner: string, lesson: string, limit = 100): Attempt[] {
  const rows = db()
    .prepare(
      `SELECT * FROM (
         SELECT rowid, id, learner, lesson, tag, state, created_at, finished_at, done, spec FROM jobs
         WHERE learner = ? AND lesson = ? AND kind = 'build' ORDER BY created_at DESC, rowid DESC LIMIT ?
       ) ORDER BY created_at, rowid`,
    )
    .all(learner, lesson, limit) as (JobRow & { spec: string })[];
  return rows.map((r) => ({ ...toSummary(r), spec: JSON.parse(r.spec) }));
}

/** The Dockerfile of each member's latest build per lesson (for the diagnostics heatmap). */
export function latestBuildSpecs(classId: string): { learner: string; lesson: string; spec: unknown }[] {
  const rows = db()
    .prepare(
      `SELECT j.learner, j.lesson, j.spec FROM jobs j JOIN class_members m ON m.learner = j.learner
       WHERE m.class_id = ? AND j.kind = 'build' AND j.lesson IS NOT NULL
         AND j.rowid = (SELECT rowid FROM jobs x WHERE x.learner = j.learner AND x.lesson = j.lesson AND x.kind = 'build' ORDER BY created_at DESC, rowid DESC LIMIT 1)`,
    )
    .all(classId) as { learner: string; lesson: string; spec: string }[];
  return rows.map((r) => ({ ...r, spec: JSON.parse(r.spec) }));
}

/** Starts a lesson over for a learner: their files, their done mark and their check outcomes go; builds stay as history. */
export function resetLesson(learner: string, lesson: string) {
  const d = db();
  d.transaction(() => {
    d.prepare('DELETE FROM workspaces WHERE learner = ? AND lesson = ?').run(learner, lesson);
    d.prepare('DELETE FROM progress WHERE learner = ? AND lesson = ?').run(learner, lesson);
    d.prepare('DELETE FROM check_results WHERE learner = ? AND lesson = ?').run(learner, lesson);
  })();
}
