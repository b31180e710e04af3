import 'server-only';
import { docker } from './docker';
import { learnerImagePrefix } from './learner-namespace';

/**
 * Removes every tag under the learners' namespaces (`layerlab-<learner>/…`), one
 * tag at a time. Never by image id: an image built from `FROM busybox:latest`
 * alone has busybox's id, and a forced delete of that id takes the base image
 * (and every other tag on it) too. Returns the refs removed.
 */
export async function removeLearnerImages(learners: string[]): Promise<string[]> {
  const prefixes = learners.map(learnerImagePrefix);
  const removed: string[] = [];
  for (const img of await docker().listImages()) {
    for (const ref of img.RepoTags ?? []) {
      if (!prefixes.some((p) => ref.startsWith(p))) continue;
      await docker()
        .getImage(ref)
        .remove()
        .then(() => removed.push(ref))
        .catch(() => undefined); // gone already, or a container still uses it
    }
  }
  return removed;
}
