import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Engine API's `/build` has no pids limit, so each build gets a cgroup parent
 * of its own whose `pids.max` caps every RUN step's container (cgroup v1).
 * Docker's cgroupfs driver creates the same parent under every controller; we
 * remove them all afterwards.
 */

const ROOT = '/sys/fs/cgroup';
const PARENT = 'layerlab';

export function pidsCgroupAvailable() {
  return fs.existsSync(path.join(ROOT, 'pids', 'cgroup.procs'));
}

/** Creates `/layerlab/<name>` with `pids.max`; returns the cgroup parent for `/build`. */
export function createPidsCgroup(name: string, max: number): string | undefined {
  if (!pidsCgroupAvailable()) return undefined;
  const dir = path.join(ROOT, 'pids', PARENT, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pids.max'), String(max));
  return `/${PARENT}/${name}`;
}

/** Removes the build's cgroups in every controller (children first). Best effort. */
export function removeCgroups(name: string) {
  let controllers: string[] = [];
  try {
    controllers = fs.readdirSync(ROOT);
  } catch {
    return;
  }
  for (const c of controllers) {
    const dir = path.join(ROOT, c, PARENT, name);
    removeTree(dir);
  }
}

function removeTree(dir: string) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeTree(path.join(dir, e.name));
  try {
    fs.rmdirSync(dir);
  } catch {
    // still in use or already gone: the next reap tries again
  }
}
