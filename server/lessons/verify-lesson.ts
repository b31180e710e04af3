import 'server-only';
import { buildToCompletion } from '@/server/jobs/run-to-completion';
import { removeImage } from '@/server/sandbox/engine-images';
import { evaluateChecks, sandboxCheckEngine, type CheckResult } from './checks/evaluate';
import { buildableBlocks, checkCodeBlocks } from './code-blocks';
import type { Lesson, LessonFile } from './load-lessons';

/**
 * What `lessons:check` proves for one lesson: its solution builds and passes
 * every check, and its starter builds (or fails to) and fails at least one —
 * otherwise the learner would be done before starting.
 */

export type SideReport = {
  build: 'succeeded' | 'failed' | 'cancelled';
  buildError?: string;
  seconds: number;
  results: CheckResult[];
};
export type WrongReport = SideReport & { name: string; fails: string; caught: boolean };
export type LessonReport = { lesson: Lesson; solution: SideReport; starter: SideReport; wrong: WrongReport[]; problems: string[] };

export const CHECK_LEARNER = 'lessonscheck';

async function side(lesson: Lesson, which: string, files: LessonFile[]): Promise<SideReport> {
  const started = Date.now();
  const tag = `${lesson.slug.slice(0, 40)}-${which}`.slice(0, 120);
  const { done, ref } = await buildToCompletion({ learner: CHECK_LEARNER, files, tag });
  const image = done.state === 'succeeded' ? (done.imageId ?? ref) : undefined;
  try {
    // `terminal-ran` checks are about what a learner typed, not about files: nothing to verify here.
    const checks = lesson.checks.filter((c) => c.kind !== 'terminal-ran');
    const { results } = await evaluateChecks({ checks, files, image, engine: sandboxCheckEngine(CHECK_LEARNER) });
    return {
      build: done.state,
      buildError: done.error ? `${done.error.message}${done.error.line ? ` (Dockerfile line ${done.error.line})` : ''}` : undefined,
      seconds: (Date.now() - started) / 1000,
      results,
    };
  } finally {
    if (image) await removeImage(ref, { force: true }).catch(() => undefined);
  }
}

export async function verifyLesson(lesson: Lesson): Promise<LessonReport> {
  const problems = staticProblems(lesson);
  const solution = await side(lesson, 'solution', lesson.solution);
  const starter = await side(lesson, 'starter', lesson.files);
  if (solution.build !== 'succeeded') problems.push(`the solution does not build: ${solution.buildError ?? solution.build}`);
  for (const r of solution.results) if (!r.passed) problems.push(`the solution fails "${r.id}": ${r.message ?? 'no message'}`);
  if (starter.results.length > 0 && starter.results.every((r) => r.passed)) {
    problems.push('the starter already passes every check; the learner would have nothing to do');
  }
  // A complete Dockerfile in the text builds, with the lesson's files as its context.
  for (const block of buildableBlocks(lesson.body)) {
    const files = [...lesson.solution.filter((f) => f.path !== 'Dockerfile'), { path: 'Dockerfile', content: block.text + '\n' }];
    const { done, ref } = await buildToCompletion({ learner: CHECK_LEARNER, files, tag: `${lesson.slug.slice(0, 40)}-block-${block.line}` });
    if (done.state !== 'succeeded') {
      problems.push(`lesson.md body line ${block.line}: the Dockerfile block does not build with the lesson's files (${done.error?.message ?? done.state}); mark it \`\`\`Dockerfile fragment if it needs other files`);
    } else await removeImage(ref, { force: true }).catch(() => undefined);
  }
  const wrong: WrongReport[] = [];
  for (const c of lesson.wrong) {
    const report = await side(lesson, `wrong-${c.name}`, c.files);
    const named = report.results.find((r) => r.id === c.fails);
    const caught = !!named && !named.passed;
    if (!caught) problems.push(`the wrong case "${c.name}" passes "${c.fails}", which must catch it (${c.why})`);
    wrong.push({ ...report, name: c.name, fails: c.fails, caught });
  }
  return { lesson, solution, starter, wrong, problems };
}

/** What needs no engine: the lesson has checks and counter-examples, and its code blocks hold up. */
function staticProblems(lesson: Lesson): string[] {
  const problems: string[] = [];
  if (lesson.checks.length === 0) problems.push('the lesson has no checks');
  if (lesson.wrong.length < 3) problems.push(`the lesson has ${lesson.wrong.length} wrong/ case${lesson.wrong.length === 1 ? '' : 's'}; give at least 3 wrong-but-plausible solutions`);
  for (const p of checkCodeBlocks(lesson.body)) problems.push(`lesson.md body line ${p.line}: ${p.message}`);
  return problems;
}

/** Only the file checks, without an engine: for `lessons:check --static`. */
export async function verifyLessonStatically(lesson: Lesson): Promise<LessonReport> {
  const notBuilt = () => Promise.reject(new Error('not built'));
  const none = { inspect: notBuilt, run: notBuilt, rebuild: notBuilt, layerFiles: notBuilt };
  const sideOf = async (files: LessonFile[]): Promise<SideReport> => {
    const { results } = await evaluateChecks({ checks: lesson.checks.filter((c) => c.kind !== 'terminal-ran'), files, engine: none });
    return { build: 'cancelled', seconds: 0, results };
  };
  return { lesson, solution: await sideOf(lesson.solution), starter: await sideOf(lesson.files), wrong: [], problems: staticProblems(lesson) };
}
