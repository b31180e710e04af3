import 'server-only';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fetchDebianPackages } from './debian-packages';

/**
 * Which gVisor `runsc` the engine uses. Debian 12's (release 20221219) rejects
 * statx() with AT_NO_AUTOMOUNT, which coreutils passes, so `ls` and `stat` fail
 * with "Invalid argument" inside every Debian-based image (official ones too).
 * The release Debian 13 ships (20240729) works, and runsc is one static binary
 * without dependencies: setup fetches that package from the Debian mirror
 * (debian-packages.ts) and keeps its binary in the cache, leaving the system
 * package alone.
 */

/** The oldest release we run learner code under (the one our tests use). */
export const MIN_RELEASE = 20240729;

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
  log("Debian 12's gVisor breaks `ls` in Debian-based images: using Debian 13's");
  fs.mkdirSync(gvisorDir, { recursive: true });
  const unpacked = path.join(gvisorDir, `unpacked-${process.pid}`);
  fs.rmSync(unpacked, { recursive: true, force: true });
  try {
    fetchDebianPackages(['runsc'], unpacked, log);
    const target = path.join(gvisorDir, 'runsc');
    fs.copyFileSync(path.join(unpacked, 'usr/bin/runsc'), `${target}.new-${process.pid}`);
    fs.chmodSync(`${target}.new-${process.pid}`, 0o755);
    fs.renameSync(`${target}.new-${process.pid}`, target);
    log(`gVisor ${runscRelease(target)} kept at ${target}`);
    return target;
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}

/**
 * Extra flags a runsc release needs. Since 2023 runsc keeps a container's root
 * filesystem writes in an overlay of its own (`--overlay2=root:self`), where
 * `docker build` never sees them: every RUN step would commit an empty layer.
 */
export function runscArgs(binary: string): string[] {
  return (runscRelease(binary) ?? 0) >= MIN_RELEASE ? ['--overlay2=none'] : [];
}
