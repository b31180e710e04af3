import 'server-only';

/**
 * A fair, in-process job queue.
 * - At most `maxConcurrent` jobs run at once, at most one per learner, and a
 *   learner may hold `1 + maxQueuedPerLearner` jobs in all.
 * - Sessions are free, so per-learner caps alone bound nothing: anonymous
 *   learners (not in a class) from one client address may hold at most
 *   `maxQueuedPerAddress` jobs together.
 * - While a class exists, learners who joined one get a reserved share
 *   (`classShare`) of the running slots and of the `maxQueuedTotal` queue
 *   places: a flood of anonymous sessions can neither take their places nor
 *   their slots. Without classes nobody could use that share, so anonymous
 *   learners get every slot and place.
 * - Waiting jobs are served round-robin: class members first, then the client
 *   address served least recently, then the learner served least recently,
 *   then first come. One address with many sessions gets its turn like any other.
 * Waiting jobs are told their position whenever it changes.
 */

export type QueuedJob = {
  id: string;
  learner: string;
  /** Client address of the request that queued it ('unknown' when there was none). */
  address?: string;
  /** The learner joined a class (with a join code). */
  member?: boolean;
  /** Runs the job; resolves when it has finished. */
  start: () => Promise<void>;
  /** Called with the 1-based position among waiting jobs whenever it changes. */
  onPosition: (position: number) => void;
};

export type QueueLimits = {
  maxConcurrent: number;
  maxQueuedPerLearner: number;
  maxQueuedTotal: number;
  maxQueuedPerAddress?: number;
  classShare?: number;
};

export class QueueFullError extends Error {
  constructor(readonly scope: 'learner' | 'address' | 'platform') {
    super(
      scope === 'learner' ? 'this learner has too many jobs' : scope === 'address' ? 'this address has too many jobs' : 'the queue is full',
    );
  }
}

type Running = { learner: string; address: string; member: boolean };

export class JobQueue {
  private running = new Map<string, Running>();
  private waiting: QueuedJob[] = [];
  private lastPositions = new Map<string, number>();
  private served = new Map<string, number>(); // 'a:<address>' / 'l:<learner>' → turn it was last served
  private turn = 0;

  /** `classesExist` says whether the class share is kept right now (job-system.ts asks the database). */
  constructor(
    private readonly limits: QueueLimits,
    private readonly classesExist: () => boolean = () => true,
  ) {}

  private get classShare() {
    return this.classesExist() ? (this.limits.classShare ?? 0) : 0;
  }

  stats() {
    return { running: this.running.size, queued: this.waiting.length, maxConcurrent: this.limits.maxConcurrent };
  }

  /** Running slots that anonymous learners may fill: the rest are kept for class members. */
  get anonymousSlots() {
    const reserved = Math.floor(this.limits.maxConcurrent * this.classShare);
    return Math.max(1, this.limits.maxConcurrent - reserved);
  }

  /** Queue places that anonymous learners may fill. */
  get anonymousPlaces() {
    const reserved = Math.floor(this.limits.maxQueuedTotal * this.classShare);
    return Math.max(1, this.limits.maxQueuedTotal - reserved);
  }

  activeFor(learner: string) {
    let n = this.waiting.filter((j) => j.learner === learner).length;
    for (const r of this.running.values()) if (r.learner === learner) n++;
    return n;
  }

  private anonymousActiveAt(address: string) {
    let n = this.waiting.filter((j) => !j.member && addr(j) === address).length;
    for (const r of this.running.values()) if (!r.member && r.address === address) n++;
    return n;
  }

  /** Why a job of this learner would be refused now, or undefined when it would be taken. */
  refusal(learner: string, who: { address?: string; member?: boolean } = {}): QueueFullError | undefined {
    if (this.activeFor(learner) >= 1 + this.limits.maxQueuedPerLearner) return new QueueFullError('learner');
    if (!who.member && this.anonymousActiveAt(who.address ?? 'unknown') >= (this.limits.maxQueuedPerAddress ?? Infinity)) {
      return new QueueFullError('address');
    }
    if (this.waiting.length >= this.limits.maxQueuedTotal) return new QueueFullError('platform');
    if (!who.member && this.waiting.filter((j) => !j.member).length >= this.anonymousPlaces) return new QueueFullError('platform');
  }

  /** Adds a job, or throws QueueFullError when the learner, its address or the queue has no room. */
  enqueue(job: QueuedJob) {
    const refused = this.refusal(job.learner, job);
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

  /** The waiting jobs in the order they will be served (as things stand). */
  private order(): QueuedJob[] {
    const last = (key: string) => this.served.get(key) ?? -1;
    return this.waiting
      .map((job, fifo) => ({ job, fifo }))
      .sort(
        (a, b) =>
          Number(!!b.job.member) - Number(!!a.job.member) ||
          (a.job.member ? 0 : last(`a:${addr(a.job)}`) - last(`a:${addr(b.job)}`)) ||
          last(`l:${a.job.learner}`) - last(`l:${b.job.learner}`) ||
          a.fifo - b.fifo,
      )
      .map((x) => x.job);
  }

  private dispatch() {
    const anonymousSlots = this.anonymousSlots;
    while (this.running.size < this.limits.maxConcurrent) {
      const busy = new Set([...this.running.values()].map((r) => r.learner));
      const anonymousRunning = [...this.running.values()].filter((r) => !r.member).length;
      const job = this.order().find((j) => !busy.has(j.learner) && (j.member || anonymousRunning < anonymousSlots));
      if (!job) break;
      this.waiting.splice(this.waiting.indexOf(job), 1);
      this.lastPositions.delete(job.id);
      this.turn++;
      this.served.set(`l:${job.learner}`, this.turn);
      if (!job.member) this.served.set(`a:${addr(job)}`, this.turn);
      if (this.served.size > 10_000) this.forgetIdle();
      this.running.set(job.id, { learner: job.learner, address: addr(job), member: !!job.member });
      void job
        .start()
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job.id);
          this.dispatch();
        });
    }
    this.order().forEach((job, i) => {
      if (this.lastPositions.get(job.id) !== i + 1) {
        this.lastPositions.set(job.id, i + 1);
        job.onPosition(i + 1);
      }
    });
  }

  /** Turn records of learners and addresses with nothing queued or running are dropped (they would sort first anyway). */
  private forgetIdle() {
    const active = new Set<string>();
    for (const j of this.waiting) active.add(`l:${j.learner}`).add(`a:${addr(j)}`);
    for (const r of this.running.values()) active.add(`l:${r.learner}`).add(`a:${r.address}`);
    for (const key of this.served.keys()) if (!active.has(key)) this.served.delete(key);
  }
}

const addr = (j: Pick<QueuedJob, 'address'>) => j.address ?? 'unknown';
