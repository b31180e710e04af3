import 'server-only';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DebootstrapRecipe } from '@/lib/image-catalog';
import { debootstrap } from './debootstrap';
import { ProvisionError } from './errors';
import { applyFixups } from './fixups';
import { packNpm, unpackNpmPart } from './npm-parts';

/**
 * Root filesystems of stand-in images, built once with debootstrap and kept as
 * tarballs in the cache (outside the repo), so re-provisioning takes seconds.
 */

export type RootfsMeta = { key: string; version?: string; builtAt: string; buildSeconds: number };
export type Rootfs = { tarPath: string; meta: RootfsMeta; fromCache: boolean };
type Progress = (phase: string, detail?: string) => void;

// Not needed at run time and not in the official slim images; removing keeps stand-ins small.
const CLEAN = [
  'var/cache/apt',
  'var/lib/apt/lists',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/info',
  'usr/share/lintian',
  'usr/share/locale', // translations: 30 MB
  'var/log',
];
const KEEP = new Set(['locale.alias']);
// The host's files, copied in by debootstrap; Docker provides its own at run time.
const HOST_FILES = ['etc/resolv.conf', 'etc/hostname'];

export function cachePaths(cacheDir: string, name: string, key: string) {
  const base = path.join(cacheDir, 'rootfs', `${name}-${key}`);
  return {
    tar: `${base}.tar`,
    meta: `${base}.json`,
    lock: `${base}.lock`,
    debCache: path.join(cacheDir, 'debs'),
    work: path.join(cacheDir, 'work', `${name}-${key}`),
  };
}

export function readCachedRootfs(cacheDir: string, name: string, key: string): Rootfs | undefined {
  const p = cachePaths(cacheDir, name, key);
  if (!fs.existsSync(p.tar) || !fs.existsSync(p.meta)) return undefined;
  try {
    return { tarPath: p.tar, meta: JSON.parse(fs.readFileSync(p.meta, 'utf8')) as RootfsMeta, fromCache: true };
  } catch {
    return undefined;
  }
}

export async function buildDebootstrapRootfs(opts: {
  cacheDir: string;
  name: string;
  key: string;
  recipe: DebootstrapRecipe;
  progress: Progress;
  signal?: AbortSignal;
}): Promise<Rootfs> {
  const started = Date.now();
  const p = cachePaths(opts.cacheDir, opts.name, opts.key);
  fs.mkdirSync(path.dirname(p.tar), { recursive: true });
  await removeTree(p.work); // leftovers of an interrupted run
  fs.mkdirSync(p.work, { recursive: true });
  try {
    await debootstrap({
      suite: opts.recipe.suite,
      packages: opts.recipe.packages,
      target: p.work,
      debCache: p.debCache,
      signal: opts.signal,
      progress: (phase, count) => opts.progress('debootstrap', count ? `${phase} (${count})` : phase),
    });
    opts.progress('fix-ups');
    cleanRootfs(p.work);
    applyFixups(p.work, opts.recipe);
    const npmVersions: Record<string, string> = {};
    for (const part of opts.recipe.npm ?? []) {
      opts.progress('npm pack', part.spec);
      const { tgz, version } = await packNpm(opts.cacheDir, part.spec);
      await unpackNpmPart(p.work, tgz, part);
      npmVersions[part.spec] = version;
    }
    if (opts.recipe.prime) {
      opts.progress('prime', opts.recipe.prime.commands.map((c) => c.join(' ')).join('; '));
      await prime(p.work, opts.recipe.prime);
    }
    const v = opts.recipe.versionOf;
    const version =
      v === undefined
        ? undefined
        : 'deb' in v
          ? packageVersion(p.work, v.deb)
          : 'npm' in v
            ? npmVersions[v.npm]
            : fs.readFileSync(path.join(p.work, v.file.replace(/^\/+/, '')), 'utf8').trim();
    return await writeRootfsTar(p, opts.key, p.work, version, started);
  } finally {
    await removeTree(p.work);
  }
}

/** Tars a finished root filesystem into the cache, with its metadata; the tarball appears only when complete. */
export async function writeRootfsTar(
  p: ReturnType<typeof cachePaths>,
  key: string,
  dir: string,
  version: string | undefined,
  started: number,
): Promise<Rootfs> {
  const tmp = `${p.tar}.partial`;
  await run('tar', ['-C', dir, '--numeric-owner', '--exclude=./dev/*', '--exclude=./proc/*', '--exclude=./sys/*', '-cf', tmp, '.']);
  fs.renameSync(tmp, p.tar);
  const meta: RootfsMeta = { key, version, builtAt: new Date().toISOString(), buildSeconds: Math.round((Date.now() - started) / 1000) };
  fs.writeFileSync(p.meta, JSON.stringify(meta, null, 2));
  pruneOtherKeys(path.dirname(p.tar), path.basename(p.tar).replace(/-[0-9a-f]{16}\.tar$/, ''), key);
  return { tarPath: p.tar, meta, fromCache: false };
}

/**
 * Tarballs of older recipes of the same image are dead weight (~100 MB each),
 * but another checkout sharing the cache may still use one: only week-old ones go.
 */
function pruneOtherKeys(dir: string, name: string, key: string) {
  const re = new RegExp(`^${name.replace(/[.]/g, '\\.')}-([0-9a-f]{16})\\.(tar|json)$`);
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const f of fs.readdirSync(dir)) {
    const m = f.match(re);
    if (m && m[1] !== key && fs.statSync(path.join(dir, f)).atimeMs < weekAgo) fs.rmSync(path.join(dir, f), { force: true });
  }
}

function cleanRootfs(root: string) {
  for (const dir of CLEAN) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const entry of fs.readdirSync(abs)) if (!KEEP.has(entry)) fs.rmSync(path.join(abs, entry), { recursive: true, force: true });
  }
  // apt expects these to exist even when empty.
  fs.mkdirSync(path.join(root, 'var/lib/apt/lists/partial'), { recursive: true });
  fs.mkdirSync(path.join(root, 'var/cache/apt/archives/partial'), { recursive: true });
  for (const f of HOST_FILES) fs.rmSync(path.join(root, f), { force: true });
}

/** Upstream version of an installed package: `3.11.2-6+deb12u5` → `3.11.2`. */
export function packageVersion(root: string, pkg: string): string | undefined {
  const status = fs.readFileSync(path.join(root, 'var/lib/dpkg/status'), 'utf8');
  const stanza = status.split(/\n\n/).find((s) => new RegExp(`^Package: ${pkg.replace(/[.+]/g, '\\$&')}$`, 'm').test(s));
  const full = stanza?.match(/^Version: (.+)$/m)?.[1];
  return full?.replace(/^\d+:/, '').match(/^\d+(?:\.\d+)*/)?.[0];
}

/** Runs commands inside the rootfs with /proc and /dev from the host (Go needs /dev/null), then unmounts them. */
async function prime(root: string, recipe: { env: string[]; commands: string[][] }) {
  const mounts = [
    ['-t', 'proc', 'proc', path.join(root, 'proc')],
    ['--bind', '/dev', path.join(root, 'dev')],
  ];
  const mounted: string[] = [];
  try {
    for (const m of mounts) {
      await run('mount', m);
      mounted.push(m.at(-1)!);
    }
    for (const cmd of recipe.commands) await run('nice', ['chroot', root, 'env', '-i', ...recipe.env, ...cmd]);
  } finally {
    for (const m of mounted.reverse()) await run('umount', ['-l', m]).catch(() => undefined);
  }
}

/**
 * rm -rf that first lazily unmounts anything debootstrap left mounted inside
 * (an interrupted run can leave /proc mounted: deleting through it would be bad).
 */
async function removeTree(dir: string) {
  if (!fs.existsSync(dir)) return;
  const mounts = fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1])
    .filter((m): m is string => !!m && (m === dir || m.startsWith(dir + '/')))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) await run('umount', ['-l', m]).catch(() => undefined);
  const still = fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .some((l) => (l.split(' ')[1] ?? '').startsWith(dir + '/'));
  if (still) throw new ProvisionError('build-failed', `Cannot clean ${dir}: something is still mounted inside it.`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new ProvisionError('build-failed', `${cmd} ${args.join(' ')} failed (${code}): ${err.trim()}`)),
    );
  });
}
