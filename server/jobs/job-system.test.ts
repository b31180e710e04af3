import { beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { db, openDatabase, useDatabase } from '../db/database';
import type { Engine } from '../sandbox/engine';
import { createJobSystem } from './job-system';
import { publish, subscribe } from './job-log';
import { getJob, insertJob } from './store';

/** A fake engine whose builds wait for a signal to finish (unit test; the real engine is tested elsewhere). */
function fakeEngine() {
  const gates = new Map<string, () => void>();
  const finished = new Set<string>();
  const engine: Engine = {
    async *build(spec, signal) {
      yield { type: 'log', text: `building ${spec.ref}\n` };
      await new Promise<void>((resolve) => {
        if (signal.aborted || finished.has(spec.jobId)) return resolve();
        gates.set(spec.jobId, resolve);
        signal.addEventListener('abort', () => resolve());
      });
      if (signal.aborted) return yield { type: 'done', state: 'cancelled', durationMs: 1 };
      yield { type: 'done', state: 'succeeded', durationMs: 1, imageId: 'sha256:x' };
    },
    async *run() {
      yield { type: 'done', state: 'succeeded', durationMs: 1, exitCode: 0 };
    },
  };
  const finish = (id: string) => {
    finished.add(id);
    gates.get(id)?.();
  };
  return { engine, finish };
}

async function collect(jobId: string, after = 0) {
  const out: StoredEvent[] = [];
  for await (const e of subscribe(jobId, after, new AbortController().signal)) out.push(e);
  return out;
}

/** Resolves when the job publishes that it runs (an event, not a poll); fails if it ends first. */
async function running(jobId: string) {
  const stop = new AbortController();
  try {
    for await (const e of subscribe(jobId, 0, stop.signal)) {
      if (e.type === 'status' && e.state === 'running') return;
      if (e.type === 'done') throw new Error(`job ${jobId} ended (${e.state}) before it ran`);
    }
    throw new Error(`job ${jobId}'s events ended before it ran`);
  } finally {
    stop.abort();
  }
}

function submitBuild(system: ReturnType<typeof createJobSystem>, learner: string) {
  return system.submit({ learner, kind: 'build', tag: 't', ref: 'r', spec: {} }, (jobId, signal) =>
    system.engine.build({ jobId, ref: 'r', context: Buffer.alloc(0), steps: [], limits: {} as never }, signal),
  );
}

describe('job system', () => {
  beforeEach(() => useDatabase(openDatabase(':memory:')));

  it('numbers, stores and replays every event; a late subscriber gets the whole log', async () => {
    const { engine, finish } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const id = submitBuild(system, 'alice');
    const live = collect(id);
    await running(id);
    finish(id);
    const events = await live;
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [1, 'status'],
      [2, 'log'],
      [3, 'done'],
    ]);
    expect(await collect(id)).toEqual(events);
    expect(await collect(id, 2)).toEqual(events.slice(2));
    expect(getJob(id)).toMatchObject({ state: 'succeeded', done: { imageId: 'sha256:x' } });
  });

  it('streams queue positions and cancels a queued job', async () => {
    const { engine, finish } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const first = submitBuild(system, 'alice');
    const second = submitBuild(system, 'bob');
    expect(system.cancel(second, 'bob', 'build')).toBe('cancelled');
    const events = await collect(second);
    expect(events.map((e) => e.type)).toEqual(['status', 'done']);
    expect(events[0]).toMatchObject({ state: 'queued', position: 1 });
    expect(events[1]).toMatchObject({ state: 'cancelled' });
    finish(first);
  });

  it('cancels a running job through its abort signal', async () => {
    const { engine } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const id = submitBuild(system, 'alice');
    await running(id);
    expect(system.cancel(id, 'alice', 'build')).toBe('cancelling');
    const events = await collect(id);
    expect(events.at(-1)).toMatchObject({ type: 'done', state: 'cancelled' });
  });

  it("refuses other learners' jobs and too many jobs per learner", () => {
    const { engine } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 1, maxQueuedTotal: 100 });
    const id = submitBuild(system, 'alice');
    expect(() => system.cancel(id, 'mallory', 'build')).toThrow(/No build/);
    submitBuild(system, 'alice');
    expect(() => submitBuild(system, 'alice')).toThrow(/already have 2 jobs/);
  });

  it('answers server_busy when the whole queue is full, without storing the refused job', () => {
    const system = createJobSystem(fakeEngine().engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 1 });
    submitBuild(system, 'l1'); // running
    submitBuild(system, 'l2'); // waiting: the queue is full
    let refused: unknown;
    try {
      submitBuild(system, 'l3');
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: 'server_busy', message: expect.stringMatching(/at capacity/) });
    expect(system.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(db().prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 2 });
  });

  it('runs lesson checks through the queue: they wait their turn, count as running and are refused like jobs', async () => {
    const { engine, finish } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 1, maxQueuedTotal: 100 });
    const build = submitBuild(system, 'alice');
    await running(build);
    let started = 0;
    let release!: () => void;
    let checkStarted!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const startedEvent = new Promise<void>((r) => (checkStarted = r));
    const check = system.check('bob', async () => {
      started++;
      checkStarted();
      await gate;
      return 'checked';
    });
    // The build holds the only slot: the check waits in the queue.
    expect(system.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(started).toBe(0);
    finish(build);
    await startedEvent;
    expect(started).toBe(1);
    expect(system.stats()).toMatchObject({ running: 1, queued: 0 });
    // Bob's check counts against his jobs: a second one waits, a third is refused.
    const second = system.check('bob', async () => 'again');
    expect(() => system.check('bob', async () => 'too many')).toThrow(/already have 2 jobs/);
    release();
    await expect(check).resolves.toBe('checked');
    await expect(second).resolves.toBe('again');
    expect(system.stats()).toMatchObject({ running: 0, queued: 0 });
    expect(db().prepare("SELECT COUNT(*) AS n FROM jobs WHERE learner = 'bob'").get()).toEqual({ n: 0 });
  });

  it('a check whose request goes away leaves the queue', async () => {
    const { engine, finish } = fakeEngine();
    const system = createJobSystem(engine, { maxConcurrent: 1, maxQueuedPerLearner: 1, maxQueuedTotal: 100 });
    const build = submitBuild(system, 'alice');
    const request = new AbortController();
    const check = system.check('bob', async () => 'never', { signal: request.signal });
    request.abort();
    await expect(check).rejects.toThrow(/cancelled/);
    expect(system.stats()).toMatchObject({ queued: 0 });
    finish(build);
  });

  it('ends jobs a previous process left running as failed, with the reason', async () => {
    insertJob({ id: 'b_interrupted0', learner: 'alice', kind: 'build', spec: {} });
    publish('b_interrupted0', { type: 'status', state: 'running' } as JobEvent);
    createJobSystem(fakeEngine().engine, { maxConcurrent: 1, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    const events = await collect('b_interrupted0');
    expect(events.at(-1)).toMatchObject({ type: 'done', state: 'failed', error: { code: 'interrupted' } });
    expect(getJob('b_interrupted0')?.state).toBe('failed');
  });
});
