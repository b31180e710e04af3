import { describe, expect, it } from 'vitest';
import { JobQueue, QueueFullError } from './queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function job(id: string, learner: string, log: string[], positions: Record<string, number[]> = {}) {
  const d = deferred();
  return {
    finish: d.resolve,
    spec: {
      id,
      learner,
      start: () => {
        log.push(id);
        return d.promise;
      },
      onPosition: (p: number) => (positions[id] ??= []).push(p),
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('JobQueue', () => {
  it('runs at most maxConcurrent jobs and reports positions of the rest', async () => {
    const started: string[] = [];
    const positions: Record<string, number[]> = {};
    const q = new JobQueue({ maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const a = job('a', 'l1', started, positions);
    const b = job('b', 'l2', started, positions);
    const c = job('c', 'l3', started, positions);
    q.enqueue(a.spec);
    q.enqueue(b.spec);
    q.enqueue(c.spec);
    expect(started).toEqual(['a']);
    expect(positions).toEqual({ b: [1], c: [2] });
    a.finish();
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(positions.c).toEqual([2, 1]);
  });

  it('runs one job per learner at a time, letting other learners pass', async () => {
    const started: string[] = [];
    const q = new JobQueue({ maxConcurrent: 2, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const a1 = job('a1', 'alice', started);
    q.enqueue(a1.spec);
    q.enqueue(job('a2', 'alice', started).spec);
    q.enqueue(job('b1', 'bob', started).spec);
    expect(started).toEqual(['a1', 'b1']);
    a1.finish();
    await tick();
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('refuses a learner beyond 1 running + N queued', () => {
    const q = new JobQueue({ maxConcurrent: 4, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    for (const id of ['1', '2', '3']) q.enqueue(job(id, 'alice', []).spec);
    expect(() => q.enqueue(job('4', 'alice', []).spec)).toThrow(QueueFullError);
    expect(() => q.enqueue(job('5', 'bob', []).spec)).not.toThrow();
  });

  it('refuses anyone once maxQueuedTotal jobs wait, and takes jobs again as the queue drains', () => {
    const q = new JobQueue({ maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 2 });
    q.enqueue(job('run', 'l0', []).spec); // starts at once, never resolves
    q.enqueue(job('w1', 'l1', []).spec);
    q.enqueue(job('w2', 'l2', []).spec);
    expect(q.refusal('l3')).toMatchObject({ scope: 'platform' });
    expect(() => q.enqueue(job('w3', 'l3', []).spec)).toThrow(QueueFullError);
    expect(q.stats()).toMatchObject({ running: 1, queued: 2 });
    q.remove('w1');
    expect(q.refusal('l3')).toBeUndefined();
    expect(() => q.enqueue(job('w3', 'l3', []).spec)).not.toThrow();
  });

  it('removes a waiting job but not a running one', () => {
    const started: string[] = [];
    const q = new JobQueue({ maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    q.enqueue(job('a', 'l1', started).spec);
    q.enqueue(job('b', 'l2', started).spec);
    expect(q.remove('a')).toBe(false);
    expect(q.remove('b')).toBe(true);
    expect(q.stats()).toEqual({ running: 1, queued: 0, maxConcurrent: 1 });
  });
});
