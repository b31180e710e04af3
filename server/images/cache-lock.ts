import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The rootfs cache is shared by every checkout on the machine: two servers (or
 * worktrees) provisioning at once must not build the same rootfs in the same
 * work folder. A lock is a directory holding the owner's pid; a dead owner's
 * lock is taken over.
 */
export async function withCacheLock<T>(
  lockDir: string,
  onWait: (pid: number) => void,
  fn: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  let told = false;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    signal?.throwIfAborted();
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(`${lockDir}/pid`, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(`${lockDir}/pid`, { encoding: 'utf8', flag: 'a+' }) || 0);
      if (!pid || !alive(pid)) {
        // No pid yet (the owner is between mkdir and write) is taken over only when stale.
        if (pid || stale(lockDir)) {
          fs.rmSync(lockDir, { recursive: true, force: true });
          continue;
        }
      } else if (!told) {
        onWait(pid);
        told = true;
      }
      await delay(1000, undefined, { signal });
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stale(dir: string) {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs > 10_000;
  } catch {
    return true;
  }
}
