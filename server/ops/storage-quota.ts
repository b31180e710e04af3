import 'server-only';
import { config } from '../config';
import { expireAnonymousWork, learnerStorageBytes, trimLearnerBuildFiles, workspaceBytes } from '../db/learner-storage';
import { AppError } from '../errors';

/**
 * Each learner may keep LAYERLAB_LEARNER_STORAGE_MB in the database (saved
 * files and stored build contexts). Before refusing, the files of the
 * learner's own older builds are dropped (their Dockerfiles stay in the
 * history); a refusal changes nothing that is already saved.
 */
export function ensureRoom(learner: string, addBytes: number, replacing?: { lesson: string }) {
  const quota = config().storage.learnerBytes;
  const freed = replacing ? workspaceBytes(learner, replacing.lesson) : 0;
  const fits = () => learnerStorageBytes(learner) - freed + addBytes <= quota;
  if (fits()) return;
  trimLearnerBuildFiles(learner, 1);
  if (fits()) return;
  trimLearnerBuildFiles(learner, 0);
  if (fits()) return;
  const mb = Math.round(quota / 1024 / 1024);
  throw new AppError(
    'quota_exceeded',
    `Your saved work has reached its ${mb} MiB limit, so this was not saved (everything saved before is kept). Remove large files from your build context or from other lessons and try again.`,
  );
}

/** Housekeeping: anonymous learners' work unused for LAYERLAB_WORKSPACE_TTL_DAYS goes. */
export function expireWorkspaces(now = Date.now()) {
  return expireAnonymousWork(now - config().storage.workspaceTtlMs);
}
