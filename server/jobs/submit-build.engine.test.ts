import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@/lib/events';
import { config } from '../config';
import { openDatabase, useDatabase } from '../db/database';
import { getWorkspace } from '../db/workspaces';
import { AppError } from '../errors';
import { createDockerClient } from '../sandbox/docker';
import { replaceSingleton } from '../singleton';
import { subscribe } from './job-log';
import { getJob } from './store';
import { submitBuild } from './submit-build';
import { submitRun } from './submit-run';
import { removeLearnerImages } from '../sandbox/remove-learner-images';

/**
 * The job API's service layer against the real sandbox engine: the seed lesson's
 * example end to end, the policy before the daemon, and isolation between learners.
 */

const alice = `alice${Date.now().toString(16)}`.slice(0, 24);
const bob = `bob${Date.now().toString(16)}`.slice(0, 24);

const seed = {
  Dockerfile: `# Use an official Python runtime as a parent image
FROM python:3.13-slim

# Set the working directory in the container
WORKDIR /usr/src/app

# Copy the current directory contents into the container at /usr/src/app
COPY . .

# Install any needed packages specified in requirements.txt
RUN pip install --no-cache-dir -r requirements.txt

# Define environment variable
ENV NAME World

# Run app.py when the container launches
CMD ["python", "./app.py"]
`,
  'app.py': "import os\nprint(f\"Hello {os.environ.get('NAME', 'World')}\")\n",
  'requirements.txt': '# no dependencies\n',
};
const files = (o: Record<string, string>) => Object.entries(o).map(([path, content]) => ({ path, content }));

async function events(id: string) {
  const out: StoredEvent[] = [];
  for await (const e of subscribe(id, 0, AbortSignal.timeout(180_000))) out.push(e);
  return out;
}
const text = (evs: StoredEvent[], stream?: string) =>
  evs.map((e) => (e.type === 'log' && (!stream || e.stream === stream) ? e.text : '')).join('');

async function refused(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('builds and runs through the job system (real engine)', () => {
  beforeAll(() => useDatabase(openDatabase(':memory:')));
  afterAll(async () => {
    await removeLearnerImages([alice, bob]);
  });

  it("builds the seed lesson's example and its run prints Hello World", async () => {
    const { id, tag } = await submitBuild(alice, { files: files(seed), tag: 'my-python-app', lesson: 'building-your-first-docker-image' });
    expect(tag).toBe('my-python-app');
    const evs = await events(id);
    // Each BuildKit step (vertex) is announced per change; keep the first of each. ENV and CMD make no vertex.
    const steps = evs.filter(
      (e, i) => e.type === 'vertex' && !e.internal && evs.findIndex((f) => f.type === 'vertex' && f.n === e.n) === i,
    );
    expect(steps.map((s) => s.type === 'vertex' && [s.name.replace(/ .*/, ''), s.line])).toEqual([
      ['[1/4]', 2],
      ['[2/4]', 5],
      ['[3/4]', 8],
      ['[4/4]', 11],
    ]);
    expect(text(evs)).toContain('naming to docker.io/library/my-python-app:latest');
    expect(text(evs)).not.toContain(alice);
    expect(evs.at(-1)).toMatchObject({ type: 'done', state: 'succeeded', tag: 'my-python-app' });
    expect(evs.map((e) => e.id)).toEqual(evs.map((_, i) => i + 1));
    expect(getWorkspace(alice, 'building-your-first-docker-image')?.lastBuildId).toBe(id);

    const run = await submitRun(alice, { image: 'my-python-app' });
    const out = await events(run.id);
    expect(text(out, 'stdout')).toBe('Hello World\n');
    expect(out.at(-1)).toMatchObject({ type: 'done', state: 'succeeded', exitCode: 0 });

    const withEnv = await submitRun(alice, { image: 'my-python-app:latest', env: { NAME: 'Layerlab' } });
    expect(text(await events(withEnv.id), 'stdout')).toBe('Hello Layerlab\n');
  });

  it('passes --build-arg and --target to the engine (the ARG lesson, checked for real)', async () => {
    const dockerfile =
      'FROM busybox:latest AS base\nARG GREETING=hello\nRUN echo "greeting=$GREETING" > /greeting && cat /greeting\n\nFROM base AS final\nRUN echo final-ran\n';
    const { id } = await submitBuild(alice, {
      files: files({ Dockerfile: dockerfile }),
      tag: 'args',
      buildArgs: { GREETING: 'hi from the API' },
      target: 'base',
      noCache: true,
    });
    const evs = await events(id);
    expect(evs.at(-1)).toMatchObject({ type: 'done', state: 'succeeded' });
    expect(text(evs)).toContain('greeting=hi from the API\n');
    expect(text(evs)).not.toContain('final-ran');
    expect(getJob(id, alice)?.spec).toMatchObject({ buildArgs: { GREETING: 'hi from the API' }, target: 'base' });
    const run = await submitRun(alice, { image: 'args', command: ['cat', '/greeting'] });
    expect(text(await events(run.id), 'stdout')).toBe('greeting=hi from the API\n');
  });

  it('builds a cache mount through the API and shows the learner their own step, not the namespaced id', async () => {
    const { id } = await submitBuild(alice, {
      files: files({ Dockerfile: 'FROM busybox:latest\nRUN --mount=type=cache,target=/c echo mounted\n' }),
      tag: 'mount',
      noCache: true,
    });
    const evs = await events(id);
    expect(evs.at(-1)).toMatchObject({ type: 'done', state: 'succeeded' });
    expect(text(evs)).toContain('mounted\n');
    const step = evs.find((e) => e.type === 'vertex' && e.line === 2);
    // Exactly what the learner wrote (and what their own docker build prints): the namespace is a build arg, not a rewrite.
    expect(step?.type === 'vertex' && step.name).toMatch(/^\[(stage-0 )?2\/2\] RUN --mount=type=cache,target=\/c echo mounted$/);
    expect(JSON.stringify(evs)).not.toContain(alice);
  });

  it('refuses BUILDKIT_* build args from any caller (they would pick another cache namespace or fetch a frontend)', async () => {
    const err = await refused(
      submitBuild(alice, {
        files: files({ Dockerfile: 'FROM busybox:latest\n' }),
        tag: 'x',
        buildArgs: { BUILDKIT_CACHE_MOUNT_NS: `layerlab-${bob}` },
      }),
    );
    expect(err).toMatchObject({ code: 'invalid_request' });
    expect(err.message).toMatch(/buildArgs\.BUILDKIT_CACHE_MOUNT_NS: BUILDKIT_\* build args control the builder itself/);
  });

  it('refuses a remote ADD before the daemon sees it, naming the line', async () => {
    const err = await refused(
      submitBuild(alice, { files: files({ Dockerfile: 'FROM busybox:latest\n\nADD http://example.com/x /x\n' }), tag: 'x' }),
    );
    expect(err.code).toBe('dockerfile_refused');
    expect(err.issues?.[0]).toMatchObject({ line: 3 });
    expect(err.message).toMatch(/COPY/);
  });

  it('refuses FROM an image outside the catalog, listing what is available', async () => {
    const err = await refused(submitBuild(alice, { files: files({ Dockerfile: 'FROM alpine:3.19\nRUN true\n' }), tag: 'x' }));
    expect(err.code).toBe('dockerfile_refused');
    expect(err.message).toContain('python:3.13-slim');
  });

  it("lets a learner build FROM their own image but not another learner's", async () => {
    const base = await submitBuild(alice, {
      files: files({ Dockerfile: 'FROM busybox:latest\nRUN echo secret > /secret\n' }),
      tag: 'alice-base:v1',
    });
    expect((await events(base.id)).at(-1)).toMatchObject({ state: 'succeeded' });

    const own = await submitBuild(alice, { files: files({ Dockerfile: 'FROM alice-base:v1\nRUN cat /secret\n' }), tag: 'child' });
    const ownEvents = await events(own.id);
    expect(ownEvents.at(-1)).toMatchObject({ state: 'succeeded' });
    // The learner sees their own names, never the internal namespace.
    const from = ownEvents.find((e) => e.type === 'vertex' && e.line === 1);
    expect(from).toMatchObject({ instruction: 'FROM alice-base:v1', name: '[1/2] FROM docker.io/library/alice-base:v1' });
    expect(JSON.stringify(ownEvents)).not.toContain(alice);

    const err = await refused(submitBuild(bob, { files: files({ Dockerfile: 'FROM alice-base:v1\n' }), tag: 'steal' }));
    expect(err.code).toBe('dockerfile_refused');
    const runErr = await refused(submitRun(bob, { image: 'alice-base:v1' }));
    expect(runErr.code).toBe('not_found');
    expect(getJob(base.id, bob)).toBeUndefined();
    expect(getJob(base.id, alice)).toBeDefined();
  });

  it('answers 503 while the engine is unreachable and recovers when it is back', async () => {
    replaceSingleton('docker', createDockerClient({ ...config().engine, externalHost: 'unix:///nonexistent/docker.sock' }));
    try {
      const err = await refused(submitBuild(alice, { files: files({ Dockerfile: 'FROM busybox:latest\n' }), tag: 'x' }));
      expect(err.code).toBe('engine_unavailable');
      expect(err.status).toBe(503);
    } finally {
      replaceSingleton('docker', createDockerClient());
    }
    const ok = await submitBuild(alice, { files: files({ Dockerfile: 'FROM busybox:latest\n' }), tag: 'x' });
    expect((await events(ok.id)).at(-1)).toMatchObject({ state: 'succeeded' });
  });
});
