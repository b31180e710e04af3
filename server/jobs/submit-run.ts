import 'server-only';
import { isCatalogImage, normalizeRef } from '@/lib/image-catalog';
import { registryHost } from '@/lib/image-ref';
import { config } from '../config';
import { setLastJob } from '../db/workspaces';
import { requireKnownLesson } from '../lessons/known-lesson';
import { AppError } from '../errors';
import { requireEngine } from '../sandbox/engine-health';
import { jobLabels } from '../sandbox/labels';
import { jobSystem } from './job-system';
import { findLearnerImage } from './learner-images';

export type RunRequest = {
  image: string;
  command?: string[];
  env?: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  lesson?: string;
};

/** Resolves what a learner may run: one of their own images, or a catalog base image. */
export async function resolveRunImage(learner: string, image: string): Promise<string> {
  const ref = await findLearnerImage(learner, image);
  if (ref) return ref;
  if (isCatalogImage(image)) return normalizeRef(image)!;
  const host = registryHost(image);
  if (host) {
    throw new AppError(
      'invalid_request',
      `Invalid request: image: "${image}" names the registry ${host}. Layerlab has no registry access: run an image you built here, or one of the base images.`,
      [{ path: 'image', message: `names the registry ${host}; run an image you built here, or a base image` }],
    );
  }
  throw new AppError('not_found', `There is no image named "${image}" yet. Build it first (with that tag), then run it.`);
}

export async function submitRun(learner: string, req: RunRequest, from: { address?: string } = {}) {
  await requireKnownLesson(req.lesson); // before anything is stored
  await requireEngine();
  const ref = await resolveRunImage(learner, req.image);
  const system = jobSystem();
  const id = system.submit(
    { learner, kind: 'run', tag: req.image, ref, lesson: req.lesson, spec: req },
    (jobId, signal) =>
      system.engine.run(
        {
          jobId,
          ref,
          command: req.command,
          env: req.env,
          entrypoint: req.entrypoint,
          user: req.user,
          workdir: req.workdir,
          labels: jobLabels(learner, jobId, 'run'),
          limits: config().limits.run,
        },
        signal,
      ),
    from,
  );
  if (req.lesson) setLastJob(learner, req.lesson, 'run', id);
  return { id };
}
