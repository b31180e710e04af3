import 'server-only';
import type { ContextFile } from '@/lib/build-context';
import { db } from './database';

export type Workspace = {
  files: ContextFile[];
  tag: string;
  lastBuildId?: string;
  lastRunId?: string;
  updatedAt: number;
};

type Row = { files: string; tag: string; last_build_id: string | null; last_run_id: string | null; updated_at: number };

export function getWorkspace(learner: string, lesson: string): Workspace | undefined {
  const row = db()
    .prepare('SELECT files, tag, last_build_id, last_run_id, updated_at FROM workspaces WHERE learner = ? AND lesson = ?')
    .get(learner, lesson) as Row | undefined;
  if (!row) return undefined;
  return {
    files: JSON.parse(row.files),
    tag: row.tag,
    lastBuildId: row.last_build_id ?? undefined,
    lastRunId: row.last_run_id ?? undefined,
    updatedAt: row.updated_at,
  };
}

export function saveWorkspace(learner: string, lesson: string, data: { files: ContextFile[]; tag: string }): Workspace {
  db()
    .prepare(
      `INSERT INTO workspaces (learner, lesson, files, tag, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (learner, lesson) DO UPDATE SET files = excluded.files, tag = excluded.tag, updated_at = excluded.updated_at`,
    )
    .run(learner, lesson, JSON.stringify(data.files), data.tag, Date.now());
  return getWorkspace(learner, lesson)!;
}

/** Records a job as the lesson's last build or run, creating the workspace row if needed. */
export function setLastJob(learner: string, lesson: string, kind: 'build' | 'run', jobId: string, files?: ContextFile[], tag?: string) {
  const column = kind === 'build' ? 'last_build_id' : 'last_run_id';
  db()
    .prepare(
      `INSERT INTO workspaces (learner, lesson, files, tag, ${column}, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner, lesson) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
    )
    .run(learner, lesson, JSON.stringify(files ?? []), tag ?? '', jobId, Date.now());
}

export function lessonStates(learner: string): Record<string, 'in_progress' | 'done'> {
  const states: Record<string, 'in_progress' | 'done'> = {};
  const started = db().prepare('SELECT lesson FROM workspaces WHERE learner = ?').all(learner) as { lesson: string }[];
  for (const { lesson } of started) states[lesson] = 'in_progress';
  const done = db().prepare('SELECT lesson FROM progress WHERE learner = ?').all(learner) as { lesson: string }[];
  for (const { lesson } of done) states[lesson] = 'done';
  return states;
}

export function markLessonDone(learner: string, lesson: string) {
  db().prepare('INSERT INTO progress (learner, lesson, done_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(learner, lesson, Date.now());
}
