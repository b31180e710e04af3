import 'server-only';
import { randomBytes } from 'node:crypto';
import type { JobEvent, JobKind } from '@/lib/events';
import { config } from '../config';
import { AppError } from '../errors';
import { log } from '../log';
import { dockerEngine } from '../sandbox/docker-engine';
import type { Engine } from '../sandbox/engine';
import { singleton } from '../singleton';
import { classCounts, membership } from '../db/classes';
import { countRefusal } from '../net/refusals';
import { publish } from './job-log';
import { JobQueue, type QueueFullError, type QueueLimits } from './queue';
import { getJob, insertJob, markRunning, unfinishedJobs, type JobRecord } from './store';

/**
 * Runs jobs: stores each, queues it, streams the engine's events into its log,
 * and cancels on request. One per process.
 */

export type JobSystem = ReturnType<typeof createJobSystem>;

export function createJobSystem(engine: Engine, limits: QueueLimits = config().queue) {
  // The class share is kept only while a class exists: a server without classes lends every slot to anonymous learners.
  const queue = new JobQueue(limits, () => classCounts().classes > 0);
  const controllers = new Map<string, AbortController>();

  recoverInterrupted();

  async function execute(id: string, events: (signal: AbortSignal) => AsyncIterable<JobEvent>) {
    const controller = controllers.get(id) ?? new AbortController();
    controllers.set(id, controller);
    markRunning(id);
    publish(id, { type: 'status', state: 'running' });
    let finished = false;
    try {
      for await (const ev of events(controller.signal)) {
        publish(id, ev);
        if (ev.type === 'done') finished = true;
      }
    } catch (err) {
      log.error('job crashed', { job: id, error: err instanceof Error ? err.stack : String(err) });
    } finally {
      controllers.delete(id);
      if (!finished) {
        publish(id, {
          type: 'done',
          state: 'failed',
          durationMs: 0,
          error: { code: 'internal', message: 'The job stopped unexpectedly. It has been logged; please try again.' },
        });
      }
    }
  }

  return {
    engine,
    stats: () => queue.stats(),
    /** A job of this process that is queued or running. */
    isActive: (id: string) => controllers.has(id),

    submit(
      job: Pick<JobRecord, 'learner' | 'kind' | 'tag' | 'ref' | 'lesson' | 'spec'>,
      events: (id: string, signal: AbortSignal) => AsyncIterable<JobEvent>,
      /** The client address that asked (server/net/client-address.ts); jobs without one share the address 'unknown'. */
      from: { address?: string } = {},
    ): string {
      const id = newJobId(job.kind);
      const who = { address: from.address ?? 'unknown', member: !!membership(job.learner) };
      // Checked before the job is stored; enqueue() below runs in the same tick, so it cannot refuse.
      const refused = queue.refusal(job.learner, who);
      if (refused) throw queueFull(refused, limits, queue.stats().running);
      insertJob({ ...job, id });
      controllers.set(id, new AbortController());
      queue.enqueue({
        id,
        learner: job.learner,
        ...who,
        start: () => execute(id, (signal) => events(id, signal)),
        onPosition: (position) => publish(id, { type: 'status', state: 'queued', position }),
      });
      log.info('job queued', { job: id, kind: job.kind, learner: job.learner });
      return id;
    },

    /**
     * A lesson check: work that starts containers (and rebuilds) without being a
     * build or run of its own. It waits in the same queue under the same limits,
     * counts as running in stats() while it runs, and is not stored: its result
     * is the caller's. Aborting `signal` takes it out of the queue or aborts it.
     */
    check<T>(
      learner: string,
      work: (signal: AbortSignal) => Promise<T>,
      opts: { signal?: AbortSignal; address?: string } = {},
    ): Promise<T> {
      const { signal } = opts;
      const who = { address: opts.address ?? 'unknown', member: !!membership(learner) };
      const refused = queue.refusal(learner, who);
      if (refused) throw queueFull(refused, limits, queue.stats().running);
      const id = newJobId('check');
      const controller = new AbortController();
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          if (queue.remove(id)) reject(new AppError('conflict', 'The check was cancelled before it started.'));
          else controller.abort();
        };
        if (signal?.aborted) return reject(new AppError('conflict', 'The check was cancelled before it started.'));
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.enqueue({
          id,
          learner,
          ...who,
          start: async () => {
            try {
              resolve(await work(controller.signal));
            } catch (err) {
              reject(err);
            } finally {
              signal?.removeEventListener('abort', onAbort);
            }
          },
          onPosition: () => undefined,
        });
        log.info('job queued', { job: id, kind: 'check', learner });
      });
    },

    /** Cancels a learner's queued or running job; returns its state afterwards. */
    cancel(id: string, learner: string, kind: JobKind) {
      const job = getJob(id, learner);
      if (!job || job.kind !== kind) throw new AppError('not_found', `No ${kind} with id ${id}.`);
      if (job.done) return job.state;
      if (queue.remove(id)) {
        controllers.delete(id);
        publish(id, { type: 'done', state: 'cancelled', durationMs: Date.now() - job.createdAt });
        return 'cancelled';
      }
      controllers.get(id)?.abort();
      return 'cancelling';
    },
  };
}

function queueFull(err: QueueFullError, limits: QueueLimits, running: number) {
  countRefusal(err.scope === 'platform' ? 'queue_full' : err.scope === 'address' ? 'queue_address' : 'queue_learner');
  if (err.scope === 'platform') {
    log.warn('queue full: job refused', { maxQueuedTotal: limits.maxQueuedTotal, running });
    return new AppError('server_busy', 'Layerlab is at capacity right now: too many jobs are waiting. Try again in 60 s.', undefined, 60);
  }
  if (err.scope === 'address') {
    log.warn('address queue cap: job refused', { maxQueuedPerAddress: limits.maxQueuedPerAddress });
    return new AppError(
      'too_many_jobs',
      `Your network already has ${limits.maxQueuedPerAddress} jobs running or waiting. Try again in 30 s, or join your class with its code.`,
      undefined,
      30,
    );
  }
  return new AppError(
    'too_many_jobs',
    `You already have ${1 + limits.maxQueuedPerLearner} jobs running or waiting. Wait for one to finish, or stop it.`,
    undefined,
    10,
  );
}

function newJobId(kind: JobKind | 'check') {
  return `${kind.charAt(0)}_${randomBytes(9).toString('base64url')}`;
}

/** Jobs a previous process left unfinished end as failed, with the reason. */
function recoverInterrupted() {
  for (const job of unfinishedJobs()) {
    publish(job.id, {
      type: 'done',
      state: 'failed',
      durationMs: 0,
      error: { code: 'interrupted', message: 'The server restarted while this job was running. Please start it again.' },
    });
  }
}

export function jobSystem(): JobSystem {
  return singleton('job-system', () => createJobSystem(dockerEngine()));
}
