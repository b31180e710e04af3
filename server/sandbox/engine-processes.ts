import 'server-only';
import fs from 'node:fs';
import type { EngineConfig } from './daemon';

export type EngineProcess = { pid: number; kind: 'dockerd' | 'containerd' | 'shim' | 'runsc' | 'other'; cmdline: string };

/**
 * Every process on this host that belongs to the engine: its command line names
 * the engine's run directory or data-root (dockerd, containerd, the shims, runsc
 * for runs and for BuildKit's steps). What a test or an operator counts to see
 * that nothing outlived its container or the engine.
 */
export function engineProcesses(engine: Pick<EngineConfig, 'runDir' | 'dataRoot'>): EngineProcess[] {
  const found: EngineProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue; // ended meanwhile
    }
    if (!cmdline.includes(`${engine.runDir}/`) && !cmdline.includes(`${engine.dataRoot}/`) && !cmdline.includes(`=${engine.dataRoot} `))
      continue;
    if (cmdline.startsWith('unshare ')) continue; // the namespace's parent, not part of the engine
    found.push({ pid: Number(entry), kind: kindOf(cmdline), cmdline });
  }
  return found;
}

function kindOf(cmdline: string): EngineProcess['kind'] {
  const exe = cmdline.split(' ')[0].split('/').at(-1) ?? '';
  if (exe === 'dockerd') return 'dockerd';
  if (exe === 'containerd') return 'containerd';
  if (exe.startsWith('containerd-shim')) return 'shim';
  if (exe.startsWith('runsc')) return 'runsc';
  return 'other';
}
