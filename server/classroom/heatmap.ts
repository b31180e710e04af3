import 'server-only';
import { classCheckRuns } from '../db/check-results';
import { roster, type ClassRecord } from '../db/class-store';
import { latestBuildSpecs } from '../db/class-progress';
import { getLesson } from '../lessons';
import { buildSpecDockerfile, readBuildSpec } from '../jobs/job-spec';
import { classLessons } from './dashboard';
import { ruleHits } from './dockerfile-diagnostics';

/**
 * Where a class struggles, per lesson: which checks fail for how many learners
 * (at least once, and still on their latest try), and which Dockerfile
 * diagnostics the learners' latest Dockerfiles trigger.
 */

export type CheckHeat = { id: string; title: string; learnersFailed: number; stillFailing: number; failures: number };
export type RuleHeat = { ruleId: string; title: string; severity: string; learners: number };
export type LessonHeat = {
  slug: string;
  title: string;
  learnersChecked: number;
  learnersBuilt: number;
  checks: CheckHeat[];
  rules: RuleHeat[];
};
export type Heatmap = { learners: number; lessons: LessonHeat[] };

export async function classHeatmap(cls: Pick<ClassRecord, 'id' | 'visibleLessons'>): Promise<Heatmap> {
  const lessons = await classLessons(cls);
  const runs = classCheckRuns(cls.id);
  const specs = latestBuildSpecs(cls.id);
  const coachOff = new Map(await Promise.all(lessons.map(async (l) => [l.slug, (await getLesson(l.slug))?.coachOff ?? []] as const)));
  return {
    learners: roster(cls.id).length,
    lessons: lessons.map(({ slug, title }) => {
      const checks = new Map<string, CheckHeat & { failedBy: Set<string> }>();
      const latest = new Map<string, (typeof runs)[number]>();
      for (const run of runs.filter((r) => r.lesson === slug)) {
        latest.set(run.learner, run);
        for (const r of run.results) {
          const heat = checks.get(r.id) ?? {
            id: r.id,
            title: r.title,
            learnersFailed: 0,
            stillFailing: 0,
            failures: 0,
            failedBy: new Set(),
          };
          if (!r.passed) {
            heat.failures++;
            heat.failedBy.add(run.learner);
          }
          checks.set(r.id, heat);
        }
      }
      for (const run of latest.values()) for (const r of run.results) if (!r.passed) checks.get(r.id)!.stillFailing++;

      const rules = new Map<string, RuleHeat>();
      let learnersBuilt = 0;
      for (const s of specs.filter((x) => x.lesson === slug)) {
        const dockerfile = buildSpecDockerfile(readBuildSpec(s.spec));
        if (dockerfile === undefined) continue;
        learnersBuilt++;
        // Rules the lesson switches off are not shown to its learners, so they are no struggle to report.
        for (const hit of ruleHits(dockerfile, coachOff.get(slug))) {
          const heat = rules.get(hit.ruleId) ?? { ...hit, learners: 0 };
          heat.learners++;
          rules.set(hit.ruleId, heat);
        }
      }
      return {
        slug,
        title,
        learnersChecked: latest.size,
        learnersBuilt,
        checks: [...checks.values()]
          .map(({ failedBy, ...c }) => ({ ...c, learnersFailed: failedBy.size }))
          .sort((a, b) => b.learnersFailed - a.learnersFailed || b.failures - a.failures),
        rules: [...rules.values()].sort((a, b) => b.learners - a.learners),
      };
    }),
  };
}
