import 'server-only';
import type { ContextFile } from '@/lib/build-context';
import { buildOptionsSchema } from '@/lib/build-options';
import type { JobEvent } from '@/lib/events';
import { catalogRefs, isCatalogImage } from '@/lib/image-catalog';
import { parseImageRef } from '@/lib/image-ref';
import { assertBuildAllowed } from '../classroom/build-gate';
import { config } from '../config';
import { getWorkspace, setLastJob } from '../db/workspaces';
import { requireKnownLesson } from '../lessons/known-lesson';
import { ensureRoom } from '../ops/storage-quota';
import { AppError } from '../errors';
import { requireEngine } from '../sandbox/engine-health';
import { learnerImagePrefix } from '../sandbox/learner-namespace';
import { applyDockerignore } from './dockerignore';
import { checkDockerfile } from './dockerfile-policy';
import { jobSystem } from './job-system';
import type { BuildSpec } from './job-spec';
import { findLearnerImage, learnerRef } from './learner-images';
import { packContext } from './pack-context';

export type BuildRequest = {
  files: ContextFile[];
  tag: string;
  lesson?: string;
  noCache?: boolean;
  buildArgs?: Record<string, string>;
  target?: string;
};

/**
 * Checks a learner's build context against the sandbox policy, then queues the
 * build. Refusals (remote ADD, foreign FROM, BuildKit syntax) never reach the daemon.
 */
export async function prepareBuild(learner: string, files: ContextFile[], buildArgs?: Record<string, string>) {
  const dockerfile = files.find((f) => f.path === 'Dockerfile');
  if (!dockerfile) throw new AppError('invalid_request', 'The build context needs a file named Dockerfile.');
  // First pass: learn which learner images the Dockerfile names; then look up just those.
  const named = new Set<string>();
  const check = (own: Map<string, string>) =>
    checkDockerfile(dockerfile.content, {
      isAllowedBase: isCatalogImage,
      learnerImage: (ref) => {
        const parsed = parseImageRef(ref);
        if (!parsed) return undefined;
        const key = `${parsed.name}:${parsed.tag}`;
        named.add(key);
        return own.get(key);
      },
      allowedBases: catalogRefs(),
      buildArgs,
    });
  let policy = check(new Map());
  if (!policy.ok && named.size) {
    const own = new Map<string, string>();
    for (const key of named) {
      const ref = await findLearnerImage(learner, key);
      if (ref) own.set(key, ref);
    }
    if (own.size) policy = check(own);
  }
  if (!policy.ok) {
    const [first] = policy.errors;
    throw new AppError(
      'dockerfile_refused',
      `Dockerfile line ${first.line}: ${first.message}`,
      policy.errors.map((e) => ({ path: 'Dockerfile', line: e.line, message: e.message })),
    );
  }
  const sent = applyDockerignore(files).map((f) => (f === dockerfile ? { ...f, content: policy.dockerfile } : f));
  const context = await packContext(sent);
  return {
    context,
    steps: policy.steps.map((s) => ({ index: s.index, line: s.line, instruction: s.instruction })),
    notes: policy.notes,
  };
}

/**
 * The engine prints internal names (`naming to docker.io/layerlab-<id>/app:latest`,
 * `FROM docker.io/layerlab-<id>/base:v1`); the learner sees their own, as Docker on
 * their laptop would print them (`docker.io/library/app:latest`).
 */
async function* asLearnerSees(learner: string, tag: string, events: AsyncIterable<JobEvent>): AsyncIterable<JobEvent> {
  const internal = learnerImagePrefix(learner);
  const own = (text: string) =>
    text.includes(internal) ? text.replaceAll(`docker.io/${internal}`, 'docker.io/library/').replaceAll(internal, '') : text;
  for await (const ev of events) {
    if (ev.type === 'log') yield { ...ev, text: own(ev.text) };
    else if (ev.type === 'vertex') yield { ...ev, name: own(ev.name), ...(ev.error && { error: own(ev.error) }) };
    else if (ev.type === 'done' && ev.state === 'succeeded') yield { ...ev, tag };
    else if (ev.type === 'done' && ev.error) yield { ...ev, error: { ...ev.error, message: own(ev.error.message) } };
    else yield ev;
  }
}

/** The policy's notes (e.g. that `# syntax=` was not fetched) open the build's log. */
async function* withNotes(notes: string[], events: AsyncIterable<JobEvent>): AsyncIterable<JobEvent> {
  for (const text of notes) yield { type: 'log', stream: 'system', text: `${text}\n` };
  yield* events;
}

/** Build args and target, checked here whatever the caller (route, terminal): BUILDKIT_* args never reach the engine. */
function checkBuildOptions(req: BuildRequest) {
  const r = buildOptionsSchema.safeParse({ buildArgs: req.buildArgs, target: req.target });
  if (r.success) return;
  const [first] = r.error.issues;
  throw new AppError('invalid_request', `Invalid request: ${first.path.join('.')}: ${first.message}`);
}

export async function submitBuild(learner: string, req: BuildRequest, from: { address?: string } = {}) {
  checkBuildOptions(req);
  await requireKnownLesson(req.lesson); // before anything is stored
  assertBuildAllowed(learner); // the learner's class may have paused builds or used its build slots
  await requireEngine();
  const { context, steps, notes } = await prepareBuild(learner, req.files, req.buildArgs);
  const specBytes = Buffer.byteLength(JSON.stringify({ files: req.files, tag: req.tag }));
  ensureRoom(learner, specBytes + (req.lesson && !getWorkspace(learner, req.lesson) ? specBytes : 0));
  const ref = learnerRef(learner, req.tag);
  const system = jobSystem();
  const id = system.submit(
    {
      learner,
      kind: 'build',
      tag: req.tag,
      ref,
      lesson: req.lesson,
      spec: {
        files: req.files,
        tag: req.tag,
        ...(req.buildArgs && { buildArgs: req.buildArgs }),
        ...(req.target && { target: req.target }),
      } satisfies BuildSpec,
    },
    (jobId, signal) =>
      withNotes(
        notes,
        asLearnerSees(
          learner,
          req.tag,
          system.engine.build(
            {
              jobId,
              context,
              ref,
              steps,
              limits: config().limits.build,
              noCache: req.noCache,
              buildArgs: req.buildArgs,
              target: req.target,
              cacheNamespace: learner,
            },
            signal,
          ),
        ),
      ),
    from,
  );
  if (req.lesson) setLastJob(learner, req.lesson, 'build', id, req.files, req.tag);
  return { id, tag: req.tag };
}
