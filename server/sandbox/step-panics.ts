import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * On the ptrace platform a build step's pids limit also counts gVisor's own host
 * tasks, and when it stops gVisor creating one, gVisor's kernel panics: the step
 * ends with exit code 2 and no word of its own. The runc shim points each step's
 * panic report at `<shim dir>/panics/<pid>.log` (runc-shim.ts); this reads them.
 * gVisor opens the file for every step; only a panic writes to it.
 */

/** What gVisor's kernel says when it could not create a host task for a guest process or thread. */
const OUT_OF_TASKS = /inactive address space|failed to create new OS thread|resource temporarily unavailable/i;

const HOUR = 3600_000;

/**
 * True when a step's sandbox panicked for lack of tasks since `sinceMs`. Reports are removed once read
 * (a fork bomb's is ~1 MiB, on the run dir's tmpfs).
 */
export function sandboxRanOutOfTasks(dir: string, sinceMs: number): boolean {
  let found = false;
  for (const { file, st } of reports(dir)) {
    if (st.size === 0 || st.mtimeMs < sinceMs - 1000) continue;
    found ||= OUT_OF_TASKS.test(readHead(file));
    fs.rmSync(file, { force: true });
  }
  return found;
}

/** Removes reports (empty or not) older than `maxAgeMs`: no build waits that long for one. */
export function sweepPanicReports(dir: string, maxAgeMs = HOUR) {
  for (const { file, st } of reports(dir)) if (st.mtimeMs < Date.now() - maxAgeMs) fs.rmSync(file, { force: true });
}

function reports(dir: string): { file: string; st: fs.Stats }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    try {
      return [{ file, st: fs.statSync(file) }];
    } catch {
      return []; // removed meanwhile
    }
  });
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
