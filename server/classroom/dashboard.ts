import 'server-only';
import { classCheckRuns } from '../db/check-results';
import { roster, type ClassRecord } from '../db/class-store';
import { doneLessons, lastBuilds, touchedLessons, type BuildSummary } from '../db/class-progress';
import { listLessons, type LessonSummary } from '../lessons';

/** The roster × lessons grid of a class, as one plain object (JSON for the page, the SSE stream and the CSV). */

export type CellState = 'not_started' | 'in_progress' | 'checks_failed' | 'done';
export type Cell = { state: CellState; at?: number };
export type LastBuild = Pick<BuildSummary, 'id' | 'lesson' | 'tag' | 'state' | 'createdAt' | 'finishedAt'> & { error?: string };
export type LearnerRow = {
  learner: string;
  displayName: string;
  joinedAt: number;
  cells: Record<string, Cell>;
  lastBuild?: LastBuild;
};
export type ClassGrid = { lessons: Pick<LessonSummary, 'slug' | 'title' | 'order'>[]; learners: LearnerRow[] };

export async function classLessons(cls: Pick<ClassRecord, 'visibleLessons'>) {
  const all = await listLessons();
  const visible = cls.visibleLessons && new Set(cls.visibleLessons);
  return all.filter((l) => !visible || visible.has(l.slug)).map(({ slug, title, order }) => ({ slug, title, order }));
}

export async function classGrid(cls: Pick<ClassRecord, 'id' | 'visibleLessons'>): Promise<ClassGrid> {
  const lessons = await classLessons(cls);
  const key = (learner: string, lesson: string) => `${learner}\0${lesson}`;
  const touched = new Map(touchedLessons(cls.id).map((t) => [key(t.learner, t.lesson), t.at]));
  const done = new Map(doneLessons(cls.id).map((t) => [key(t.learner, t.lesson), t.at]));
  const failedChecks = new Map<string, number>();
  for (const run of classCheckRuns(cls.id)) {
    // Runs come oldest first: the last one for a (learner, lesson) decides.
    if (run.allPassed) failedChecks.delete(key(run.learner, run.lesson));
    else failedChecks.set(key(run.learner, run.lesson), run.createdAt);
  }
  const builds = new Map(lastBuilds(cls.id).map((b) => [b.learner, b]));

  const learners = roster(cls.id).map((m): LearnerRow => {
    const cells: Record<string, Cell> = {};
    for (const { slug } of lessons) {
      const k = key(m.learner, slug);
      if (done.has(k)) cells[slug] = { state: 'done', at: done.get(k) };
      else if (failedChecks.has(k)) cells[slug] = { state: 'checks_failed', at: failedChecks.get(k) };
      else if (touched.has(k)) cells[slug] = { state: 'in_progress', at: touched.get(k) };
      else cells[slug] = { state: 'not_started' };
    }
    const b = builds.get(m.learner);
    return {
      learner: m.learner,
      displayName: m.displayName,
      joinedAt: m.joinedAt,
      cells,
      ...(b && {
        lastBuild: {
          id: b.id,
          lesson: b.lesson,
          tag: b.tag,
          state: b.state,
          createdAt: b.createdAt,
          finishedAt: b.finishedAt,
          ...(b.done?.error && { error: b.done.error.message }),
        },
      }),
    };
  });
  return { lessons, learners };
}
