import 'server-only';
import { config } from '../config';
import { deleteJobLogsBefore, trimOldBuildFiles } from '../db/job-stats';

/** Job logs are kept for LAYERLAB_LOG_RETENTION_DAYS; the job rows (outcome, Dockerfile) stay as attempt history. */
export function pruneJobLogs(opts: { now?: number; retentionMs?: number } = {}) {
  const now = opts.now ?? Date.now();
  return deleteJobLogsBefore(now - (opts.retentionMs ?? config().ops.logRetentionMs));
}

/** Full build contexts are kept for each learner's newest builds only (checks of older builds ask for a rebuild). */
export const KEEP_BUILD_FILES = 20;

export function trimBuildFiles(keep = KEEP_BUILD_FILES) {
  return trimOldBuildFiles(keep);
}
