import 'server-only';
import { log } from '../log';
import { docker } from './docker';
import { LABEL, ownContainers } from './labels';

/**
 * Removes what jobs that are no longer running left behind: containers this
 * server labelled (another server on the same engine keeps its own). Build steps
 * need nothing reaped here: BuildKit removes their containers, and their pids
 * limit travels in each step's OCI spec (runc-shim.ts), not in a cgroup of ours.
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
  if (removed) log.info('reaped leftover containers', { removed });
  return removed;
}
