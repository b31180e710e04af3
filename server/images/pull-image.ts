import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { CatalogImage } from '@/lib/image-catalog';
import { loadImageArchive } from '../sandbox/engine-images';
import { readPins, writePin } from './pins';

/**
 * Official images, fetched by Debian's `skopeo` on the host: the engine lives in
 * a network namespace of its own and cannot pull. Only catalog references are
 * ever fetched; the first pull pins the manifest digest (cache/pins.json) and
 * every later pull fetches exactly that digest. Without a registry (a classroom
 * sandbox) the probe fails within seconds and provisioning falls back to the
 * stand-ins, saying so once.
 */

export const PROBE_TIMEOUT_S = 8;
export const COPY_TIMEOUT_S = 600;

export type PullOutcome = { ok: true; digest: string } | { ok: false; reason: string; registryDown: boolean };

export function skopeoPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v skopeo'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** `docker.io/library/python:3.13-slim` → `docker.io/library/python` */
const repoOf = (official: string) => official.replace(/[:@][^/]*$/, '');

const NETWORK_TROUBLE =
  /dial tcp|no such host|connection refused|network is unreachable|i\/o timeout|timeout|TLS handshake|temporary failure|server misbehaving|context deadline/i;

export async function pullOfficial(
  image: CatalogImage,
  opts: { cacheDir: string; log: (line: string) => void; signal?: AbortSignal },
): Promise<PullOutcome> {
  const skopeo = skopeoPath();
  if (!skopeo) return { ok: false, reason: 'skopeo is not installed (apt-get install skopeo)', registryDown: true };
  const pinned = readPins(opts.cacheDir)[image.ref]?.digest;
  const source = `docker://${pinned ? `${repoOf(image.official)}@${pinned}` : image.official}`;

  // A quick look first: without a registry this is the only thing that waits, and briefly.
  const probe = await runSkopeo(
    skopeo,
    [`--command-timeout=${PROBE_TIMEOUT_S}s`, 'inspect', '--retry-times=0', '--raw', source],
    opts.signal,
  );
  if (probe.code !== 0)
    return { ok: false, reason: firstLine(probe.err), registryDown: NETWORK_TROUBLE.test(probe.err) || probe.code === null };

  const dir = path.join(opts.cacheDir, 'pull');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${image.ref.replace(/[^a-z0-9.-]+/g, '-')}-${process.pid}`);
  const archive = `${base}.tar`;
  const digestFile = `${base}.digest`;
  try {
    fs.rmSync(archive, { force: true });
    const copy = await runSkopeo(
      skopeo,
      [
        `--command-timeout=${COPY_TIMEOUT_S}s`,
        'copy',
        '--retry-times=2',
        '--digestfile',
        digestFile,
        source,
        `docker-archive:${archive}:${image.ref}`,
      ],
      opts.signal,
      (line) => opts.log(line),
    );
    if (copy.code !== 0) return { ok: false, reason: firstLine(copy.err), registryDown: NETWORK_TROUBLE.test(copy.err) };
    const digest = fs.readFileSync(digestFile, 'utf8').trim();
    if (pinned && digest !== pinned) return { ok: false, reason: `digest ${digest} is not the pinned ${pinned}`, registryDown: false };
    await loadImageArchive(archive);
    writePin(opts.cacheDir, image.ref, { digest, official: image.official, pulledAt: new Date().toISOString() });
    return { ok: true, digest };
  } finally {
    fs.rmSync(archive, { force: true });
    fs.rmSync(digestFile, { force: true });
  }
}

function runSkopeo(
  bin: string,
  args: string[],
  signal?: AbortSignal,
  onLine?: (line: string) => void,
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let err = '';
    if (onLine) readline.createInterface({ input: child.stdout }).on('line', (l) => l.trim() && onLine(l.trim()));
    else child.stdout.resume();
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    child.on('error', (e) => resolve({ code: null, err: e.message }));
    child.on('close', (code) => resolve({ code, err }));
  });
}

/** skopeo's fatal line, shortened: `registry-1.docker.io: dial tcp: lookup registry-1.docker.io …: no such host`. */
export function firstLine(s: string): string {
  const line =
    s
      .trim()
      .split('\n')
      .map((l) =>
        l
          .replace(/^time="[^"]*" level=\w+ msg="?/, '')
          .replace(/"$/, '')
          .replace(/\\"/g, '"'),
      )
      .find(Boolean) ?? 'skopeo failed';
  const registry = /pinging container registry ([^:]+(?::\d+)?):/.exec(line)?.[1];
  const cause = /(dial tcp.*|no such host.*|connection refused.*|i\/o timeout.*|context deadline exceeded.*)$/.exec(line)?.[1];
  return registry && cause ? `${registry}: ${cause}` : line;
}
