import 'server-only';
import fs from 'node:fs';

/**
 * The engine runs in a network namespace of its own, with only `lo` up: dockerd,
 * its containerd, BuildKit and every shim can reach nothing, whatever a
 * Dockerfile asks for (remote ADD, `# syntax=` frontends, pulls, git contexts).
 * Its unix socket is a file, so the host still talks to it as usual. Images from
 * a registry must come in from outside (server/images). In a pid namespace of
 * its own dockerd is pid 1: when it ends, however it ends (`kill -9` too), the
 * kernel ends containerd, every shim and every runsc with it, so none outlives
 * the engine. A mount namespace of its own (with its own /proc) keeps its many
 * overlay mounts out of the host's mount table.
 */

/**
 * The engine cannot pull: `docker pull` through it fails with "network is
 * unreachable". TODO(images): official images come in from outside the
 * namespace (server/images, e.g. `skopeo copy docker://… docker-archive:…`
 * then `docker load`), for catalog references only, when LAYERLAB_ALLOW_PULL.
 */
export const ENGINE_CAN_PULL = false;

/** The command line that starts `argv` (dockerd and its arguments) in the namespaces. */
export function isolatedCommand(argv: string[]): string[] {
  // --kill-child: should unshare itself be killed, dockerd (and so the whole namespace) goes too.
  return [
    'unshare',
    '--net',
    '--pid',
    '--fork',
    '--mount-proc',
    '--kill-child',
    '--',
    'sh',
    '-c',
    'ip link set lo up && exec "$@"',
    'layerlab-engine',
    ...argv,
  ];
}

export type Isolation = {
  /** dockerd's network namespace differs from the host's (this process's). */
  networkNamespace: boolean;
  mountNamespace: boolean;
  pidNamespace: boolean;
  /** The interfaces dockerd's namespace has: only `lo` when isolated. */
  interfaces: string[];
};

/** What isolates the engine process `pid` (read from /proc; this process must be on the host's namespaces). */
export function engineIsolation(pid: number): Isolation {
  const ns = (kind: string, p: number | 'self') => {
    try {
      return fs.readlinkSync(`/proc/${p}/ns/${kind}`);
    } catch {
      return undefined;
    }
  };
  const differs = (kind: string) => {
    const theirs = ns(kind, pid);
    return !!theirs && theirs !== ns(kind, 'self');
  };
  let interfaces: string[] = [];
  try {
    interfaces = fs
      .readFileSync(`/proc/${pid}/net/dev`, 'utf8')
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0].trim())
      .filter(Boolean);
  } catch {
    // the process is gone
  }
  return { networkNamespace: differs('net'), mountNamespace: differs('mnt'), pidNamespace: differs('pid'), interfaces };
}
