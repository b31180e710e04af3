import 'server-only';
import { db } from './database';

/** Aggregate reads over jobs for metrics and clean-up, and the log-retention delete. */

export function jobCounts(): { kind: string; state: string; n: number }[] {
  return db().prepare('SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state').all() as {
    kind: string;
    state: string;
    n: number;
  }[];
}

/** Cumulative counts of finished jobs at or under each bound (seconds), per kind, plus sum and count. */
export function durationHistogram(bounds: number[]): { kind: string; buckets: number[]; sum: number; count: number }[] {
  const cols = bounds.map((b, i) => `SUM(CASE WHEN d <= ${b * 1000} THEN 1 ELSE 0 END) AS b${i}`).join(', ');
  const rows = db()
    .prepare(
      `SELECT kind, ${cols}, SUM(d) AS total, COUNT(*) AS n FROM (
         SELECT kind, finished_at - started_at AS d FROM jobs WHERE finished_at IS NOT NULL AND started_at IS NOT NULL
       ) GROUP BY kind`,
    )
    .all() as Record<string, number | string>[];
  return rows.map((r) => ({
    kind: String(r.kind),
    buckets: bounds.map((_, i) => Number(r[`b${i}`] ?? 0)),
    sum: Number(r.total ?? 0) / 1000,
    count: Number(r.n),
  }));
}

/** Learners who built, ran or saved anything since `since` (ms). */
export function activeLearners(since: number): number {
  const row = db()
    .prepare(
      `SELECT COUNT(DISTINCT learner) AS n FROM (
         SELECT learner FROM jobs WHERE created_at >= ? UNION SELECT learner FROM workspaces WHERE updated_at >= ?
       )`,
    )
    .get(since, since) as { n: number };
  return row.n;
}

/** When each learner last did anything (job or save), in ms. */
export function lastActivity(learners: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const q = db().prepare(
    `SELECT MAX(at) AS at FROM (
       SELECT MAX(created_at) AS at FROM jobs WHERE learner = ? UNION ALL SELECT MAX(updated_at) FROM workspaces WHERE learner = ?
     )`,
  );
  for (const l of learners) {
    const row = q.get(l, l) as { at: number | null };
    if (row.at !== null) out.set(l, row.at);
  }
  return out;
}

/** When each internal image reference was last built or run, in ms. */
export function lastUseOfRefs(refs: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const q = db().prepare('SELECT MAX(COALESCE(finished_at, created_at)) AS at FROM jobs WHERE ref = ?');
  for (const ref of refs) {
    const row = q.get(ref) as { at: number | null };
    if (row.at !== null) out.set(ref, row.at);
  }
  return out;
}

/** References some queued or running job is using right now. */
export function refsInUse(): Set<string> {
  const rows = db().prepare(`SELECT DISTINCT ref FROM jobs WHERE state IN ('queued','running') AND ref IS NOT NULL`).all() as {
    ref: string;
  }[];
  return new Set(rows.map((r) => r.ref));
}

/** Deletes the event logs of jobs finished before `before`; the job rows (state, outcome, Dockerfile) stay. */
export function deleteJobLogsBefore(before: number): { jobs: number; events: number } {
  const d = db();
  return d.transaction(() => {
    const jobs = d
      .prepare('SELECT COUNT(*) AS n FROM jobs WHERE finished_at < ? AND EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = jobs.id)')
      .get(before) as { n: number };
    const res = d.prepare('DELETE FROM job_events WHERE job_id IN (SELECT id FROM jobs WHERE finished_at < ?)').run(before);
    return { jobs: jobs.n, events: res.changes };
  })();
}

/**
 * Keeps the full files (up to the build-context limit each) of only each learner's
 * newest `keep` finished builds; older ones keep their Dockerfile (the attempt
 * history and the heatmap need no more) and are marked `filesTrimmed`. Without
 * this, a learner rebuilding a large context would grow the database without end.
 */
export function trimOldBuildFiles(keep: number): number {
  const res = db()
    .prepare(
      `UPDATE jobs SET spec = json_set(
         json_remove(spec, '$.files'),
         '$.files', (SELECT json_group_array(json(f.value)) FROM json_each(jobs.spec, '$.files') AS f WHERE json_extract(f.value, '$.path') = 'Dockerfile'),
         '$.filesTrimmed', json('true'))
       WHERE id IN (
         SELECT id FROM (
           SELECT id, spec, ROW_NUMBER() OVER (PARTITION BY learner ORDER BY created_at DESC) AS n
           FROM jobs WHERE kind = 'build' AND finished_at IS NOT NULL
         ) WHERE n > ? AND json_extract(spec, '$.filesTrimmed') IS NULL AND json_type(spec, '$.files') = 'array'
       )`,
    )
    .run(keep);
  return res.changes;
}
