import type { RuleDef } from '../rule';
import { aptListsNotRemoved } from './apt-lists';
import { avoidRootUser } from './avoid-root-user';
import { baseImageNotAllowed, baseImageUnpinned } from './base-image';
import { combineConsecutiveRuns } from './combine-runs';
import { copyAllBeforeInstall } from './copy-all-before-install';
import {
  fromAsCasing,
  legacyKeyValueFormat,
  maintainerDeprecated,
  noEmptyContinuation,
  stageNameCasing,
  undefinedVar,
} from './docker-checks';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { preferCopy } from './prefer-copy';
import { preferExecForm } from './prefer-exec-form';
import { endOfLineComment, missingPipefail, userBeforeCreated } from './shell-classics';
import { sortPackageList } from './sort-packages';
import { workdirAbsolute } from './workdir-absolute';

/** The best-practice rules, in the order their docs list them. */
export const practiceRules: RuleDef[] = [
  baseImageNotAllowed,
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
  // Docker's own build checks, under Docker's names.
  legacyKeyValueFormat,
  fromAsCasing,
  stageNameCasing,
  undefinedVar,
  noEmptyContinuation,
  maintainerDeprecated,
  // Classics Docker does not warn about.
  endOfLineComment,
  missingPipefail,
  userBeforeCreated,
];
