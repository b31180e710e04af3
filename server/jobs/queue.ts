import 'server-only';

/**
 * A fair, in-process job queue: at most `maxConcurrent` jobs run at once, at most
 * one per learner, and a learner may hold `1 + maxQueuedPerLearner` jobs in all.
 * At most `maxQueuedTotal` wait at once: anyone can open a session, so the
 * per-learner cap alone would let a script of many sessions queue without end.
 * Waiting jobs are told their position whenever it changes.
 */

export type QueuedJob = {
  id: string;
  learner: string;
  /** Runs the job; resolves when it has finished. */
  start: () => Promise<void>;
  /** Called with the 1-based position among waiting jobs whenever it changes. */
  onPosition: (position: number) => void;
};

export class QueueFullError extends Error {
  constructor(readonly scope: 'learner' | 'platform') {
    super(scope === 'learner' ? 'this learner has too many jobs' : 'the queue is full');
  }
}

export class JobQueue {
  private running = new Map<string, string>(); // job id → learner
  private waiting: QueuedJob[] = [];
  private lastPositions = new Map<string, number>();

  constructor(private readonly limits: { maxConcurrent: number; maxQueuedPerLearner: number; maxQueuedTotal: number }) {}

  stats() {
    return { running: this.running.size, queued: this.waiting.length, maxConcurrent: this.limits.maxConcurrent };
  }

  activeFor(learner: string) {
    let n = this.waiting.filter((j) => j.learner === learner).length;
    for (const l of this.running.values()) if (l === learner) n++;
    return n;
  }

  /** Why a job of this learner would be refused now, or undefined when it would be taken. */
  refusal(learner: string): QueueFullError | undefined {
    if (this.activeFor(learner) >= 1 + this.limits.maxQueuedPerLearner) return new QueueFullError('learner');
    if (this.waiting.length >= this.limits.maxQueuedTotal) return new QueueFullError('platform');
  }

  /** Adds a job, or throws QueueFullError when the learner already has too many, or the queue is full. */
  enqueue(job: QueuedJob) {
    const refused = this.refusal(job.learner);
    if (refused) throw refused;
    this.waiting.push(job);
    this.dispatch();
  }

  /** Removes a waiting job; false if it is not waiting (running or unknown). */
  remove(id: string): boolean {
    const i = this.waiting.findIndex((j) => j.id === id);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    this.lastPositions.delete(id);
    this.dispatch();
    return true;
  }

  private busyLearners() {
    return new Set(this.running.values());
  }

  private dispatch() {
    while (this.running.size < this.limits.maxConcurrent) {
      const busy = this.busyLearners();
      const i = this.waiting.findIndex((j) => !busy.has(j.learner));
      if (i < 0) break;
      const [job] = this.waiting.splice(i, 1);
      this.lastPositions.delete(job.id);
      this.running.set(job.id, job.learner);
      void job
        .start()
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job.id);
          this.dispatch();
        });
    }
    this.waiting.forEach((job, i) => {
      if (this.lastPositions.get(job.id) !== i + 1) {
        this.lastPositions.set(job.id, i + 1);
        job.onPosition(i + 1);
      }
    });
  }
}
