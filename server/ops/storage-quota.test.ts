import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import type { ContextFile } from '@/lib/build-context';
// Before anything reads the configuration: a small quota keeps the test quick.
process.env.LAYERLAB_LEARNER_STORAGE_MB = '2';
process.env.LAYERLAB_WORKSPACE_TTL_DAYS = '30';

const { openDatabase, useDatabase, db } = await import('../db/database');
const { insertClass, addMember } = await import('../db/class-store');
const { getWorkspace, saveWorkspace } = await import('../db/workspaces');
const workspaceRoute = await import('@/app/api/workspaces/[lesson]/route');
const { submitBuild } = await import('../jobs/submit-build');
const { submitRun } = await import('../jobs/submit-run');
const { expireWorkspaces } = await import('./storage-quota');
const { ctx, learnerCookie, request } = await import('../auth/test-requests');

/** Storage one learner (anonymous sessions cost nothing) can make the server keep: bounded, expiring, refused clearly. */

const LESSONS = [
  'building-your-first-docker-image',
  'layers-and-the-build-cache',
  'dockerignore-and-the-build-context',
  'cmd-vs-entrypoint',
  'arg-and-env',
  'multi-stage-builds',
  'non-root-user-and-healthcheck',
  'best-practices',
];
const learner = 'c3'.repeat(12);
// ~1 MiB of files per save: four files of 250 KiB.
const bigFiles = (seed: string) => [0, 1, 2, 3].map((i) => ({ path: `data-${i}.txt`, content: `${seed}-${i}-`.padEnd(250 * 1024, 'x') }));

const put = (lesson: string, files: ContextFile[], who = learner) =>
  workspaceRoute.PUT(request('PUT', `/api/workspaces/${lesson}`, { files, tag: 'x' }, { cookie: learnerCookie(who) }), ctx({ lesson }));

const dbBytes = () => {
  const d = db();
  return (d.pragma('page_count', { simple: true }) as number) * (d.pragma('page_size', { simple: true }) as number);
};

describe('bounded storage', () => {
  let file: string;
  beforeEach(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-quota-')), 'db.sqlite');
    useDatabase(openDatabase(file));
  });

  it('many saves by one session grow the database by at most its quota; a full quota refuses clearly and loses nothing', async () => {
    const before = dbBytes();
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const lesson of LESSONS) statuses.push((await put(lesson, bigFiles(`${round}-${lesson}`))).status);
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]); // two workspaces of 1 MiB fit in 2 MiB
    const refused = await put(LESSONS[2], bigFiles('again'));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({
      error: 'quota_exceeded',
      message: expect.stringMatching(/2 MiB limit.*everything saved before is kept/),
    });
    // Saved work is intact, and replacing a saved workspace with one of the same size still works.
    expect(getWorkspace(learner, LESSONS[0])?.files[0].content.startsWith('4-')).toBe(true);
    expect((await put(LESSONS[0], bigFiles('replaced'))).status).toBe(200);
    const grown = dbBytes() - before;
    expect(grown).toBeLessThan(2 * 1024 * 1024 * 1.25); // the quota plus SQLite's page overhead
    console.log(`40 saves of ~1 MiB by one session grew the database by ${(grown / 1024 / 1024).toFixed(2)} MiB (quota 2 MiB)`);
  });

  it("counts job logs too, and makes room from the learner's own old logs before refusing", async () => {
    const { insertJob } = await import('../jobs/store');
    const { ensureRoom } = await import('./storage-quota');
    const insertEvent = db().prepare('INSERT INTO job_events (job_id, seq, data) VALUES (?, ?, ?)');
    for (let j = 0; j < 8; j++) {
      const id = `b_quotalogs${String(j).padStart(3, '0')}`;
      insertJob({ id, learner, kind: 'build', spec: {} });
      db()
        .prepare('UPDATE jobs SET finished_at = ?, created_at = ? WHERE id = ?')
        .run(Date.now(), Date.now() + j, id);
      insertEvent.run(id, 1, JSON.stringify({ type: 'log', text: 'y'.repeat(256 * 1024) }));
    }
    const { learnerStorageBytes } = await import('../db/learner-storage');
    expect(learnerStorageBytes(learner)).toBeGreaterThan(2 * 1024 * 1024);
    ensureRoom(learner, 512 * 1024); // 512 KiB more fits once older logs go
    expect(learnerStorageBytes(learner) + 512 * 1024).toBeLessThanOrEqual(2 * 1024 * 1024);
    // The newest five logs were kept.
    expect(db().prepare("SELECT COUNT(*) AS n FROM job_events WHERE job_id = 'b_quotalogs007'").get()).toEqual({ n: 1 });
  });

  it('a build or run naming an unknown lesson is refused (400 naming the field) and stores nothing', async () => {
    const files = [{ path: 'Dockerfile', content: 'FROM busybox:latest\n' }];
    const build = await submitBuild(learner, { files, tag: 'x', lesson: 'no-such-lesson' }).catch((e) => e);
    expect(build).toMatchObject({ code: 'invalid_request', issues: [{ path: 'lesson' }] });
    const run = await submitRun(learner, { image: 'busybox', lesson: 'no-such-lesson' }).catch((e) => e);
    expect(run).toMatchObject({ code: 'invalid_request', issues: [{ path: 'lesson' }] });
    expect(db().prepare('SELECT (SELECT COUNT(*) FROM jobs) + (SELECT COUNT(*) FROM workspaces) AS n').get()).toEqual({ n: 0 });
  });

  it("anonymous learners' unused workspaces expire after LAYERLAB_WORKSPACE_TTL_DAYS; class members' are kept", () => {
    const member = 'd4'.repeat(12);
    const fresh = 'e5'.repeat(12);
    const cls = insertClass('Period 1', 'ABCDEF');
    addMember(cls.id, member, 'Ada');
    for (const who of [learner, member, fresh]) saveWorkspace(who, LESSONS[0], { files: bigFiles(who), tag: 'x' });
    const old = Date.now() - 31 * 86_400_000;
    db().prepare('UPDATE workspaces SET updated_at = ? WHERE learner IN (?, ?)').run(old, learner, member);
    expect(expireWorkspaces()).toMatchObject({ workspaces: 1 });
    expect(getWorkspace(learner, LESSONS[0])).toBeUndefined();
    expect(getWorkspace(member, LESSONS[0])).toBeDefined();
    expect(getWorkspace(fresh, LESSONS[0])).toBeDefined();
  });
});
