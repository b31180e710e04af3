import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BusyboxRecipe } from '@/lib/image-catalog';
import { MIRROR } from './debootstrap';
import { ProvisionError } from './errors';
import { applyFixups } from './fixups';
import { cachePaths, writeRootfsTar, type Rootfs } from './rootfs';

/**
 * The busybox stand-in. Debian's busybox binary packages leave out applets the
 * official image has (adduser, addgroup, deluser, delgroup: Debian has real
 * ones), so we compile Debian's busybox *source* package with upstream's
 * defconfig and docker-library's changes, statically, and lay it out like the
 * official image: one binary plus a symlink per applet. About a minute of CPU,
 * once per recipe (the rootfs tarball is cached).
 */

export const BUILD_TOOLS = ['gcc', 'make', 'dpkg-source', 'bzip2', 'xz', 'apt-get'];
export const BUILD_TOOLS_APT = 'apt-get install -y build-essential dpkg-dev bzip2 xz-utils';

export async function buildBusyboxRootfs(opts: {
  cacheDir: string;
  name: string;
  key: string;
  recipe: BusyboxRecipe;
  progress: (phase: string, detail?: string) => void;
  signal?: AbortSignal;
}): Promise<Rootfs> {
  const started = Date.now();
  const missing = BUILD_TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length) {
    throw new ProvisionError(
      'busybox-missing',
      `Building the busybox stand-in needs ${missing.join(', ')}.`,
      `Install them: ${BUILD_TOOLS_APT}`,
    );
  }
  const p = cachePaths(opts.cacheDir, opts.name, opts.key);
  fs.rmSync(p.work, { recursive: true, force: true });
  fs.mkdirSync(p.work, { recursive: true });
  try {
    opts.progress('source', `Debian ${opts.recipe.suite}'s busybox`);
    const src = await fetchSource(p.work, opts.recipe.suite, opts.signal);
    opts.progress('compile', 'make defconfig + docker-library settings, static');
    await run('make', ['defconfig'], src, opts.signal);
    const cfgPath = path.join(src, '.config');
    let cfg = fs.readFileSync(cfgPath, 'utf8');
    for (const [k, v] of Object.entries(opts.recipe.config)) {
      const line = v === 'y' ? `${k}=y` : `# ${k} is not set`;
      const re = new RegExp(`^(?:${k}=.*|# ${k} is not set)$`, 'm');
      cfg = re.test(cfg) ? cfg.replace(re, line) : `${cfg}${line}\n`;
    }
    fs.writeFileSync(cfgPath, cfg);
    await run('nice', ['make', `-j${Math.max(1, os.availableParallelism())}`, 'busybox'], src, opts.signal);
    const bin = path.join(src, 'busybox');
    const applets = spawnSync(bin, ['--list-full'], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== 'bin/busybox');
    const names = new Set(applets.map((a) => path.basename(a)));
    for (const must of ['adduser', 'addgroup', 'sh', 'wget']) {
      if (!names.has(must))
        throw new ProvisionError('build-failed', `the compiled busybox lacks ${must} (it lists ${applets.length} applets).`);
    }
    const version = spawnSync(bin, ['--help'], { encoding: 'utf8' }).stdout.match(/BusyBox v(\d+(?:\.\d+)*)/)?.[1];

    opts.progress('rootfs');
    const root = path.join(p.work, 'rootfs');
    for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'var', 'dev', 'proc', 'sys'])
      fs.mkdirSync(path.join(root, d), { recursive: true });
    fs.copyFileSync(bin, path.join(root, 'bin/busybox'));
    fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
    for (const a of applets) fs.symlinkSync('/bin/busybox', path.join(root, a));
    applyFixups(root, opts.recipe);
    return await writeRootfsTar(p, opts.key, root, version, started);
  } finally {
    fs.rmSync(p.work, { recursive: true, force: true });
  }
}

/** `apt-get source busybox` from `suite` with a private apt state (the host's sources stay untouched); returns the unpacked tree. */
async function fetchSource(work: string, suite: string, signal?: AbortSignal): Promise<string> {
  const apt = path.join(work, 'apt');
  fs.mkdirSync(path.join(apt, 'lists/partial'), { recursive: true });
  fs.mkdirSync(path.join(apt, 'cache/archives/partial'), { recursive: true });
  fs.writeFileSync(path.join(apt, 'sources.list'), `deb-src ${MIRROR} ${suite} main\n`);
  const opts = [
    '-q',
    `-o=Dir::Etc::sourcelist=${path.join(apt, 'sources.list')}`,
    '-o=Dir::Etc::sourceparts=/dev/null',
    `-o=Dir::State::Lists=${path.join(apt, 'lists')}`,
    `-o=Dir::Cache=${path.join(apt, 'cache')}`,
    '-o=APT::Sandbox::User=root',
  ];
  await run('apt-get', [...opts, 'update'], work, signal);
  await run('apt-get', [...opts, 'source', '--download-only', 'busybox'], work, signal);
  const dsc = fs.readdirSync(work).find((f) => /^busybox_.*\.dsc$/.test(f));
  if (!dsc) throw new ProvisionError('build-failed', 'apt-get source busybox fetched no .dsc file.');
  // dpkg-source checks the signature and checksums of the .dsc, then applies Debian's patches.
  await run('dpkg-source', ['-x', dsc, 'src'], work, signal);
  return path.join(work, 'src');
}

function run(cmd: string, args: string[], cwd: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let tail = '';
    const keep = (d: Buffer) => (tail = (tail + d).slice(-3000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new ProvisionError(
              'build-failed',
              `${cmd} ${args.join(' ')} failed (${code}): ${tail.trim().split('\n').slice(-5).join('\n')}`,
            ),
          ),
    );
  });
}
