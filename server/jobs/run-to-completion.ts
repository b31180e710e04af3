import 'server-only';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { config } from '../config';
import { isAppError } from '../errors';
import { dockerEngine } from '../sandbox/docker-engine';
import type { Engine } from '../sandbox/engine';
import { jobLabels } from '../sandbox/labels';
import { learnerRef } from './learner-images';
import type { ContextFile } from '@/lib/build-context';
import { prepareBuild } from './submit-build';

/**
 * Builds and runs outside the queue, awaiting the result: for `lessons:check` and
 * lesson checks. Same policy, limits and labels as learner jobs.
 */

let counter = 0;
const internalId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export async function buildToCompletion(opts: {
  learner: string;
  files: ContextFile[];
  tag: string;
  buildArgs?: Record<string, string>;
  target?: string;
  signal?: AbortSignal;
  engine?: Engine;
}): Promise<{ done: DoneEvent; events: JobEvent[]; ref: string }> {
  const ref = learnerRef(opts.learner, opts.tag);
  const events: JobEvent[] = [];
  let prepared;
  try {
    prepared = await prepareBuild(opts.learner, opts.files);
  } catch (err) {
    if (!isAppError(err)) throw err;
    const done: DoneEvent = {
      type: 'done',
      state: 'failed',
      durationMs: 0,
      error: { code: err.code, message: err.message, line: err.issues?.[0]?.line },
    };
    return { done, events: [done], ref };
  }
  const jobId = internalId('build');
  const engine = opts.engine ?? dockerEngine();
  for await (const ev of engine.build(
    {
      jobId,
      ref,
      context: prepared.context,
      steps: prepared.steps,
      limits: config().limits.build,
      buildArgs: opts.buildArgs,
      target: opts.target,
      cacheNamespace: opts.learner,
    },
    opts.signal ?? new AbortController().signal,
  )) {
    events.push(ev);
  }
  return { done: events.at(-1) as DoneEvent, events, ref };
}

export async function runToCompletion(opts: {
  ref: string;
  learner: string;
  command?: string[];
  env?: Record<string, string>;
  signal?: AbortSignal;
  engine?: Engine;
}): Promise<{ done: DoneEvent; stdout: string; stderr: string }> {
  const jobId = internalId('run');
  const engine = opts.engine ?? dockerEngine();
  let stdout = '';
  let stderr = '';
  let done: DoneEvent | undefined;
  for await (const ev of engine.run(
    {
      jobId,
      ref: opts.ref,
      command: opts.command,
      env: opts.env,
      labels: jobLabels(opts.learner, jobId, 'run'),
      limits: config().limits.run,
    },
    opts.signal ?? new AbortController().signal,
  )) {
    if (ev.type === 'log' && ev.stream === 'stdout') stdout += ev.text;
    else if (ev.type === 'log' && ev.stream === 'stderr') stderr += ev.text;
    else if (ev.type === 'done') done = ev;
  }
  return { done: done!, stdout, stderr };
}
