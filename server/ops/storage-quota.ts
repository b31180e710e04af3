import 'server-only';
import { config } from '../config';
import { expireAnonymousWork, learnerStorageBytes, trimLearnerBuildFiles, trimLearnerLogs, workspaceBytes } from '../db/learner-storage';
import { AppError } from '../errors';

/**
 * Each learner may keep LAYERLAB_LEARNER_STORAGE_MB in the database (saved
 * files, stored build contexts and job logs). Before refusing, the learner's
 * own history makes room: the files of older builds (their Dockerfiles stay),
 * then the logs of older jobs (their outcomes stay). A refusal changes
 * nothing that is already saved. (A job's own log, written while it runs, is
 * capped by LAYERLAB_BUILD_LOG_KB / LAYERLAB_RUN_OUTPUT_KB.)
 */
export function ensureRoom(learner: string, addBytes: number, replacing?: { lesson: string }) {
  const quota = config().storage.learnerBytes;
  const freed = replacing ? workspaceBytes(learner, replacing.lesson) : 0;
  const fits = () => learnerStorageBytes(learner) - freed + addBytes <= quota;
  if (fits()) return;
  const steps = [
    () => trimLearnerBuildFiles(learner, 1),
    () => trimLearnerLogs(learner, 5),
    () => trimLearnerBuildFiles(learner, 0),
    () => trimLearnerLogs(learner, 0),
  ];
  for (const step of steps) {
    step();
    if (fits()) return;
  }
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
