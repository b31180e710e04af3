import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { config } from '../config';
import { packContext } from '../jobs/pack-context';
import { docker } from './docker';
import { setBuildStepLimits } from './daemon';
import { dockerEngine } from './docker-engine';
import { LABEL } from './labels';
import { removeLearnerImages } from './remove-learner-images';

/**
 * Integration tests against the real sandbox engine (no mocks): each class of
 * hostile build or run is contained with a clear message, and the engine stays healthy.
 */

const engine = dockerEngine();
const LEARNER = 'engine-test';
const base = config().limits;
const buildLimits = { ...base.build, timeoutMs: 20_000, logBytes: 64 * 1024, imageMaxBytes: 48 * 1024 * 1024 };
const runLimits = { ...base.run, timeoutMs: 5_000, outputBytes: 32 * 1024 };
let n = 0;

// Without the cache by default: a cached step prints nothing, and the engine keeps its cache from earlier
// runs of this file, so a test reading a step's output passed only on a fresh engine.
async function build(dockerfile: string, limits = buildLimits, noCache = true) {
  const jobId = `enginetest-${process.pid}-${++n}`;
  const ref = `layerlab-${LEARNER}/t${n}:latest`;
  const events: JobEvent[] = [];
  const context = await packContext([{ path: 'Dockerfile', content: dockerfile }]);
  for await (const ev of engine.build({ jobId, context, ref, steps: [], limits, noCache }, new AbortController().signal)) {
    events.push(ev);
  }
  const done = events.at(-1) as DoneEvent;
  const log = events.map((e) => (e.type === 'log' ? e.text : '')).join('');
  return { done, log, ref, events };
}

async function run(
  ref: string,
  command?: string[],
  limits = runLimits,
  signal = new AbortController().signal,
  onEvent?: (ev: JobEvent) => unknown,
) {
  const events: JobEvent[] = [];
  for await (const ev of engine.run(
    { jobId: `enginetest-run-${++n}`, ref, command, labels: { [LABEL.managed]: 'true' }, limits },
    signal,
  )) {
    events.push(ev);
    await onEvent?.(ev);
  }
  const text = (s: string) => events.map((e) => (e.type === 'log' && e.stream === s ? e.text : '')).join('');
  return { done: events.at(-1) as DoneEvent, stdout: text('stdout'), stderr: text('stderr'), events };
}

async function expectHealthy() {
  expect(String(await docker().ping())).toBe('OK');
  const ok = await build('FROM busybox:latest\nRUN echo still-works\n', buildLimits, true);
  expect(ok.done.state).toBe('succeeded');
  expect(ok.log).toContain('still-works');
}

describe('docker engine (real sandbox daemon)', () => {
  let hello: string;

  beforeAll(async () => {
    const b = await build('FROM busybox:latest\nCMD ["sh", "-c", "echo Hello World; echo oops >&2; exit 3"]\n');
    expect(b.done.state).toBe('succeeded');
    hello = b.ref;
  });

  afterAll(async () => {
    await removeLearnerImages([LEARNER]);
  });

  it('streams build steps and reports the image id and size', async () => {
    const b = await build('FROM busybox:latest\nRUN echo one && echo two\n');
    expect(
      b.events.filter((e) => e.type === 'vertex' && !e.internal && e.state !== 'started').map((e) => (e as { name: string }).name),
    ).toEqual(['[1/2] FROM docker.io/library/busybox:latest', '[2/2] RUN echo one && echo two']);
    expect(b.log).toMatch(/one\ntwo/);
    expect(b.done).toMatchObject({ state: 'succeeded', imageId: expect.stringMatching(/^sha256:/) });
    expect(b.done.sizeBytes).toBeGreaterThan(100_000);
  });

  it('runs a container, keeping stdout and stderr apart, with its exit code', async () => {
    const r = await run(hello);
    expect(r.stdout).toBe('Hello World\n');
    expect(r.stderr).toBe('oops\n');
    expect(r.done).toMatchObject({ state: 'succeeded', exitCode: 3 });
    const left = await docker().listContainers({ all: true, filters: { ancestor: [hello] } });
    expect(left).toEqual([]);
  });

  it('reports a failing RUN step with the daemon message', async () => {
    const b = await build('FROM busybox:latest\nRUN exit 7\n');
    expect(b.done.state).toBe('failed');
    expect(b.done.error?.message).toMatch(/failed with exit code 7/);
    expect(b.done.error?.message).not.toMatch(/network/);
  });

  it('explains that builds have no network when apt-get cannot find a package or its lists', async () => {
    // The base image ships without package lists; `apt-get update` would fetch them (alone it only warns, exit 0).
    for (const step of ['apt-get install -y curl', 'apt-get update && apt-get install -y curl']) {
      const b = await build(`FROM debian:bookworm-slim\nRUN ${step}\n`, buildLimits, true);
      expect(b.done.state, step).toBe('failed');
      expect(b.done.error?.message, `${step}\n${b.log}`).toMatch(
        /failed with exit code 100\.\n[\s\S]*(no package lists|download)[\s\S]*no network access/,
      );
    }
  });

  it('says so when a failed step tried to reach the network', async () => {
    const b = await build('FROM busybox:latest\nRUN echo ok\nRUN wget -q -O /page http://example.com/\n');
    expect(b.done.state).toBe('failed');
    expect(b.done.error?.message).toMatch(/failed with exit code[\s\S]*no network access/);
  });

  it('contains a fork bomb in a build, explained in words (pids limit from the runc shim)', async () => {
    // The limit itself (and its control) is proven in engine-isolation.engine.test.ts; this checks the learner's view.
    expect(setBuildStepLimits(config().engine, base.build)).toBe(true); // the shim as this checkout writes it
    const b = await build(
      `FROM busybox:latest\nRUN i=0; while [ $i -lt 400 ]; do sleep 1 & i=$((i+1)); done; echo spawned-$i; wait\n`,
      buildLimits,
      true,
    );
    expect(b.done.state).toBe('failed');
    expect(b.log).not.toContain('spawned-400');
    // gVisor itself panics at the limit, so the step dies without a word; its panic report tells the learner why.
    expect(b.done.error?.message).toMatch(
      /failed with exit code 2\.\nThis step ran out of processes: the limit here is \d+ sandbox tasks, about \d+ processes/,
    );
    expect(b.done.error?.message).not.toMatch(/did not complete successfully/);
    await expectHealthy();
  });

  it('lets a run start 30 processes at once under the default pids limit', async () => {
    // The limit counts gVisor's host tasks (~8 per guest process): the old default of 128 fit only 14.
    const r = await run(hello, ['sh', '-c', 'i=0; while [ $i -lt 30 ]; do sleep 2 & i=$((i+1)); done; wait; echo started-$i']);
    expect(r.stdout).toContain('started-30');
    expect(r.done.exitCode).toBe(0);
  });

  it('contains a fork bomb in a run (PidsLimit)', async () => {
    const r = await run(hello, ['sh', '-c', 'i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done; echo spawned-all']);
    expect(r.stdout).not.toContain('spawned-all');
    expect(r.done.exitCode).not.toBe(0);
  });

  it('kills a memory hog in a build', async () => {
    const b = await build('FROM busybox:latest\nRUN dd if=/dev/zero of=/dev/null bs=900M count=1\n', {
      ...buildLimits,
      memoryBytes: 256 * 1024 * 1024,
    });
    expect(b.done.state).toBe('failed');
    expect(b.done.error?.message).toMatch(/exit code 1\b|out of memory/i);
  });

  it('kills a memory hog in a run and says why', async () => {
    const r = await run(hello, ['dd', 'if=/dev/zero', 'of=/dev/null', 'bs=900M', 'count=1']);
    // Killed by the kernel (137), and the learner is told it was memory, with the limit.
    expect(r.done).toMatchObject({
      state: 'failed',
      exitCode: 137,
      error: {
        code: 'out_of_memory',
        message: `The container used more than ${runLimits.memoryBytes / (1024 * 1024)} MiB of memory and was killed.`,
      },
    });
  });

  it('stops an endless build loop at the time limit', async () => {
    const b = await build('FROM busybox:latest\nRUN while true; do :; done\n', { ...buildLimits, timeoutMs: 4_000 });
    expect(b.done).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
    await expectHealthy();
  });

  it('stops an endless run at the time limit', async () => {
    const r = await run(hello, ['sh', '-c', 'while true; do :; done'], { ...runLimits, timeoutMs: 2_000 });
    expect(r.done).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
  });

  it('truncates a build output flood but lets the build finish', async () => {
    const b = await build('FROM busybox:latest\nRUN yes flood | head -c 3000000\nRUN echo after-flood\n');
    expect(b.log).toContain('[layerlab] The build output passed the 64 KiB limit');
    expect(b.log.length).toBeLessThan(80 * 1024);
    expect(b.done.state).toBe('succeeded');
  });

  it('stops a run that floods its output', async () => {
    const r = await run(hello, ['yes', 'flood']);
    expect(r.done).toMatchObject({ state: 'failed', error: { code: 'output_limit' } });
    expect(r.stdout.length).toBeLessThanOrEqual(32 * 1024);
  });

  it('stops a disk filler at the file size limit and says so (RLIMIT_FSIZE from the runc shim)', async () => {
    const mib = Math.ceil(base.build.imageMaxBytes / 1024 / 1024) + 16;
    const b = await build(`FROM busybox:latest\nRUN dd if=/dev/zero of=/fill bs=1M count=${mib}\n`, buildLimits, true);
    expect(b.done.state).toBe('failed');
    expect(b.done.error?.message).toMatch(/tried to write a file larger than \d+ MiB/);
    await expectHealthy();
  });

  it('removes an image over the size limit and says why', async () => {
    const b = await build('FROM busybox:latest\nRUN dd if=/dev/zero of=/a bs=1M count=30 && dd if=/dev/zero of=/b bs=1M count=30\n');
    // Why, in words: its size, the limit, and that it was removed.
    const limitMiB = buildLimits.imageMaxBytes / (1024 * 1024);
    expect(b.done).toMatchObject({
      state: 'failed',
      error: {
        code: 'image_too_large',
        message: expect.stringMatching(
          new RegExp(`^The image is \\d+(\\.\\d+)? MiB, over the ${limitMiB} MiB limit, so it was removed\\.`),
        ),
      },
    });
    await expect(docker().getImage(b.ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('removing an oversized build that changed nothing leaves its base image alone', async () => {
    // `FROM debian:bookworm-slim` alone is the base image itself (same id), already over 48 MiB.
    const baseId = (await docker().getImage('debian:bookworm-slim').inspect()).Id;
    const b = await build('FROM debian:bookworm-slim\n');
    expect(b.done).toMatchObject({ state: 'failed', error: { code: 'image_too_large' } });
    await expect(docker().getImage(b.ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await docker().getImage('debian:bookworm-slim').inspect()).Id).toBe(baseId);
  });

  it('lets coreutils `ls` and `stat` work in Debian-based builds and runs (old gVisor rejected their statx)', async () => {
    const b = await build('FROM debian:bookworm-slim\nRUN ls / && stat -c "%F" /etc\n', {
      ...buildLimits,
      imageMaxBytes: 512 * 1024 * 1024,
    });
    expect(b.log).not.toMatch(/Invalid argument/);
    expect(b.done.state, b.log + JSON.stringify(b.done)).toBe('succeeded');
    expect(b.log).toMatch(/^etc$/m);
    expect(b.log).toContain('directory');
    // (gVisor still answers ls's extended-attribute query on a symlink with EBADF, a warning on
    // stderr; on regular files and directories `ls -l` is clean.)
    const r = await run(b.ref, ['ls', '-la', '/etc/hostname', '/usr']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('/etc/hostname');
    expect(r.done.state).toBe('succeeded');
  });

  it('gives builds and runs no network: only a loopback interface', async () => {
    // (/sys/class/net does not exist under newer gVisor; /proc/net/dev lists every interface.)
    const b = await build('FROM busybox:latest\nRUN cat /proc/net/dev\n', buildLimits);
    expect(b.done.state).toBe('succeeded');
    const runNet = await run(hello, ['sh', '-c', 'cat /proc/net/dev']);
    for (const out of [b.log, runNet.stdout]) {
      expect(out).toMatch(/\blo\b/);
      expect(out).not.toMatch(/\beth\d|\bens\d|\bveth/);
    }
  });

  it('exposes no docker socket to builds or runs', async () => {
    const probe = 'ls -la /var/run/docker.sock /run/docker.sock 2>&1; find / -name "*.sock" -xdev 2>/dev/null | head; echo probe-done';
    const b = await build(`FROM busybox:latest\nRUN ${probe}\n`);
    expect(b.log).toContain('probe-done');
    expect(b.log).toMatch(/No such file/);
    expect(b.log).not.toMatch(/docker\.sock\s*$/m);
    const r = await run(hello, ['sh', '-c', probe]);
    expect(r.stdout).toContain('probe-done');
    expect(r.stdout).not.toMatch(/\.sock$/m);
  });

  it('runs with a read-only root, no capabilities and a writable /tmp', async () => {
    const r = await run(hello, ['sh', '-c', 'touch /x 2>&1; touch /tmp/ok && echo tmp-ok; grep CapEff /proc/self/status']);
    expect(r.stdout).toMatch(/Read-only file system/);
    expect(r.stdout).toContain('tmp-ok');
    expect(r.stdout).toMatch(/CapEff:\s*0+\n/);
  });

  it('gives a VOLUME its image content for the run and leaves no volume behind', async () => {
    const b = await build('FROM busybox:latest\nRUN mkdir /data && echo baked > /data/k.txt\nVOLUME /data\n');
    expect(b.done.state).toBe('succeeded');
    const volumes = async () => ((await docker().listVolumes()).Volumes ?? []).map((v) => v.Name);
    const before = await volumes();
    const r = await run(b.ref, ['sh', '-c', 'cat /data/k.txt; echo more > /data/w.txt && echo wrote']);
    expect(r.stdout).toBe('baked\nwrote\n'); // as `docker run`: the volume starts with the image's files
    expect((await volumes()).filter((v) => !before.includes(v))).toEqual([]);
  });

  it("does not run the image's HEALTHCHECK (a 1 ms interval would flood the engine with execs)", async () => {
    const b = await build('FROM busybox:latest\nHEALTHCHECK --interval=1ms --timeout=1s CMD true\n');
    expect(b.done.state).toBe('succeeded');
    // Inspect the container once it has shown it runs (its first line), then let it end.
    let info: Awaited<ReturnType<ReturnType<ReturnType<typeof docker>['getContainer']>['inspect']>> | undefined;
    const r = await run(b.ref, ['sh', '-c', 'echo up; sleep 3'], runLimits, undefined, async (ev) => {
      if (info || ev.type !== 'log' || ev.stream !== 'stdout' || !ev.text.includes('up')) return;
      // The engine may still list it as `created` while its first output arrives: take the newest of any state.
      const [container] = (await docker().listContainers({ all: true, filters: { ancestor: [b.ref] } })).sort(
        (x, y) => y.Created - x.Created,
      );
      info = await docker().getContainer(container.Id).inspect();
    });
    expect(r.done.state).toBe('succeeded');
    expect(info?.Config.Healthcheck?.Test).toEqual(['NONE']);
    expect(info?.State.Health).toBeUndefined();
  });

  it('honours a cancel that arrives before the container starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await run(hello, ['sleep', '30'], runLimits, controller.signal);
    expect(r.done.state).toBe('cancelled'); // not `failed` by the 5 s run timeout
    expect(r.stdout + r.stderr).toBe('');
  });

  it('cancels a running container', async () => {
    // Cancel once the container has printed (so it certainly runs), not after a guessed delay.
    const controller = new AbortController();
    const r = await run(hello, ['sh', '-c', 'echo started; sleep 30'], runLimits, controller.signal, (ev) => {
      if (ev.type === 'log' && ev.stream === 'stdout' && ev.text.includes('started')) controller.abort();
    });
    expect(r.stdout).toContain('started');
    expect(r.done.state).toBe('cancelled'); // not `failed` by the 5 s run timeout
  });
});
