import 'server-only';
import type { JobEvent } from '@/lib/events';
import type { Limits } from '../config';
import type { StepLine } from './buildkit/stage-plan';

/**
 * The engine behind a small interface: the job system only ever calls these two
 * methods, so unit tests can pass a fake while integration tests use the real daemon.
 * Both yield typed events and always finish with exactly one `done` event.
 */

export type BuildSpec = {
  jobId: string;
  /** A tar of the build context (Dockerfile already checked and rewritten by the policy). */
  context: Buffer;
  /** The internal, learner-namespaced image reference. */
  ref: string;
  steps: StepLine[];
  limits: Limits['build'];
  noCache?: boolean;
  /** `docker build --build-arg NAME=value` (validated; never `BUILDKIT_*`). */
  buildArgs?: Record<string, string>;
  /** `docker build --target STAGE`. */
  target?: string;
  /** Whose `RUN --mount=type=cache` data this build may see (the learner's id). */
  cacheNamespace?: string;
};

export type RunSpec = {
  jobId: string;
  ref: string;
  command?: string[];
  env?: Record<string, string>;
  /** `--entrypoint`: replaces the image's ENTRYPOINT (and, as in Docker, drops its CMD). */
  entrypoint?: string;
  /** `--user` */
  user?: string;
  /** `--workdir` */
  workdir?: string;
  labels: Record<string, string>;
  limits: Limits['run'];
};

export interface Engine {
  build(spec: BuildSpec, signal: AbortSignal): AsyncIterable<JobEvent>;
  run(spec: RunSpec, signal: AbortSignal): AsyncIterable<JobEvent>;
}
