import { describe, expect, it } from 'vitest';
import { config } from '../../config';
import { packContext } from '../../jobs/pack-context';
import { docker } from '../docker';
import { dockerEngine } from '../docker-engine';
import { removeLearnerImages } from '../remove-learner-images';
import { buildCacheRecords, pruneBuildCache } from './build-cache';

/**
 * The build-cache prune against the real engine. Only this test's own records are
 * pruned (by id), so builds of other tests running at the same time keep their cache.
 */
describe('build cache prune (real engine)', () => {
  it("frees a build's cache records with /build/prune and leaves the others alone", async () => {
    const learner = `bkgc${Date.now().toString(36)}`;
    // Two MiB of fresh cache: a step that writes a file makes a cache record of its own.
    const dockerfile = `FROM busybox:latest\nRUN head -c 2097152 /dev/urandom > /blob && echo ${learner}\n`;
    const context = await packContext([{ path: 'Dockerfile', content: dockerfile }]);
    let state;
    for await (const ev of dockerEngine().build(
      {
        jobId: `bkgc-${process.pid}`,
        context,
        ref: `layerlab-${learner}/gc:latest`,
        steps: [],
        limits: config().limits.build,
        cacheNamespace: learner,
      },
      new AbortController().signal,
    ))
      if (ev.type === 'done') state = ev.state;
    expect(state).toBe('succeeded');
    // The image holds the layer; without it the record is only cache.
    await removeLearnerImages([learner]);
    const before = await buildCacheRecords(docker());
    const ours = before.filter((r) => r.Description?.includes(learner));
    expect(ours.reduce((sum, r) => sum + (r.Size ?? 0), 0)).toBeGreaterThanOrEqual(2 * 1024 * 1024);

    const pruned = await pruneBuildCache(docker(), 0, { id: ours.map((r) => r.ID) });
    expect(pruned.reclaimedBytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const after = await buildCacheRecords(docker());
    expect(after.some((r) => r.Description?.includes(learner))).toBe(false);
    const others = before.filter((r) => !ours.includes(r)).map((r) => r.ID);
    expect(after.map((r) => r.ID).filter((id) => others.includes(id)).length).toBe(others.length);
  });
});
