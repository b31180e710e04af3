import 'server-only';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The one fetcher for Debian packages the sandbox needs newer than the host's
 * (gVisor's runsc, Docker Engine 26 and its containerd). It downloads with a
 * private apt state (its own sources.list and package lists: the system's apt
 * configuration stays untouched) and unpacks with `dpkg-deb -x`: nothing is
 * installed, no maintainer script runs. The unpacked tree is kept in the cache;
 * it is moved into place in one rename, so two checkouts sharing the cache
 * never see half a tree.
 */

export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** Debian 13: Docker Engine 26.1, containerd 1.7, gVisor 20240729. */
export const NEWER_SUITE = 'trixie';

export type Fetched = { dir: string; versions: Record<string, string> };

/**
 * Downloads `packages` (no dependencies) from `suite` and unpacks them all into
 * `dest` (which must not exist yet). Throws with apt's own words on failure.
 */
export function fetchDebianPackages(
  packages: string[],
  dest: string,
  log: (line: string) => void,
  {
    suite = NEWER_SUITE,
    prepare,
  }: { suite?: string; /** Adjusts the unpacked tree before it moves into place. */ prepare?: (staging: string) => void } = {},
): Fetched {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-debs-'));
  // Unpacked beside `dest`, so the final rename stays on one filesystem.
  const staging = fs.mkdtempSync(`${dest}.partial-`);
  try {
    fs.writeFileSync(path.join(tmp, 'sources.list'), `deb ${DEBIAN_MIRROR} ${suite} main\n`);
    fs.mkdirSync(path.join(tmp, 'lists/partial'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'cache/archives/partial'), { recursive: true });
    const apt = [
      '-q',
      `-o=Dir::Etc::sourcelist=${path.join(tmp, 'sources.list')}`,
      '-o=Dir::Etc::sourceparts=/dev/null',
      `-o=Dir::State::Lists=${path.join(tmp, 'lists')}`,
      `-o=Dir::Cache=${path.join(tmp, 'cache')}`,
      '-o=APT::Sandbox::User=root',
    ];
    log(`fetching ${packages.join(', ')} from Debian ${suite}`);
    run('apt-get', [...apt, 'update'], tmp);
    run('apt-get', [...apt, 'download', ...packages], tmp);
    const versions: Record<string, string> = {};
    for (const name of packages) {
      const deb = fs.readdirSync(tmp).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${name} produced no package`);
      versions[name] = decodeURIComponent(deb.split('_')[1]);
      run('dpkg-deb', ['-x', deb, staging], tmp);
    }
    prepare?.(staging);
    fs.writeFileSync(path.join(staging, 'versions.json'), JSON.stringify({ suite, versions }, null, 2));
    try {
      fs.renameSync(staging, dest);
    } catch (err) {
      // Another checkout finished the same fetch first: use theirs.
      if (!fs.existsSync(path.join(dest, 'versions.json'))) throw err;
    }
    return { dir: dest, versions };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The versions recorded by a finished fetch, or undefined when `dir` holds none. */
export function fetchedVersions(dir: string): Record<string, string> | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'versions.json'), 'utf8')) as { versions: Record<string, string> }).versions;
  } catch {
    return undefined;
  }
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.at(-1)} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
}
