import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextFile } from '@/lib/build-context';
import { config } from '../config';
import { packContext } from '../jobs/pack-context';
import { daemonStatus, setBuildStepLimits } from './daemon';
import { docker } from './docker';
import { engineInfo } from './engine-health';
import { LABEL } from './labels';
import { removeLearnerImages } from './remove-learner-images';

/**
 * The engine itself, against the real sandbox daemon: Docker Engine 26 in a
 * network namespace of its own, BuildKit's RUN steps under gVisor with the
 * build limits (written by the runc shim), the daemon unable to fetch anything.
 * Builds go to the Engine API directly (BuildKit, `version=2`, no policy in
 * front): these are the walls behind the Dockerfile policy.
 */

const LEARNER = 'engine-isolation-test';
const limits = config().limits.build;
let n = 0;

type BuildResult = { imageId?: string; error?: string; ref: string; output: string };

/** A BuildKit build straight through the Engine API; the RUN steps' output is read back from files in the image. */
async function buildKit(dockerfile: string, files: ContextFile[] = [], extra: { remote?: string } = {}): Promise<BuildResult> {
  const ref = `layerlab-${LEARNER}/t${process.pid}-${++n}:latest`;
  const context = await packContext([{ path: 'Dockerfile', content: dockerfile }, ...files]);
  const stream = (await docker().buildImage(Readable.from([context]), {
    t: ref,
    version: '2',
    networkmode: 'none',
    nocache: true,
    pull: false,
    ...extra,
  } as Parameters<ReturnType<typeof docker>['buildImage']>[1])) as NodeJS.ReadableStream;
  let output = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) output += chunk.toString('utf8');
  const lines = output
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id?: string; aux?: { ID?: string }; error?: string; errorDetail?: { message?: string } });
  const error = lines.find((l) => l.error || l.errorDetail)?.errorDetail?.message ?? lines.find((l) => l.error)?.error;
  const imageId = lines.find((l) => l.id === 'moby.image.id')?.aux?.ID;
  return { imageId, error, ref, output };
}

/** A file's text from an image, copied out of a created (never started) container. */
async function readFromImage(ref: string, file: string): Promise<string> {
  const container = await docker().createContainer({ Image: ref, Cmd: ['true'], Labels: { [LABEL.managed]: 'true' } });
  try {
    const archive = await container.getArchive({ path: file });
    const tar = extract();
    let text = '';
    tar.on('entry', (_header, body, next) => {
      body.on('data', (c) => (text += (c as Buffer).toString('utf8')));
      body.on('end', next);
      body.resume();
    });
    await new Promise<void>((resolve, reject) => {
      tar.on('finish', resolve);
      tar.on('error', reject);
      (archive as NodeJS.ReadableStream).pipe(tar);
    });
    return text;
  } finally {
    await container.remove({ force: true });
  }
}

describe('the sandbox engine (real daemon): Engine 26, own network namespace, BuildKit steps under gVisor', () => {
  afterAll(async () => {
    await removeLearnerImages([LEARNER]);
  });

  it('is Docker Engine 26 or newer, in a network namespace with only lo, and says so', async () => {
    const status = await daemonStatus(config().engine);
    expect(status.isolation).toEqual({
      networkNamespace: true,
      mountNamespace: true,
      pidNamespace: true,
      interfaces: ['lo'],
      buildRuntime: 'runsc (runc shim)',
    });
    const info = await engineInfo();
    expect(Number(info.version?.split('.')[0])).toBeGreaterThanOrEqual(26);
    expect(info.isolation).toMatchObject({ networkNamespace: true, interfaces: ['lo'], buildRuntime: 'runsc (runc shim)' });
  });

  it("runs a BuildKit RUN step on gVisor's kernel with only a loopback interface", async () => {
    const b = await buildKit('FROM busybox:latest\nRUN uname -r > /uname && cat /proc/net/dev > /netdev\n');
    expect(b.error, b.output).toBeUndefined();
    // gVisor reports Linux 4.4.0 whatever the host runs (this host: 6.x).
    expect((await readFromImage(b.ref, '/uname')).trim()).toBe('4.4.0');
    const interfaces = (await readFromImage(b.ref, '/netdev'))
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0].trim())
      .filter(Boolean);
    expect(interfaces).toEqual(['lo']);
  });

  it('gives a BuildKit RUN step the build memory limit and kills a memory hog', async () => {
    const mib = limits.memoryBytes / 1024 / 1024;
    const seen = await buildKit("FROM busybox:latest\nRUN awk '/MemTotal/ {print $2}' /proc/meminfo > /memtotal\n");
    expect(seen.error, seen.output).toBeUndefined();
    expect(Number(await readFromImage(seen.ref, '/memtotal'))).toBe(mib * 1024);
    const hog = await buildKit(`FROM busybox:latest\nRUN dd if=/dev/zero of=/dev/null bs=${mib * 2}M count=1\n`);
    expect(hog.imageId).toBeUndefined();
    expect(hog.error).toMatch(/did not complete successfully: exit code: 137$/);
  });

  it('caps a fork bomb in a BuildKit RUN step at the pids limit', async () => {
    const bomb = `FROM busybox:latest\nRUN i=0; while [ $i -lt 400 ]; do sleep 1 & i=$((i+1)); done; echo $i > /spawned; wait\n`;
    // Control: with room for thousands of tasks the same step starts all 400, so the failure below is the limit's doing.
    expect(setBuildStepLimits(config().engine, { ...limits, pids: 8192 })).toBe(true);
    try {
      const roomy = await buildKit(bomb);
      expect(roomy.error, roomy.output).toBeUndefined();
      expect(Number(await readFromImage(roomy.ref, '/spawned'))).toBe(400);
    } finally {
      setBuildStepLimits(config().engine, limits);
    }
    // The limit counts the sandbox's host tasks (gVisor's own threads, and on the ptrace platform a
    // stub per guest process), so far fewer guest processes fit than the number says; the step ends.
    const capped = await buildKit(bomb);
    expect(capped.imageId).toBeUndefined();
    expect(capped.error).toMatch(/did not complete successfully: exit code: 2$/);
    const after = await buildKit('FROM busybox:latest\nRUN echo still-builds > /ok\n');
    expect(await readFromImage(after.ref, '/ok')).toBe('still-builds\n');
  });

  it('lets an ordinary build step start 60 processes at once under the default pids limit', async () => {
    // Measured: the old default (256 host tasks) fit only ~30 guest processes; this step needed ~700 host tasks.
    expect(setBuildStepLimits(config().engine, limits)).toBe(true);
    const b = await buildKit(
      'FROM busybox:latest\nRUN i=0; while [ $i -lt 60 ]; do sleep 2 & i=$((i+1)); done; wait; echo $i > /spawned\n',
    );
    expect(b.error, b.output).toBeUndefined();
    expect(await readFromImage(b.ref, '/spawned')).toBe('60\n');
  });

  it('stops a disk filler in a BuildKit RUN step at the file size limit, and the engine still builds', async () => {
    const mib = Math.ceil(limits.imageMaxBytes / 1024 / 1024) + 64;
    const b = await buildKit(`FROM busybox:latest\nRUN dd if=/dev/zero of=/fill bs=1M count=${mib}\n`);
    expect(b.imageId).toBeUndefined();
    // 153 = 128 + SIGXFSZ: the kernel (gVisor's) stopped dd at the RLIMIT_FSIZE the shim set.
    expect(b.error).toMatch(/did not complete successfully: exit code: 153$/);
    const after = await buildKit('FROM busybox:latest\nRUN echo still-builds > /ok\n');
    expect(await readFromImage(after.ref, '/ok')).toBe('still-builds\n');
  });

  describe('a server on the host loopback', () => {
    let server: http.Server;
    let requests = 0;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((_req, res) => {
        requests++;
        res.end('secret from the host\n');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      // Control: the server answers on the host, so zero requests below is the namespace's doing.
      await new Promise<void>((resolve, reject) =>
        http.get(`http://127.0.0.1:${port}/control`, (res) => res.resume().on('end', resolve)).on('error', reject),
      );
      expect(requests).toBe(1);
      requests = 0;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gets no request from a remote ADD (the daemon itself has no network)', async () => {
      const b = await buildKit(`FROM busybox:latest\nADD http://127.0.0.1:${port}/x /x\nRUN cat /x\n`);
      expect(b.imageId).toBeUndefined();
      expect(b.error).toMatch(/connection refused|network is unreachable/);
      expect(requests).toBe(0);
    });

    it('gets no request from a `# syntax=` frontend, a FROM of its registry or a remote build context either', async () => {
      const viaSyntax = await buildKit(`# syntax=127.0.0.1:${port}/frontend:latest\nFROM busybox:latest\n`);
      expect(viaSyntax.imageId).toBeUndefined();
      const viaFrom = await buildKit(`FROM 127.0.0.1:${port}/base:latest\nRUN true\n`);
      expect(viaFrom.imageId).toBeUndefined();
      const viaRemote = await buildKit('', [], { remote: `http://127.0.0.1:${port}/context.tar` });
      expect(viaRemote.imageId).toBeUndefined();
      expect(requests).toBe(0);
    });
  });

  it('keeps the run limits on Engine 26 (gVisor, memory, pids, no network)', async () => {
    const b = await buildKit('FROM busybox:latest\nCMD ["sh"]\n');
    expect(b.error, b.output).toBeUndefined();
    const container = await docker().createContainer({
      Image: b.ref,
      Cmd: ['sh', '-c', "uname -r; awk '/MemTotal/ {print $2}' /proc/meminfo; cat /proc/net/dev | tail -n +3 | cut -d: -f1"],
      Labels: { [LABEL.managed]: 'true' },
      HostConfig: { NetworkMode: 'none', Memory: config().limits.run.memoryBytes, PidsLimit: config().limits.run.pids },
    });
    try {
      await container.start();
      await container.wait();
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('latin1');
      expect(logs).toContain('4.4.0');
      expect(logs).toContain(String(config().limits.run.memoryBytes / 1024));
      expect(logs).toMatch(/\blo\b/);
      expect(logs).not.toMatch(/\beth\d/);
      expect((await container.inspect()).HostConfig.Runtime).toBe('runsc');
    } finally {
      await container.remove({ force: true });
    }
  });
});
