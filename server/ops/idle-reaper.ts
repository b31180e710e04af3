import 'server-only';
import { config } from '../config';
import { lastActivity } from '../db/job-stats';
import { runningContainers, stopContainer } from '../sandbox/engine-images';
import { LABEL, ownContainers } from '../sandbox/labels';

/**
 * Stops learners' running containers once the learner has been idle (no build,
 * run or save) for LAYERLAB_IDLE_STOP_MIN. Stopping, not removing: the run job
 * then ends normally and its own clean-up (or the reaper) removes the container.
 */
export async function stopIdleContainers(
  opts: { now?: number; idleMs?: number; /** only this learner's (tests share the engine) */ learner?: string } = {},
) {
  const now = opts.now ?? Date.now();
  const idleMs = opts.idleMs ?? config().ops.idleStopMs;
  const running = await runningContainers(ownContainers(...(opts.learner ? [`${LABEL.learner}=${opts.learner}`] : [])));
  const learners = [...new Set(running.map((c) => c.Labels?.[LABEL.learner]).filter((l): l is string => !!l))];
  const seen = lastActivity(learners);
  const stopped: { container: string; learner: string; job?: string }[] = [];
  for (const c of running) {
    const learner = c.Labels?.[LABEL.learner];
    // Build-step containers belong to a build that is bounded by its own timeout.
    if (!learner || c.Labels?.[LABEL.kind] !== 'run') continue;
    const last = seen.get(learner) ?? c.Created * 1000;
    if (last >= now - idleMs) continue;
    try {
      await stopContainer(c.Id, 2);
      stopped.push({ container: c.Id.slice(0, 12), learner, job: c.Labels?.[LABEL.job] });
    } catch {
      // already stopped or gone
    }
  }
  return stopped;
}
