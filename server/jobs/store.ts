import 'server-only';
import type { DoneEvent, JobEvent, JobKind, JobState, StoredEvent } from '@/lib/events';
import { stmt } from '../db/database';

/** Jobs and their event logs in SQLite, so a reload or a restart still shows the last build. */

export type JobRecord = {
  id: string;
  learner: string;
  kind: JobKind;
  state: JobState;
  /** The learner-facing tag (builds) or image (runs). */
  tag?: string;
  /** The internal, namespaced image reference. */
  ref?: string;
  lesson?: string;
  spec: unknown;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  done?: DoneEvent;
};

type Row = {
  id: string;
  learner: string;
  kind: JobKind;
  state: JobState;
  tag: string | null;
  ref: string | null;
  lesson: string | null;
  spec: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  done: string | null;
};

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  learner: r.learner,
  kind: r.kind,
  state: r.state,
  tag: r.tag ?? undefined,
  ref: r.ref ?? undefined,
  lesson: r.lesson ?? undefined,
  spec: JSON.parse(r.spec),
  createdAt: r.created_at,
  startedAt: r.started_at ?? undefined,
  finishedAt: r.finished_at ?? undefined,
  done: r.done ? JSON.parse(r.done) : undefined,
});

export function insertJob(job: Pick<JobRecord, 'id' | 'learner' | 'kind' | 'tag' | 'ref' | 'lesson' | 'spec'>) {
  stmt(
    `INSERT INTO jobs (id, learner, kind, state, tag, ref, lesson, spec, created_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
  ).run(job.id, job.learner, job.kind, job.tag ?? null, job.ref ?? null, job.lesson ?? null, JSON.stringify(job.spec), Date.now());
}

/** A job by id; with `learner`, only if it is that learner's (others get undefined, i.e. a 404). */
export function getJob(id: string, learner?: string): JobRecord | undefined {
  const row = stmt('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
  if (!row || (learner !== undefined && row.learner !== learner)) return undefined;
  return toRecord(row);
}

export function markRunning(id: string) {
  stmt(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`).run(Date.now(), id);
}

export function markFinished(id: string, done: DoneEvent) {
  stmt('UPDATE jobs SET state = ?, finished_at = ?, done = ? WHERE id = ?').run(done.state, Date.now(), JSON.stringify(done), id);
}

export function appendEvent(jobId: string, seq: number, event: JobEvent & { time: number }) {
  stmt('INSERT INTO job_events (job_id, seq, data) VALUES (?, ?, ?)').run(jobId, seq, JSON.stringify(event));
}

export function eventsAfter(jobId: string, after = 0): StoredEvent[] {
  const rows = stmt('SELECT seq, data FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq').all(jobId, after) as {
    seq: number;
    data: string;
  }[];
  return rows.map((r) => ({ ...JSON.parse(r.data), id: r.seq }));
}

export function lastSeq(jobId: string): number {
  const row = stmt('SELECT MAX(seq) AS s FROM job_events WHERE job_id = ?').get(jobId) as { s: number | null };
  return row.s ?? 0;
}

/** Jobs left queued or running by a previous process. */
export function unfinishedJobs(): JobRecord[] {
  const rows = stmt(`SELECT * FROM jobs WHERE state IN ('queued', 'running')`).all() as Row[];
  return rows.map(toRecord);
}
