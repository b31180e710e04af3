import 'server-only';
import { config } from '../config';
import { deleteJobLogsBefore } from '../db/job-stats';

/** Job logs are kept for LAYERLAB_LOG_RETENTION_DAYS; the job rows (outcome, Dockerfile) stay as attempt history. */
export function pruneJobLogs(opts: { now?: number; retentionMs?: number } = {}) {
  const now = opts.now ?? Date.now();
  return deleteJobLogsBefore(now - (opts.retentionMs ?? config().ops.logRetentionMs));
}
