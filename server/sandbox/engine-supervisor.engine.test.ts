import Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { config } from '../config';
import { daemonStatus, engineAlive, startDaemon, stopDaemon, type EngineConfig } from './daemon';
import { dockerEngine } from './docker-engine';
import { engineProcesses } from './engine-processes';
import { EngineSupervisor } from './engine-supervisor';
import { LABEL } from './labels';
import { interruptedMessage } from './supervised-engine';

/**
 * Engine faults against a real engine of this test's own (its own socket, disk and
 * namespaces: killing it disturbs no other test or server): `kill -9` of dockerd
 * mid-build, the supervisor brings it back, the interrupted build says what
 * happened, a build submitted meanwhile waits and succeeds, and no containerd,
 * shim or runsc of the dead engine is left; nor after `sandbox stop`.
 */

const base = config().engine;
const dir = path.join(base.sandboxDir, `supervisor-test-${process.pid}`);
const runDir = `/run/layerlab-sv${process.pid}`;
const engine: EngineConfig = {
  ...base,
  sandboxDir: dir,
  dataRoot: path.join(dir, 'data'),
  diskImage: path.join(dir, 'disk.img'),
  diskGb: 2,
  logFile: path.join(dir, 'dockerd.log'),
  daemonJson: path.join(dir, 'daemon.json'),
  runDir,
  socket: path.join(runDir, 'docker.sock'),
  execRoot: path.join(runDir, 'exec'),
  pidFile: path.join(runDir, 'docker.pid'),
};
const quiet = () => undefined;
const client = new Docker({ socketPath: engine.socket });
const limits = { ...config().limits.build, timeoutMs: 60_000 };
let supervisor: EngineSupervisor;
let n = 0;

// A base image needs no registry: the host's static busybox in an image of its own.
const dockerfile = (run: string) => `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "${run}"]\n`;

/** A build context with the host's static busybox (binary, so not through packContext's text files). */
async function contextWith(run: string): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c) => chunks.push(c as Buffer));
  const done = once(tar, 'end');
  tar.entry({ name: 'Dockerfile', mode: 0o644, mtime: new Date(0) }, Buffer.from(dockerfile(run)));
  tar.entry({ name: 'busybox', mode: 0o755, mtime: new Date(0) }, fs.readFileSync('/bin/busybox'));
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A build through the Engine interface jobs use, supervised by this test's supervisor. */
async function collect(run: string, onEvent: (ev: JobEvent) => void = () => undefined) {
  const spec = {
    jobId: `svtest-${process.pid}-${++n}`,
    context: await contextWith(run),
    ref: `layerlab-svtest/t${n}:latest`,
    steps: [],
    limits,
  };
  const events: JobEvent[] = [];
  for await (const ev of dockerEngine(
    () => client,
    () => supervisor,
  ).build(spec, new AbortController().signal)) {
    events.push(ev);
    onEvent(ev);
  }
  return { events, done: events.at(-1) as DoneEvent };
}

const leftovers = () => engineProcesses(engine).filter((p) => p.kind === 'shim' || p.kind === 'runsc' || p.kind === 'containerd');

describe('engine faults (a real engine of its own)', () => {
  beforeAll(async () => {
    await startDaemon(engine, quiet);
    supervisor = new EngineSupervisor(engine, { intervalMs: 200 }).watch();
  });

  afterAll(async () => {
    supervisor?.close();
    await stopDaemon(engine, quiet, { unmount: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(runDir, { recursive: true, force: true });
  });

  it('restarts the engine after kill -9 mid-build; the build says it was interrupted, one sent meanwhile waits and succeeds', async () => {
    expect((await collect('echo warm-up')).done.state).toBe('succeeded');
    const pid = (await daemonStatus(engine)).pid!;
    const down = once(supervisor, 'down');
    const up = once(supervisor, 'up');
    let killed = false;
    const interrupted = await collect('/bin/busybox sleep 60', () => {
      if (killed) return;
      killed = true; // the build is under way: its first event arrived
      process.kill(pid, 'SIGKILL');
    });
    expect(interrupted.done, JSON.stringify(interrupted.events)).toMatchObject({
      state: 'failed',
      error: { code: 'engine_restarted', message: interruptedMessage('build') },
    });
    await down;
    // Sent while the engine restarts: it waits for the engine instead of failing.
    expect(supervisor.state).toBe('restarting');
    const waiting = collect('echo after-restart');
    await up;
    expect(supervisor.restarts).toBe(1);
    expect(engineAlive(engine)).toBe(true);
    expect((await daemonStatus(engine)).pid).not.toBe(pid);
    // Nothing of the dead engine is left: no shim or runsc (its containers are gone with it).
    expect(leftovers(), JSON.stringify(engineProcesses(engine))).toEqual(
      [engineProcesses(engine).find((p) => p.kind === 'containerd')].filter(Boolean),
    );
    const next = await waiting;
    expect(next.done.state, JSON.stringify(next.events)).toBe('succeeded');
    expect(next.events[0]).toMatchObject({ type: 'log', stream: 'system', text: expect.stringContaining('restarting') });
  });

  it('leaves no shim or runsc behind runs that timed out, were cancelled or flooded their output', async () => {
    const built = await collect('echo base');
    const ref = `layerlab-svtest/t${n}:latest`;
    expect(built.done.state).toBe('succeeded');
    const runs = dockerEngine(
      () => client,
      () => supervisor,
    );
    const runLimits = { ...config().limits.run, timeoutMs: 2_000, outputBytes: 16 * 1024 };
    const run = async (command: string[], signal = new AbortController().signal) => {
      let last: JobEvent | undefined;
      for await (const ev of runs.run(
        { jobId: `svrun-${++n}`, ref, command, labels: { [LABEL.managed]: 'true' }, limits: runLimits },
        signal,
      ))
        last = ev;
      return last as DoneEvent;
    };
    expect(await run(['/bin/busybox', 'sh', '-c', 'while :; do :; done'])).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
    expect(await run(['/bin/busybox', 'yes', 'flood'])).toMatchObject({ state: 'failed', error: { code: 'output_limit' } });
    const cancel = new AbortController();
    const cancelled = run(['/bin/busybox', 'sleep', '60'], cancel.signal);
    // Cancel once the container runs (its runsc sandbox is there).
    await expect.poll(() => engineProcesses(engine).some((p) => p.kind === 'runsc'), { timeout: 60_000, interval: 20 }).toBe(true);
    cancel.abort();
    expect((await cancelled).state).toBe('cancelled');
    const running = await client.listContainers();
    expect(running).toEqual([]);
    expect(engineProcesses(engine).filter((p) => p.kind === 'shim' || p.kind === 'runsc')).toEqual([]);
  });

  it('leaves no runsc behind a BuildKit RUN step whose build was cancelled', async () => {
    const abort = new AbortController();
    const stream = (await client.buildImage(Readable.from([await contextWith('while :; do :; done')]), {
      version: '2',
      networkmode: 'none',
      nocache: true,
      abortSignal: abort.signal,
    } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;
    stream.on('error', () => undefined);
    stream.resume();
    // The step runs once its runsc (through the runc shim) is there.
    await expect.poll(() => engineProcesses(engine).some((p) => p.kind === 'runsc'), { timeout: 60_000, interval: 20 }).toBe(true);
    abort.abort();
    // BuildKit ends the step on cancel, a moment later (no event tells us when): then nothing may be left.
    await expect
      .poll(() => engineProcesses(engine).filter((p) => p.kind === 'shim' || p.kind === 'runsc'), { timeout: 15_000 })
      .toEqual([]);
  });

  it("ends a shim whose container is gone, and leaves a live container's shim alone", async () => {
    const built = await collect('echo base');
    const container = await client.createContainer({
      Image: built.done.imageId!,
      Cmd: ['/bin/busybox', 'sleep', '300'],
      Labels: { [LABEL.managed]: 'true' },
      HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    // A stand-in for a shim that outlived its container: the same command line, an id the engine does not know.
    const orphan = spawn(
      'bash',
      [
        '-c',
        `exec -a "containerd-shim-runc-v2 -namespace moby -id ${'d'.repeat(64)} -address ${runDir}/exec/containerd/containerd.sock" sleep 300`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    const exited = once(orphan, 'exit');
    const shims = () => engineProcesses(engine).filter((p) => p.kind === 'shim');
    await expect.poll(() => shims().length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(2);
    const live = shims().find((p) => p.pid !== orphan.pid)!;
    expect(await supervisor.sweep()).toEqual([orphan.pid]);
    await exited;
    expect(shims().map((p) => p.pid)).toEqual([live.pid]);
    expect((await container.inspect()).State.Running).toBe(true);
    await container.remove({ force: true });
  });

  it('leaves no shim or runsc behind after `sandbox stop`, and does not restart an engine stopped on purpose', async () => {
    const container = await client.createContainer({
      Image: (await collect('echo base')).done.imageId!,
      Cmd: ['/bin/busybox', 'sleep', '300'],
      Labels: { [LABEL.managed]: 'true' },
      HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    expect(engineProcesses(engine).filter((p) => p.kind === 'shim')).toHaveLength(1);
    expect(engineProcesses(engine).filter((p) => p.kind === 'runsc').length).toBeGreaterThan(0);
    await stopDaemon(engine, quiet);
    expect(engineProcesses(engine)).toEqual([]);
    await supervisor.check();
    expect(supervisor.state).toBe('stopped');
    expect(engineAlive(engine)).toBe(false);
  });
});
