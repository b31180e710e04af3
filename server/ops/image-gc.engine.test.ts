import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, openDatabase, useDatabase } from '../db/database';
import { insertJob, markFinished } from '../jobs/store';
import { packContext } from '../jobs/pack-context';
import { docker } from '../sandbox/docker';
import { jobLabels } from '../sandbox/labels';
import { stopIdleContainers } from './idle-reaper';
import { collectLearnerImages } from './image-gc';

/**
 * Clean-up against the real sandbox engine. The engine is shared with other
 * work, so every call is limited to this test's own learners.
 */

const HOUR = 3600_000;
const newLearner = () => randomBytes(12).toString('hex');
const made: string[] = [];

/** A tiny image of its own (distinct id) tagged as a learner's. */
async function learnerImage(learner: string, name: string) {
  const ref = `layerlab-${learner}/${name}:latest`;
  const context = await packContext([
    { path: 'Dockerfile', content: `FROM busybox:latest\nLABEL gc-test="${randomBytes(6).toString('hex')}"\n` },
  ]);
  const stream = await docker().buildImage(context as unknown as NodeJS.ReadableStream, { t: ref, networkmode: 'none' });
  const out = await new Promise<{ error?: string }[]>((resolve, reject) =>
    docker().modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => (err ? reject(err) : resolve(res))),
  );
  const failed = out.find((o) => o.error); // a failed build still ends with HTTP 200
  if (failed) throw new Error(`building ${ref} failed: ${failed.error}`);
  made.push(ref);
  return ref;
}

/** A finished build of `ref`, `ago` ms in the past. */
function usedAt(learner: string, ref: string, ago: number) {
  const id = `b_${randomBytes(9).toString('base64url')}`;
  insertJob({ id, learner, kind: 'build', tag: 'x', ref, spec: {} });
  markFinished(id, { type: 'done', state: 'succeeded', durationMs: 10 });
  const at = Date.now() - ago;
  db().prepare('UPDATE jobs SET created_at = ?, finished_at = ? WHERE id = ?').run(at, at, id);
}

const exists = (ref: string) =>
  docker()
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      () => false,
    );

beforeAll(() => useDatabase(openDatabase(':memory:')));
afterAll(async () => {
  for (const ref of made)
    await docker()
      .getImage(ref)
      .remove()
      .catch(() => undefined);
});

describe('learner image GC (real engine)', () => {
  it("removes an idle learner's image and keeps an active one", async () => {
    const idle = newLearner();
    const active = newLearner();
    const old = await learnerImage(idle, 'app');
    const fresh = await learnerImage(active, 'app');
    usedAt(idle, old, 10 * 24 * HOUR);
    usedAt(active, fresh, 60_000);

    const report = await collectLearnerImages({ onlyLearners: [idle, active], idleMs: 72 * HOUR, budgetBytes: 1e12, pruneDangling: false });
    expect(report.removed).toEqual([{ ref: old, learner: idle, reason: 'idle', freedBytes: expect.any(Number) }]);
    expect(report.freedBytes).toBeGreaterThan(0);
    expect(report.errors).toEqual([]);
    expect(await exists(old)).toBe(false);
    expect(await exists(fresh)).toBe(true);
  });

  it('over the disk budget, removes the least recently used first', async () => {
    const learner = newLearner();
    const older = await learnerImage(learner, 'older');
    const newer = await learnerImage(learner, 'newer');
    usedAt(learner, older, 2 * HOUR);
    usedAt(learner, newer, 60_000);
    const { Size } = await docker().getImage(newer).inspect();

    const report = await collectLearnerImages({ onlyLearners: [learner], idleMs: 72 * HOUR, budgetBytes: Size + 1, pruneDangling: false });
    expect(report.removed.map((r) => [r.ref, r.reason])).toEqual([[older, 'budget']]);
    expect(report.totalBytesAfter).toBeLessThanOrEqual(Size + 1);
    expect(await exists(newer)).toBe(true);
  });

  it('leaves images no job of this server made (another server on the same engine) alone', async () => {
    const learner = newLearner();
    const theirs = await learnerImage(learner, 'theirs');
    const report = await collectLearnerImages({
      onlyLearners: [learner],
      idleMs: 1,
      budgetBytes: 1,
      now: Date.now() + HOUR,
      pruneDangling: false,
    });
    expect(report.removed).toEqual([]);
    expect(await exists(theirs)).toBe(true);
  });

  it('never removes an image a queued or running job uses', async () => {
    const learner = newLearner();
    const ref = await learnerImage(learner, 'busy');
    insertJob({ id: `r_${randomBytes(9).toString('base64url')}`, learner, kind: 'run', tag: 'busy', ref, spec: {} });
    const report = await collectLearnerImages({
      onlyLearners: [learner],
      idleMs: 1,
      budgetBytes: 1,
      now: Date.now() + HOUR,
      pruneDangling: false,
    });
    expect(report.removed).toEqual([]);
    expect(await exists(ref)).toBe(true);
  });
});

describe('idle container stop (real engine)', () => {
  it("stops a learner's run container once they have been idle, not before", async () => {
    const learner = newLearner();
    const container = await docker().createContainer({
      Image: 'busybox:latest',
      Cmd: ['sleep', '120'],
      Labels: jobLabels(learner, 'r_gctestgctest', 'run'),
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await container.start();
      usedAt(learner, 'unused', 5 * 60_000);
      expect(await stopIdleContainers({ learner, idleMs: 30 * 60_000 })).toEqual([]);
      const stopped = await stopIdleContainers({ learner, idleMs: 60_000 });
      expect(stopped).toEqual([{ container: container.id.slice(0, 12), learner, job: 'r_gctestgctest' }]);
      expect((await container.inspect()).State.Running).toBe(false);
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  });
});
