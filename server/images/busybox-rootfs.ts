import 'server-only';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { BusyboxRecipe } from '@/lib/image-catalog';
import { APT_INSTALL, ProvisionError } from './errors';
import type { Rootfs } from './rootfs';

/**
 * The busybox stand-in: Debian's static busybox plus one symlink per applet
 * (what `busybox --install -s` would do), written straight into a tarball; no
 * debootstrap, well under a second.
 */
export async function buildBusyboxRootfs(opts: { cacheDir: string; key: string; recipe: BusyboxRecipe }): Promise<Rootfs> {
  const started = Date.now();
  const bin = opts.recipe.binary;
  if (!fs.existsSync(bin)) {
    throw new ProvisionError('busybox-missing', `${bin} is missing; the busybox stand-in is built from Debian's busybox-static.`, `Install it: ${APT_INSTALL}`);
  }
  const applets = execFileSync(bin, ['--list-full'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== 'bin/busybox');
  if (applets.length < 50) {
    throw new ProvisionError('busybox-missing', `${bin} is not a full busybox (it lists ${applets.length} applets); install busybox-static.`, `Install it: ${APT_INSTALL}`);
  }

  const pack = tar.pack();
  const mtime = new Date();
  const dir = (name: string, mode = 0o755) => pack.entry({ name, type: 'directory', mode, mtime });
  const file = (name: string, content: string | Buffer, mode = 0o644) => pack.entry({ name, mode, mtime }, content);

  for (const d of ['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'etc', 'root', 'home', 'var', 'var/spool', 'var/www', 'dev', 'proc', 'sys'])
    dir(d, d === 'root' ? 0o700 : 0o755);
  dir('tmp', 0o1777);
  file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
  file('etc/group', 'root:x:0:\nnogroup:x:65534:\n');
  file('bin/busybox', fs.readFileSync(bin), 0o755);
  for (const a of applets) pack.entry({ name: a, type: 'symlink', linkname: '/bin/busybox', mode: 0o777, mtime });
  pack.finalize();

  const tarPath = path.join(opts.cacheDir, 'rootfs', `busybox-${opts.key}.tar`);
  fs.mkdirSync(path.dirname(tarPath), { recursive: true });
  await pipeline(pack, fs.createWriteStream(tarPath));
  const version = execFileSync(bin, ['--help'], { encoding: 'utf8' }).match(/BusyBox v(\d+(?:\.\d+)*)/)?.[1];
  return { tarPath, meta: { key: opts.key, version, builtAt: mtime.toISOString(), buildSeconds: Math.round((Date.now() - started) / 1000) }, fromCache: false };
}
