import 'server-only';
import { db } from './database';

/** Bytes a learner keeps in the database: saved workspaces, the stored specs (build contexts) of their jobs, and their jobs' logs. */
export function learnerStorageBytes(learner: string): number {
  const row = db()
    .prepare(
      `SELECT (SELECT COALESCE(SUM(length(CAST(files AS BLOB))), 0) FROM workspaces WHERE learner = ?)
            + (SELECT COALESCE(SUM(length(CAST(spec AS BLOB))), 0) FROM jobs WHERE learner = ?)
            + (SELECT COALESCE(SUM(length(CAST(e.data AS BLOB))), 0) FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.learner = ?) AS n`,
    )
    .get(learner, learner, learner) as { n: number };
  return row.n;
}

/** Deletes the logs of this learner's finished jobs beyond the newest `keep` (the job rows and outcomes stay). */
export function trimLearnerLogs(learner: string, keep: number): number {
  return db()
    .prepare(
      `DELETE FROM job_events WHERE job_id IN (
         SELECT id FROM jobs WHERE learner = ? AND finished_at IS NOT NULL ORDER BY created_at DESC LIMIT -1 OFFSET ?
       )`,
    )
    .run(learner, keep).changes;
}

export function workspaceBytes(learner: string, lesson: string): number {
  const row = db()
    .prepare('SELECT length(CAST(files AS BLOB)) AS n FROM workspaces WHERE learner = ? AND lesson = ?')
    .get(learner, lesson) as { n: number } | undefined;
  return row?.n ?? 0;
}

/** Keeps only the Dockerfile of this learner's finished builds beyond the newest `keep` (as the nightly trim does for everyone). */
export function trimLearnerBuildFiles(learner: string, keep: number): number {
  return db()
    .prepare(
      `UPDATE jobs SET spec = json_set(
         json_remove(spec, '$.files'),
         '$.files', (SELECT json_group_array(json(f.value)) FROM json_each(jobs.spec, '$.files') AS f WHERE json_extract(f.value, '$.path') = 'Dockerfile'),
         '$.filesTrimmed', json('true'))
       WHERE id IN (
         SELECT id FROM (
           SELECT id, ROW_NUMBER() OVER (ORDER BY created_at DESC) AS n
           FROM jobs WHERE learner = ? AND kind = 'build' AND finished_at IS NOT NULL
         ) WHERE n > ?
       ) AND json_extract(spec, '$.filesTrimmed') IS NULL AND json_type(spec, '$.files') = 'array'`,
    )
    .run(learner, keep).changes;
}

/**
 * Anonymous learners' workspaces unused for `ttlMs`, and their finished jobs as
 * old, are deleted; class members' work is kept (their instructor may still
 * look at it). Returns what went.
 */
export function expireAnonymousWork(before: number): { workspaces: number; jobs: number } {
  const d = db();
  return d.transaction(() => {
    const workspaces = d
      .prepare('DELETE FROM workspaces WHERE updated_at < ? AND learner NOT IN (SELECT learner FROM class_members)')
      .run(before).changes;
    const jobs = d
      .prepare(
        `DELETE FROM jobs WHERE finished_at IS NOT NULL AND created_at < ?
           AND learner NOT IN (SELECT learner FROM class_members)
           AND learner NOT IN (SELECT learner FROM workspaces)`,
      )
      .run(before).changes;
    return { workspaces, jobs };
  })();
}
