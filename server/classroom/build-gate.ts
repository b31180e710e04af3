import 'server-only';
import { activeClassBuilds, getClass, membership } from '../db/class-store';
import { AppError } from '../errors';
import { pauseMessage } from './classes';

/**
 * The class's say over a build, asked by submitBuild before anything is queued:
 * builds paused by the instructor (423 builds_paused, with the reason), or the
 * class's build slots all taken (429 too_many_jobs). Learners in no class pass.
 */
export function assertBuildAllowed(learner: string) {
  const member = membership(learner);
  const cls = member && getClass(member.classId);
  if (!cls) return;
  if (cls.buildsPaused) throw new AppError('builds_paused', pauseMessage(cls));
  if (cls.maxConcurrentBuilds !== undefined && activeClassBuilds(cls.id) >= cls.maxConcurrentBuilds) {
    throw new AppError(
      'too_many_jobs',
      `Your class may run ${cls.maxConcurrentBuilds} build${cls.maxConcurrentBuilds === 1 ? '' : 's'} at once and they are all busy. Try again in a moment.`,
    );
  }
}
