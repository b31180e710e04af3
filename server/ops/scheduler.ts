import 'server-only';
import { instructorPasswordHash } from '../auth/instructor-password';
import { config } from '../config';
import { log } from '../log';
import { singleton } from '../singleton';
import { stopIdleContainers } from './idle-reaper';
import { collectLearnerImages } from './image-gc';
import { pruneJobLogs, trimBuildFiles } from './retention';
import { expireWorkspaces } from './storage-quota';

/**
 * Housekeeping of the server process, started once from instrumentation.ts:
 * make sure an instructor password exists (printing a generated one at start-up,
 * not at the first sign-in), stop idle learners' containers every minute, and
 * every LAYERLAB_GC_INTERVAL_MIN prune old job logs and learner images.
 */

export function startOps() {
  singleton('ops-timers', () => {
    void instructorPasswordHash().catch((err) => log.error('could not set up the instructor password', { error: String(err) }));
    const every = config().ops.gcIntervalMs;
    if (every > 0) {
      setTimeout(() => void runCleanup(), 60_000).unref();
      setInterval(() => void runCleanup(), every).unref();
    }
    setInterval(() => void runIdleStop(), 60_000).unref();
    log.info('housekeeping started', { gcIntervalMin: every / 60_000 });
    return true;
  });
}

let cleaning = false;

/** One clean-up pass; logs what it freed. Never throws. */
export async function runCleanup() {
  if (cleaning) return;
  cleaning = true;
  const started = Date.now();
  try {
    const logs = pruneJobLogs();
    const trimmed = trimBuildFiles();
    const expired = expireWorkspaces();
    const images = await collectLearnerImages().catch((err: Error) => ({ error: err.message }));
    log.info('gc finished', {
      durationMs: Date.now() - started,
      jobLogsDeleted: logs.jobs,
      jobEventsDeleted: logs.events,
      buildFilesTrimmed: trimmed,
      workspacesExpired: expired.workspaces,
      jobsExpired: expired.jobs,
      ...('error' in images
        ? { imageError: images.error }
        : {
            imagesRemoved: images.removed.map((r) => ({ ref: r.ref, learner: r.learner, reason: r.reason })),
            freedBytes: images.freedBytes,
            prunedBytes: images.prunedBytes,
            buildCacheFreedBytes: images.buildCacheBytes,
            imagesKept: images.keptImages,
            learnerImageBytes: images.totalBytesAfter,
            imageErrors: images.errors.length,
          }),
    });
  } catch (err) {
    log.error('gc failed', { error: String(err) });
  } finally {
    cleaning = false;
  }
}

async function runIdleStop() {
  try {
    const stopped = await stopIdleContainers();
    for (const s of stopped) log.info('stopped idle learner container', s);
  } catch {
    // engine down: nothing to stop; the health endpoint reports it
  }
}
