import { beforeEach, describe, expect, it } from 'vitest';
import { db, openDatabase, useDatabase } from '../db/database';
import { getJob, insertJob, markFinished } from '../jobs/store';
import { checkBuild } from '../lessons/check-build';
import { trimBuildFiles } from './retention';

/** Build-file retention over a real (in-memory) database. */

const alice = 'a'.repeat(24);
const bob = 'b'.repeat(24);
const files = (n: number) => [
  { path: 'Dockerfile', content: `FROM busybox:latest\nRUN echo ${n}\n` },
  { path: 'app.py', content: 'x'.repeat(1000) },
];

function build(id: string, learner: string, at: number, finished = true) {
  insertJob({
    id,
    learner,
    kind: 'build',
    tag: 'app',
    ref: `layerlab-${learner}/app:latest`,
    lesson: 'building-your-first-docker-image',
    spec: { files: files(at), tag: 'app' },
  });
  if (finished) markFinished(id, { type: 'done', state: 'succeeded', durationMs: 1, imageId: 'sha256:x' });
  db().prepare('UPDATE jobs SET created_at = ? WHERE id = ?').run(at, id);
}

beforeEach(() => useDatabase(openDatabase(':memory:')));

describe('trimBuildFiles', () => {
  it("keeps each learner's newest builds whole and the Dockerfile of older ones", () => {
    build('b_a1', alice, 1);
    build('b_a2', alice, 2);
    build('b_a3', alice, 3);
    build('b_a4', alice, 4, false); // still running: never trimmed, and not counted
    build('b_b1', bob, 1);

    expect(trimBuildFiles(2)).toBe(1);
    expect(getJob('b_a1')?.spec).toEqual({ files: [files(1)[0]], tag: 'app', filesTrimmed: true });
    for (const id of ['b_a2', 'b_a3', 'b_a4', 'b_b1'])
      expect(getJob(id)?.spec, id).toMatchObject({ files: expect.arrayContaining([expect.objectContaining({ path: 'app.py' })]) });
    expect(trimBuildFiles(2)).toBe(0); // nothing left to trim
  });

  it('asks for a rebuild when a check names a build whose files were trimmed', async () => {
    build('b_a1', alice, 1);
    build('b_a2', alice, 2);
    trimBuildFiles(1);
    await expect(checkBuild({ learner: alice, slug: 'building-your-first-docker-image', buildId: 'b_a1' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no longer available/),
    });
  });
});
