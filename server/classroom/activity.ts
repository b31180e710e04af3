import 'server-only';
import type { JobState } from '@/lib/events';
import { roster } from '../db/class-store';
import { buildsChangedSince, type BuildSummary } from '../db/class-progress';

/** Build activity of a class as feed items: started, succeeded, failed, cancelled. */

export type ActivityKind = 'started' | 'succeeded' | 'failed' | 'cancelled';
export type ActivityItem = {
  /** Stable per job and kind, so a reconnecting feed can drop duplicates. */
  key: string;
  jobId: string;
  learner: string;
  displayName: string;
  lesson?: string;
  tag?: string;
  kind: ActivityKind;
  at: number;
  durationMs?: number;
  error?: string;
};

const kindOf = (state: JobState): ActivityKind => (state === 'queued' || state === 'running' ? 'started' : state);

export function toActivity(b: BuildSummary & { changedAt: number }, names: Map<string, string>): ActivityItem {
  const kind = kindOf(b.state);
  return {
    key: `${b.id}:${kind}`,
    jobId: b.id,
    learner: b.learner,
    displayName: names.get(b.learner) ?? 'unknown',
    lesson: b.lesson,
    tag: b.tag,
    kind,
    at: kind === 'started' ? b.createdAt : b.changedAt,
    ...(b.done && kind !== 'started' && { durationMs: b.done.durationMs }),
    ...(b.done?.error && { error: b.done.error.message }),
  };
}

/** Activity after `since` (ms), oldest first, plus the cursor to continue from. */
export function activitySince(classId: string, since: number, limit = 200): { items: ActivityItem[]; cursor: number } {
  const changed = buildsChangedSince(classId, since, limit);
  const names = new Map(roster(classId).map((m) => [m.learner, m.displayName]));
  return {
    items: changed.map((b) => toActivity(b, names)),
    cursor: changed.reduce((max, b) => Math.max(max, b.changedAt), since),
  };
}
