import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogRefs, findCatalogImage } from '@/lib/image-catalog';
import { config } from '../config';
import { docker } from '../sandbox/docker';
import { ProvisionError } from './errors';
import { provisionImages } from './provision';
import { pullOfficial } from './pull-image';
import { catalogStatus, imageStatus } from './status';

/** Real engine: runs `cmd` in `image` and returns its output (tty, so stdout and stderr interleave). */
async function run(image: string, cmd: string[], env: string[] = []) {
  const container = await docker().createContainer({ Image: image, Cmd: cmd, Env: env, Tty: true, HostConfig: { NetworkMode: 'none' } });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    let out = '';
    stream.on('data', (d: Buffer) => (out += d.toString()));
    // The attach stream ends after the last chunk of output: wait for that, not for time.
    const drained = new Promise((r) => stream.once('end', r));
    await container.start();
    const [{ StatusCode }] = await Promise.all([container.wait(), drained]);
    return { code: StatusCode as number, out: out.replace(/\r\n/g, '\n') };
  } finally {
    await container.remove({ force: true });
  }
}

beforeAll(async () => {
  await provisionImages(); // seconds when `npm run images` ran before
});

describe('provisionImages (real engine)', () => {
  it('leaves every catalog image present', async () => {
    const status = await catalogStatus();
    expect(status.map((s) => s.ref)).toEqual(catalogRefs());
    for (const s of status) expect(s, s.ref).toMatchObject({ present: true });
  });

  it('changes nothing when everything is present', async () => {
    const results = await provisionImages();
    expect(results.map((r) => r.source)).toEqual(catalogRefs().map(() => 'present'));
  });

  it('refuses references outside the catalog', async () => {
    await expect(provisionImages({ only: 'python:2.7' })).rejects.toSatisfy(
      (e) => e instanceof ProvisionError && e.code === 'unknown-image',
    );
  });

  it('python stand-in: python, pip and an offline pip install work', async () => {
    const r = await run('python:3.13-slim', [
      'sh',
      '-c',
      "python -c 'print(1+1)' && pip --version && pip install --no-cache-dir -r /dev/null && echo PIP-OK",
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^2$/m);
    expect(r.out).toMatch(/^pip \d+.* \(python 3\.13\)$/m);
    expect(r.out).toContain('PIP-OK');
  });

  it('python stand-in: builds and runs the seed lesson example', async () => {
    const pack = tar.pack();
    pack.entry(
      { name: 'Dockerfile' },
      'FROM python:3.13-slim\nWORKDIR /usr/src/app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nENV NAME World\nCMD ["python", "./app.py"]\n',
    );
    pack.entry({ name: 'requirements.txt' }, '# no dependencies yet\n');
    pack.entry({ name: 'app.py' }, "import os\nprint(f\"Hello {os.environ.get('NAME', 'World')}\")\n");
    pack.finalize();
    const tag = `layerlab-test/seed-${process.pid}`;
    const stream = await docker().buildImage(pack.pipe(new PassThrough()), { t: tag, networkmode: 'none', rm: true, forcerm: true });
    const out = await new Promise<{ error?: string; stream?: string }[]>((resolve, reject) =>
      docker().modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => (err ? reject(err) : resolve(res))),
    );
    try {
      expect(
        out.find((o) => o.error),
        out.map((o) => o.stream ?? o.error).join(''),
      ).toBeUndefined();
      const r = await run(tag, []);
      expect(r).toEqual({ code: 0, out: 'Hello World\n' });
      expect((await run(tag, [], ['NAME=Layerlab'])).out).toBe('Hello Layerlab\n');
    } finally {
      await docker()
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  it('other stand-ins start with their default command and tools', async () => {
    const node = await run('node:22-slim', ['sh', '-c', 'node -e "console.log(process.version)" && npm --version']);
    expect(node.out).toMatch(/^v22\.\d+\.\d+\n10\.\d+\.\d+\n/); // npm (tty) may end with a cursor reset
    const go = await run('golang:1.24', ['go', 'env', 'GOPATH', 'GOTOOLCHAIN', 'CGO_ENABLED']);
    // The official image has a C compiler and leaves cgo on; the stand-in has none and turns it off.
    expect(go.out).toBe(`/go\nlocal\n${(await imageStatus('golang:1.24')).standIn ? 0 : 1}\n`);
    const deb = await run('debian:bookworm-slim', ['bash', '-c', 'source /etc/os-release && echo $VERSION_CODENAME']);
    expect(deb.out.trim()).toBe('bookworm');
    const bb = await run('busybox:latest', ['sh', '-c', 'echo hi | wc -c']);
    expect(bb.out.trim()).toBe('3');
  });

  it('stand-ins carry the official-looking config and tell their real version', async () => {
    const status = await imageStatus('python:3.13-slim');
    const py = await docker().getImage('python:3.13-slim').inspect();
    if (!status.standIn) {
      expect(status.note).toMatch(/^official image/); // a pulled image needs no checking
      return;
    }
    expect(py.Config.Cmd).toEqual(['python3']);
    expect(py.Config.Env).toEqual(expect.arrayContaining(['LANG=C.UTF-8', expect.stringMatching(/^PYTHON_VERSION=3\.13\.\d+$/)]));
    expect(status.note).toMatch(/^stand-in built from Debian packages: Python 3\.13\.\d+$/);
  });

  it('without a registry, pulling fails fast and says the registry is down (then stand-ins are used)', async () => {
    const python = findCatalogImage('python:3.13-slim')!;
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    const unreachable = { ...python, official: '127.0.0.1:9/library/python:3.13-slim' };
    const r = await pullOfficial(unreachable, { cacheDir: config().cacheDir, log: () => undefined });
    expect(r).toMatchObject({ ok: false, registryDown: true });
  });
});
