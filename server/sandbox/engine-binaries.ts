import 'server-only';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fetchDebianPackages, fetchedVersions } from './debian-packages';

/**
 * Which Docker Engine the sandbox runs: one with BuildKit of today (Engine 25 or
 * newer). The system's `dockerd` when it is new enough (Debian 13, Ubuntu 24.04);
 * otherwise Debian 13's `docker.io` + `containerd` (+ its client and buildx, for
 * the benchmark's CLI baseline), unpacked once into the cache. They run on
 * Debian 12 as they are (glibc 2.34 needed, 2.36 there). dockerd starts the
 * containerd it finds first on its PATH, so the unpacked `usr/bin` and
 * `usr/sbin` go first there.
 */

export const MIN_ENGINE_MAJOR = 25;
export const ENGINE_PACKAGES = ['docker.io', 'containerd', 'docker-cli', 'docker-buildx'];

export type EngineBinaries = {
  dockerd: string;
  /** Folders to put first on dockerd's PATH (containerd, its shims, docker-init); empty for the system's engine. */
  pathDirs: string[];
  /** The docker client of the same release, when one is there (the bench compares against it). */
  docker?: string;
  /** A DOCKER_CONFIG folder that makes `docker` find the buildx plugin unpacked beside it. */
  dockerConfig?: string;
  version: string;
  source: 'system' | 'debian-13';
};

/** `Docker version 26.1.5+dfsg1, build …` → 26.1.5+dfsg1 */
export function dockerdVersion(binary: string): string | undefined {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? /version ([^\s,]+)/.exec(r.stdout)?.[1] : undefined;
}

export function engineMajor(version: string | undefined): number {
  return Number(/^(\d+)\./.exec(version ?? '')?.[1] ?? 0);
}

/** The engine's binaries as unpacked in `engineDir`, or undefined when not (fully) there. */
export function unpackedEngine(engineDir: string): EngineBinaries | undefined {
  if (!fetchedVersions(engineDir)) return undefined;
  const dockerd = path.join(engineDir, 'usr/sbin/dockerd');
  const version = dockerdVersion(dockerd);
  if (engineMajor(version) < MIN_ENGINE_MAJOR) return undefined;
  const docker = path.join(engineDir, 'usr/bin/docker');
  return {
    dockerd,
    pathDirs: [path.join(engineDir, 'usr/bin'), path.join(engineDir, 'usr/sbin')],
    ...(fs.existsSync(docker) && { docker, dockerConfig: path.join(engineDir, 'docker-config') }),
    version: version!,
    source: 'debian-13',
  };
}

/** The system's engine when it is new enough; else the unpacked one; undefined when neither is there. */
export function findEngine(engineDir: string, systemDockerd = which('dockerd')): EngineBinaries | undefined {
  const systemVersion = systemDockerd ? dockerdVersion(systemDockerd) : undefined;
  if (systemDockerd && engineMajor(systemVersion) >= MIN_ENGINE_MAJOR) {
    const docker = which('docker');
    return { dockerd: systemDockerd, pathDirs: [], ...(docker && { docker }), version: systemVersion!, source: 'system' };
  }
  return unpackedEngine(engineDir);
}

/** Finds a modern engine, fetching Debian 13's once when the system has none. Throws with apt's words. */
export function ensureEngine(engineDir: string, log: (line: string) => void): EngineBinaries {
  const found = findEngine(engineDir);
  if (found) return found;
  log(`the system's dockerd is older than Engine ${MIN_ENGINE_MAJOR} (no BuildKit of today): using Debian 13's, unpacked in ${engineDir}`);
  fs.rmSync(engineDir, { recursive: true, force: true });
  fetchDebianPackages(ENGINE_PACKAGES, engineDir, log, { prepare: (staging) => finishUnpack(staging, engineDir) });
  const engine = unpackedEngine(engineDir);
  if (!engine) throw new Error(`Debian 13's dockerd in ${engineDir} does not run here`);
  log(`Docker Engine ${engine.version} kept at ${engineDir}`);
  return engine;
}

/** `staging` is the tree that becomes `engineDir`. */
function finishUnpack(staging: string, engineDir: string) {
  // docker-init links to tini-static relative to /usr/bin: point it at the system's.
  const init = path.join(staging, 'usr/bin/docker-init');
  if (!fs.existsSync(init)) {
    fs.rmSync(init, { force: true });
    const tini = which('tini-static');
    if (tini) fs.symlinkSync(tini, init);
  }
  // The client looks for CLI plugins (buildx) in its config's extra folders.
  const config = path.join(staging, 'docker-config');
  fs.mkdirSync(config, { recursive: true });
  fs.writeFileSync(
    path.join(config, 'config.json'),
    JSON.stringify({ cliPluginsExtraDirs: [path.join(engineDir, 'usr/libexec/docker/cli-plugins')] }, null, 2),
  );
}

export function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
