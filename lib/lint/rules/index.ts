import type { RuleDef } from '../rule';
import { aptListsNotRemoved } from './apt-lists';
import { avoidRootUser } from './avoid-root-user';
import { baseImageNotAllowed, baseImageUnpinned } from './base-image';
import { combineConsecutiveRuns } from './combine-runs';
import { copyAllBeforeInstall } from './copy-all-before-install';
import { endOfLineComment } from './end-of-line-comment';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { preferCopy } from './prefer-copy';
import { preferExecForm } from './prefer-exec-form';
import { sortPackageList } from './sort-packages';
import { workdirAbsolute } from './workdir-absolute';

/** The best-practice rules, in the order their docs list them. */
export const practiceRules: RuleDef[] = [
  baseImageNotAllowed,
  endOfLineComment,
  baseImageUnpinned,
  combineConsecutiveRuns,
  sortPackageList,
  pipNoCacheDir,
  aptListsNotRemoved,
  copyAllBeforeInstall,
  preferExecForm,
  workdirAbsolute,
  preferCopy,
  avoidRootUser,
];
