import 'server-only';
import fs from 'node:fs';
import { log } from '../log';
import { docker } from './docker';
import { LABEL, ownContainers } from './labels';
import { removeCgroups } from './pids-cgroup';

/**
 * Removes what jobs that are no longer running left behind: containers this
 * server labelled (another server on the same engine keeps its own) and per-build cgroups.
 */
export async function reapLeftovers(
  isActive: (jobId: string) => boolean,
  opts: { /** only this learner's (tests share the engine with other tests' shells and runs) */ learner?: string } = {},
) {
  const only = opts.learner ? [`${LABEL.learner}=${opts.learner}`] : [];
  const containers = await docker().listContainers({ all: true, filters: { label: ownContainers(...only) } });
  let removed = 0;
  for (const c of containers) {
    const job = c.Labels?.[LABEL.job];
    if (job && isActive(job)) continue;
    await docker()
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .then(() => removed++)
      .catch(() => undefined);
  }
  try {
    for (const name of fs.readdirSync('/sys/fs/cgroup/pids/layerlab')) if (!isActive(name)) removeCgroups(name);
  } catch {
    // no cgroups of ours
  }
  if (removed) log.info('reaped leftover containers', { removed });
  return removed;
}
