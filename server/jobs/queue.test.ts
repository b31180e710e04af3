import { describe, expect, it } from 'vitest';
import { JobQueue, QueueFullError } from './queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function job(
  id: string,
  learner: string,
  log: string[],
  positions: Record<string, number[]> = {},
  who: { address?: string; member?: boolean } = {},
) {
  const d = deferred();
  return {
    finish: d.resolve,
    spec: {
      id,
      learner,
      ...who,
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

  describe('fairness against floods of fresh sessions', () => {
    const limits = { maxConcurrent: 4, maxQueuedPerLearner: 2, maxQueuedTotal: 40, maxQueuedPerAddress: 12, classShare: 0.75 };

    it('caps the jobs anonymous learners from one address may hold, whatever their number of sessions', () => {
      const q = new JobQueue({ ...limits, classShare: 0 });
      let refused = 0;
      for (let s = 0; s < 70; s++) {
        for (let k = 0; k < 3; k++) {
          try {
            q.enqueue(job(`f${s}-${k}`, `flood${s}`, [], {}, { address: '203.0.113.9' }).spec);
          } catch (err) {
            expect(err).toMatchObject({ scope: 'address' });
            refused++;
          }
        }
      }
      expect(refused).toBe(210 - 12);
      // Another address is still served at once.
      expect(q.refusal('alice', { address: '192.0.2.1' })).toBeUndefined();
    });

    it('keeps running slots and queue places for class members that anonymous floods cannot take', () => {
      const started: string[] = [];
      const q = new JobQueue(limits);
      // Many addresses (a botnet, or a proxy nobody configured as trusted): each stays under its cap.
      for (let s = 0; s < 60; s++) {
        try {
          q.enqueue(job(`f${s}`, `flood${s}`, started, {}, { address: `198.51.100.${s}` }).spec);
        } catch (err) {
          expect(err).toMatchObject({ scope: 'platform' });
        }
      }
      expect(started).toHaveLength(1); // 4 slots, 3 of them kept for the class
      expect(q.stats().queued).toBe(10); // 40 places, 30 of them kept for the class
      expect(q.refusal('anon', { address: '192.0.2.1' })).toMatchObject({ scope: 'platform' });
      expect(q.refusal('member', { address: '192.0.2.1', member: true })).toBeUndefined();
      for (const m of ['m1', 'm2', 'm3']) q.enqueue(job(m, m, started, {}, { member: true, address: '192.0.2.1' }).spec);
      expect(started).toEqual(['f0', 'm1', 'm2', 'm3']);
      // A fourth member waits at the head of the queue, ahead of every anonymous job.
      const positions: Record<string, number[]> = {};
      q.enqueue(job('m4', 'm4', started, positions, { member: true }).spec);
      expect(positions.m4).toEqual([1]);
    });

    it('lends the class share to anonymous learners while no class exists, and keeps it once one does', () => {
      const started: string[] = [];
      let classes = false;
      const q = new JobQueue({ ...limits, maxConcurrent: 2, maxQueuedTotal: 8 }, () => classes);
      for (const id of ['a1', 'a2', 'a3']) q.enqueue(job(id, id, started, {}, { address: `198.51.100.${id}` }).spec);
      expect(started).toEqual(['a1', 'a2']); // both slots, not 1 of 2
      expect(q.anonymousPlaces).toBe(8);
      // An instructor creates a class: new anonymous jobs meet the reserved share again.
      classes = true;
      expect(q.anonymousSlots).toBe(1);
      expect(q.anonymousPlaces).toBe(2);
      q.enqueue(job('a4', 'a4', started, {}, { address: '198.51.100.4' }).spec);
      expect(q.refusal('a5', { address: '198.51.100.5' })).toMatchObject({ scope: 'platform' });
      expect(q.refusal('m', { address: '198.51.100.5', member: true })).toBeUndefined();
    });

    it('serves addresses round-robin: one address with many sessions does not go first twice in a row', async () => {
      const started: string[] = [];
      const q = new JobQueue({ ...limits, maxConcurrent: 1, classShare: 0 });
      const first = job('x0', 'x0', started, {}, { address: '203.0.113.9' });
      q.enqueue(first.spec);
      const rest = ['x1', 'x2', 'x3'].map((id) => job(id, id, started, {}, { address: '203.0.113.9' }));
      for (const j of rest) q.enqueue(j.spec);
      const other = job('y', 'y', started, {}, { address: '192.0.2.1' });
      q.enqueue(other.spec);
      first.finish();
      await tick();
      expect(started).toEqual(['x0', 'y']);
    });
  });
});
