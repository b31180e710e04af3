import { describe, expect, it } from 'vitest';
import { docker } from './docker';
import { jobLabels, LABEL } from './labels';
import { reapLeftovers } from './reaper';

/** Real engine: containers left by jobs that no longer run are removed; active ones stay. */
describe('reapLeftovers', () => {
  it("removes a dead job's container and keeps an active job's", async () => {
    const make = (job: string) =>
      docker().createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: jobLabels('reaper-test', job, 'run') });
    const dead = await make(`dead-${Date.now()}`);
    const alive = await make(`alive-${Date.now()}`);
    const aliveJob = (await alive.inspect()).Config.Labels['layerlab.job'];
    try {
      // Only this test's learner: other test files' containers (shells have no job) share the engine.
      await reapLeftovers((id) => id === aliveJob || !id.startsWith('dead-'), { learner: 'reaper-test' });
      await expect(dead.inspect()).rejects.toMatchObject({ statusCode: 404 });
      await expect(alive.inspect()).resolves.toBeTruthy();
    } finally {
      await alive.remove({ force: true }).catch(() => undefined);
      await dead.remove({ force: true }).catch(() => undefined);
    }
  });

  it("leaves another server's containers alone, even for jobs it does not know", async () => {
    const job = `dead-${Date.now()}-other`;
    const theirs = await docker().createContainer({
      Image: 'busybox:latest',
      Cmd: ['true'],
      Labels: { ...jobLabels('reaper-test', job, 'run'), [LABEL.owner]: 'another-server' },
    });
    try {
      await reapLeftovers((id) => !id.startsWith('dead-'), { learner: 'reaper-test' });
      await expect(theirs.inspect()).resolves.toBeTruthy();
    } finally {
      await theirs.remove({ force: true }).catch(() => undefined);
    }
  });
});
