import 'server-only';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Which gVisor `runsc` the engine uses. Debian 12's (release 20221219) rejects
 * statx() with AT_NO_AUTOMOUNT, which coreutils passes, so `ls` and `stat` fail
 * with "Invalid argument" inside every Debian-based image (official ones too).
 * The release Debian 13 ships (20240729) works, and runsc is one static binary
 * without dependencies: setup fetches that package from the Debian mirror and
 * keeps its binary in the cache, leaving the system package alone.
 */

/** The oldest release we run learner code under (the one our tests use). */
export const MIN_RELEASE = 20240729;
const NEWER_SUITE = 'trixie';
const MIRROR = 'http://deb.debian.org/debian';

/** A runsc binary's release date (YYYYMMDD), from `runsc --version`. */
export function runscRelease(binary: string): number | undefined {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const m = r.status === 0 ? /(?:~|release-)(\d{8})/.exec(r.stdout) : null;
  return m ? Number(m[1]) : undefined;
}

/** A runsc at least MIN_RELEASE: the system's if new enough, else the one setup fetched; undefined if neither. */
export function modernRunsc(systemRunsc: string | undefined, gvisorDir: string): string | undefined {
  if (systemRunsc && (runscRelease(systemRunsc) ?? 0) >= MIN_RELEASE) return systemRunsc;
  const cached = path.join(gvisorDir, 'runsc');
  return fs.existsSync(cached) && (runscRelease(cached) ?? 0) >= MIN_RELEASE ? cached : undefined;
}

/** Downloads Debian's newer runsc package and keeps its binary in `gvisorDir`. Throws with apt's words on failure. */
export function fetchRunsc(gvisorDir: string, log: (line: string) => void): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-gvisor-'));
  try {
    fs.writeFileSync(path.join(tmp, 'sources.list'), `deb ${MIRROR} ${NEWER_SUITE} main\n`);
    fs.mkdirSync(path.join(tmp, 'lists/partial'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'cache/archives/partial'), { recursive: true });
    // A private apt state: the system's sources and package lists stay as they are.
    const apt = [
      '-q',
      `-o=Dir::Etc::sourcelist=${path.join(tmp, 'sources.list')}`,
      '-o=Dir::Etc::sourceparts=/dev/null',
      `-o=Dir::State::Lists=${path.join(tmp, 'lists')}`,
      `-o=Dir::Cache=${path.join(tmp, 'cache')}`,
      '-o=APT::Sandbox::User=root',
    ];
    log(`fetching gVisor (runsc) from Debian ${NEWER_SUITE}: Debian 12's release breaks \`ls\` in Debian-based images`);
    run('apt-get', [...apt, 'update'], tmp);
    run('apt-get', [...apt, 'download', 'runsc'], tmp);
    const deb = fs.readdirSync(tmp).find((f) => f.startsWith('runsc_') && f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download runsc produced no package');
    run('dpkg-deb', ['-x', deb, 'x'], tmp);
    fs.mkdirSync(gvisorDir, { recursive: true });
    const target = path.join(gvisorDir, 'runsc');
    fs.copyFileSync(path.join(tmp, 'x/usr/bin/runsc'), `${target}.new`);
    fs.chmodSync(`${target}.new`, 0o755);
    fs.renameSync(`${target}.new`, target);
    log(`gVisor ${runscRelease(target)} kept at ${target}`);
    return target;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.at(-1)} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
}

/**
 * Extra flags a runsc release needs. Since 2023 runsc keeps a container's root
 * filesystem writes in an overlay of its own (`--overlay2=root:self`), where
 * `docker build` never sees them: every RUN step would commit an empty layer.
 */
export function runscArgs(binary: string): string[] {
  return (runscRelease(binary) ?? 0) >= MIN_RELEASE ? ['--overlay2=none'] : [];
}
