import 'server-only';
import fs from 'node:fs';

/**
 * One server per database. A second `next start` on the same database would mark
 * the first one's running jobs as interrupted and reap their containers, so the
 * first server to start writes `<database>.server.json` (its pid and port) and
 * later ones refuse to start while that process lives. A lock left by a crash
 * (its pid gone, or now some other program) is taken over.
 */

export type ServerLock = { pid: number; port: number; startedAt: number };

export const lockFileOf = (dbPath: string) => `${dbPath}.server.json`;

/** The live server holding this database, if any (never this process). */
export function runningServer(dbPath: string): ServerLock | undefined {
  let lock: ServerLock;
  try {
    lock = JSON.parse(fs.readFileSync(lockFileOf(dbPath), 'utf8')) as ServerLock;
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(lock.pid) || lock.pid === process.pid) return undefined;
  try {
    // A recycled pid may belong to anything: only a node process can be our server. (Its
    // cmdline reads "next-server (v16…)": Next sets the process title; the executable tells.)
    if (!/\/node(js)?$/.test(fs.readlinkSync(`/proc/${lock.pid}/exe`))) return undefined;
  } catch {
    return undefined;
  }
  return lock;
}

export class ServerLockedError extends Error {
  constructor(
    readonly holder: ServerLock,
    dbPath: string,
  ) {
    super(
      `Another Layerlab server (pid ${holder.pid}, port ${holder.port}) is already using the database ${dbPath}. ` +
        `Stop it first, or give this server a database of its own (LAYERLAB_DB_PATH).`,
    );
    this.name = 'ServerLockedError';
  }
}

/** Takes the database for this process, or throws ServerLockedError; released when the process exits. */
export function lockDatabase(dbPath: string, port: number) {
  if (dbPath === ':memory:') return;
  const holder = runningServer(dbPath);
  if (holder) throw new ServerLockedError(holder, dbPath);
  const file = lockFileOf(dbPath);
  const mine: ServerLock = { pid: process.pid, port, startedAt: Date.now() };
  fs.writeFileSync(file, JSON.stringify(mine));
  process.once('exit', () => {
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as ServerLock).pid === process.pid) fs.rmSync(file);
    } catch {
      // already gone
    }
  });
}
