import 'server-only';
import { z } from 'zod';
import { fileSchema } from '@/lib/build-context';
import { terminalCommands } from '@/server/db/terminal-commands';
import { markLessonDone } from '@/server/db/workspaces';
import { AppError } from '@/server/errors';
import { jobSystem } from '@/server/jobs/job-system';
import { getJob } from '@/server/jobs/store';
import { requireEngine } from '@/server/sandbox/engine-health';
import { evaluateChecks, sandboxCheckEngine, type CheckResult } from './checks/evaluate';
import { getLesson } from './index';

const buildSpecSchema = z.object({ files: z.array(fileSchema), filesTrimmed: z.literal(true).optional() });

/**
 * Runs a lesson's checks against one of the learner's own builds: the
 * Dockerfile and files it was built from, and the image it produced. All passed
 * marks the lesson done.
 */
export async function checkBuild(opts: { learner: string; slug: string; buildId: string; signal?: AbortSignal; address?: string }): Promise<{ results: CheckResult[]; allPassed: boolean }> {
  const lesson = await getLesson(opts.slug);
  if (!lesson) throw new AppError('not_found', 'There is no lesson with that name.');
  const job = getJob(opts.buildId, opts.learner);
  // Another learner's build looks exactly like a missing one.
  if (!job || job.kind !== 'build') throw new AppError('not_found', `No build with id ${opts.buildId}.`);
  if (job.state === 'queued' || job.state === 'running') throw new AppError('conflict', 'That build has not finished yet. Check again when it is done.');
  const spec = buildSpecSchema.safeParse(job.spec);
  if (!spec.success || spec.data.filesTrimmed) throw new AppError('not_found', 'The files of that build are no longer available. Build again, then check.');

  await requireEngine();
  // A check starts containers (and may rebuild), so it is a job like builds and runs:
  // it waits its turn in the one queue, under the same limits.
  const outcome = await jobSystem().check(
    opts.learner,
    (signal) =>
      evaluateChecks({
        checks: lesson.checks,
        files: spec.data.files,
        // The image ID, not the tag: a later build may have moved the tag.
        image: job.state === 'succeeded' ? (job.done?.imageId ?? job.ref) : undefined,
        engine: sandboxCheckEngine(opts.learner, signal),
        terminal: terminalCommands(opts.learner, { lesson: lesson.slug }),
      }),
    { signal: opts.signal, address: opts.address },
  );
  if (outcome.allPassed) markLessonDone(opts.learner, lesson.slug);
  return outcome;
}
