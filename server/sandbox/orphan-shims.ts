import 'server-only';
import type Docker from 'dockerode';
import type { EngineConfig } from './daemon';
import { engineProcesses } from './engine-processes';

/**
 * Ends `containerd-shim-runc-v2` processes of the engine whose container the
 * engine no longer knows (issue 10 saw them outlive their containers, 14 MB
 * each, under long hostile use). A shim is spawned after its container is
 * created, so one seen before the engine's list was read and missing from it
 * belongs to a container already removed. Returns the pids it ended.
 */
export async function reapOrphanShims(engine: Pick<EngineConfig, 'runDir' | 'dataRoot'>, client: Docker): Promise<number[]> {
  const shims = engineProcesses(engine).filter((p) => p.kind === 'shim');
  if (!shims.length) return [];
  const known = new Set((await client.listContainers({ all: true })).map((c) => c.Id));
  const ended: number[] = [];
  for (const shim of shims) {
    const id = /(?:^|\s)-id\s+([0-9a-f]{12,64})(?:\s|$)/.exec(shim.cmdline)?.[1];
    if (!id || known.has(id)) continue;
    try {
      process.kill(shim.pid, 'SIGKILL');
      ended.push(shim.pid);
    } catch {
      // gone meanwhile
    }
  }
  return ended;
}
