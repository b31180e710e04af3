import 'server-only';
import { z } from 'zod';
import { stripAnsi } from '@/lib/ansi';
import { initialProgress, progressLines } from '@/lib/build-progress';
import { fileSchema } from '@/lib/build-context';
import type { StoredEvent } from '@/lib/events';
import { membership } from '../db/classes';
import { buildAttempts } from '../db/class-progress';
import { terminalCommands } from '../db/terminal-commands';
import { getWorkspace } from '../db/workspaces';
import { AppError } from '../errors';
import { eventsAfter } from '../jobs/store';
import { classGrid, type Cell } from './dashboard';
import { requireClass } from './classes';

/**
 * One learner's lesson as the instructor sees it, read-only: the files they
 * have now, the log of their last build, and every build attempt with the
 * Dockerfile it was built from (the page diffs consecutive attempts).
 */

const specSchema = z.object({ files: z.array(fileSchema), tag: z.string().optional() });
const LOG_LIMIT = 64 * 1024;

export type Attempt = {
  id: string;
  state: string;
  createdAt: number;
  finishedAt?: number;
  durationMs?: number;
  error?: string;
  errorLine?: number;
  dockerfile: string;
};

export type LearnerLesson = {
  learner: string;
  displayName: string;
  lesson: string;
  cell: Cell;
  files: { path: string; content: string }[];
  tag?: string;
  updatedAt?: number;
  lastBuild?: { id: string; state: string; log: string };
  attempts: Attempt[];
  /** The docker command lines they typed in the terminal during this lesson (not what they typed inside a shell). */
  terminal: { line: string; exitCode?: number; createdAt: number }[];
};

/** The learner must be in this class: an instructor never reads outside the class they opened (404 otherwise). */
export function requireMember(classId: string, learner: string) {
  const m = membership(learner);
  if (!m || m.classId !== classId) throw new AppError('not_found', 'That learner is not in this class.');
  return m;
}

export async function learnerLesson(classId: string, learner: string, lesson: string): Promise<LearnerLesson> {
  const cls = requireClass(classId);
  const member = requireMember(classId, learner);
  const grid = await classGrid(cls);
  const cell = grid.learners.find((r) => r.learner === learner)?.cells[lesson] ?? { state: 'not_started' as const };
  const workspace = getWorkspace(learner, lesson);
  const raw = buildAttempts(learner, lesson);
  const attempts = raw.map((a): Attempt => {
    const spec = specSchema.safeParse(a.spec);
    return {
      id: a.id,
      state: a.state,
      createdAt: a.createdAt,
      finishedAt: a.finishedAt,
      durationMs: a.done?.durationMs,
      error: a.done?.error?.message,
      errorLine: a.done?.error?.line,
      dockerfile: spec.success ? (spec.data.files.find((f) => f.path === 'Dockerfile')?.content ?? '') : '',
    };
  });
  const last = attempts.at(-1);
  // Files saved in the workspace, or failing that the files of the last build.
  const fallback = specSchema.safeParse(raw.at(-1)?.spec);
  const files = workspace?.files.length ? workspace.files : fallback.success ? fallback.data.files : [];
  return {
    learner,
    displayName: member.displayName,
    lesson,
    cell,
    files,
    tag: workspace?.tag || undefined,
    updatedAt: workspace?.updatedAt,
    ...(last && { lastBuild: { id: last.id, state: last.state, log: logText(eventsAfter(last.id)) } }),
    attempts,
    terminal: terminalCommands(learner, { lesson, limit: 200 }).map(({ line, exitCode, createdAt }) => ({ line, exitCode, createdAt })),
  };
}

/** The build's output as plain text, the way the learner's console showed it (minus colours), capped. */
export function logText(events: StoredEvent[]): string {
  let out = '';
  let progress = initialProgress();
  for (const e of events) {
    if (e.type === 'done') out += `\n[${e.state}${e.error ? `: ${e.error.message}` : ''}]\n`;
    else if (e.type === 'log' && e.vertex === undefined) out += stripAnsi(e.text);
    else {
      const r = progressLines(progress, e);
      progress = r.state;
      for (const line of r.lines) out += stripAnsi(line.text) + '\n';
    }
  }
  return out.length > LOG_LIMIT ? `… (earlier output cut)\n${out.slice(-LOG_LIMIT)}` : out;
}
