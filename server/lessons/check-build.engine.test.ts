import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Lesson checks go through the job queue (real engine): eight learners pressing
 * "Check my work" at once, with a lesson whose check runs a CPU-burning
 * container, never have more containers running than the queue allows — and
 * the queue's running count shows the checks while they run.
 */

const MAX_CONCURRENT = 2;
const LEARNERS = Array.from({ length: 8 }, (_, i) => `chk${i}x${Date.now().toString(16)}`.slice(0, 24));

const LESSON_MD = `---
title: Busy
description: A check whose run keeps the CPU busy for a moment.
images: [busybox:latest]
checks:
  - id: busy
    title: The container counts to a large number
    hint: Keep the CMD.
    kind: run
    command: ["sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo counted $i"]
    stdoutContains: counted 100000
    exitCode: 0
---
Body.
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-check-queue-'));
  mkdirSync(path.join(dir, '01-busy', 'files'), { recursive: true });
  mkdirSync(path.join(dir, '01-busy', 'solution'), { recursive: true });
  writeFileSync(path.join(dir, '01-busy', 'lesson.md'), LESSON_MD);
  writeFileSync(path.join(dir, '01-busy', 'files', 'Dockerfile'), 'FROM busybox:latest\n');
  writeFileSync(path.join(dir, '01-busy', 'solution', 'Dockerfile'), 'FROM busybox:latest\nCMD ["true"]\n');
  process.env.LAYERLAB_LESSONS_DIR = dir;
});

afterAll(async () => {
  const { removeLearnerImages } = await import('../sandbox/remove-learner-images');
  await removeLearnerImages(LEARNERS);
  rmSync(dir, { recursive: true, force: true });
});

describe('lesson checks share the job queue (real engine)', () => {
  it(`eight simultaneous checks never run more than ${MAX_CONCURRENT} containers at once`, async () => {
    const { openDatabase, useDatabase } = await import('../db/database');
    const { replaceSingleton } = await import('../singleton');
    const { createJobSystem } = await import('../jobs/job-system');
    const { dockerEngine } = await import('../sandbox/docker-engine');
    const { submitBuild } = await import('../jobs/submit-build');
    const { subscribe } = await import('../jobs/job-log');
    const { docker } = await import('../sandbox/docker');
    const { LABEL, ownContainers } = await import('../sandbox/labels');
    const { checkBuild } = await import('./check-build');

    useDatabase(openDatabase(':memory:'));
    const system = createJobSystem(dockerEngine(), { maxConcurrent: MAX_CONCURRENT, maxQueuedPerLearner: 2, maxQueuedTotal: 100 });
    replaceSingleton('job-system', system);

    // Each learner checks a build of their own.
    const builds: string[] = [];
    for (const learner of LEARNERS) {
      const { id } = await submitBuild(learner, { files: [{ path: 'Dockerfile', content: 'FROM busybox:latest\nCMD ["true"]\n' }], tag: 'busy' });
      for await (const ev of subscribe(id, 0, AbortSignal.timeout(120_000))) if (ev.type === 'done') expect(ev.state).toBe('succeeded');
      builds.push(id);
    }

    // Watch the engine: every container this server starts, and when it dies.
    const stream = (await docker().getEvents({
      filters: { type: ['container'], event: ['start', 'die'], label: ownContainers() },
    })) as NodeJS.ReadableStream & { destroy(): void };
    let running = 0;
    let most = 0;
    let starts = 0;
    let dies = 0;
    let busiestQueue = 0;
    let allDied!: () => void;
    const died = new Promise<void>((resolve) => (allDied = resolve));
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const ev = JSON.parse(buffered.slice(0, nl)) as { Action: string; Actor?: { Attributes?: Record<string, string> } };
        buffered = buffered.slice(nl + 1);
        // Only this test's learners: another process of this checkout may share the engine.
        if (!LEARNERS.includes(ev.Actor?.Attributes?.[LABEL.learner] ?? '')) continue;
        if (ev.Action === 'start') {
          starts++;
          running++;
          most = Math.max(most, running);
          busiestQueue = Math.max(busiestQueue, system.stats().running);
        } else if (ev.Action === 'die') {
          dies++;
          running--;
          if (dies === LEARNERS.length) allDied();
        }
      }
    });

    try {
      const outcomes = await Promise.all(LEARNERS.map((learner, i) => checkBuild({ learner, slug: 'busy', buildId: builds[i] })));
      await died;
      for (const o of outcomes) expect(o.results).toEqual([expect.objectContaining({ id: 'busy', passed: true })]);
      expect(starts).toBe(LEARNERS.length);
      expect(most).toBeGreaterThanOrEqual(1);
      expect(most).toBeLessThanOrEqual(MAX_CONCURRENT);
      // While a check's container ran, the queue counted the check as running.
      expect(busiestQueue).toBeGreaterThanOrEqual(1);
      expect(busiestQueue).toBeLessThanOrEqual(MAX_CONCURRENT);
      expect(system.stats()).toMatchObject({ running: 0, queued: 0 });
    } finally {
      stream.destroy();
    }
  }, 300_000);
});
