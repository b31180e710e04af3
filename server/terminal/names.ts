import 'server-only';
import { listContainers, listImages } from '../sandbox/learner-objects';

/** Names for tab completion: the learner's images (`name:tag`) and containers. Empty when the engine is away. */
export async function completionNames(learner: string): Promise<{ images: string[]; containers: string[] }> {
  const [images, containers] = await Promise.all([listImages(learner).catch(() => []), listContainers(learner).catch(() => [])]);
  return {
    images: [
      ...new Set(images.flatMap((i) => (i.tag === 'latest' ? [i.repository, `${i.repository}:latest`] : [`${i.repository}:${i.tag}`]))),
    ],
    containers: containers.map((c) => c.names),
  };
}
