import { spawn } from 'node:child_process';
import Docker from 'dockerode';
import { config } from '../../server/config';
import { findEngine } from '../../server/sandbox/engine-binaries';

/**
 * The sandbox engine as the benchmark sees it from outside the server: the docker
 * CLI and a dockerode client of our own (server/sandbox/docker.ts belongs to the
 * app; the bench only reads the same configuration).
 */

export const dockerHost = () => config().engine.externalHost ?? `unix://${config().engine.socket}`;

let client: Docker | undefined;
export function engineDocker(): Docker {
  const host = dockerHost();
  client ??= host.startsWith('unix://')
    ? new Docker({ socketPath: host.slice('unix://'.length) })
    : new Docker({ socketPath: config().engine.socket });
  return client;
}

/**
 * The docker CLI of the engine's own release (Debian 13's client and buildx, unpacked
 * beside the engine) when there is one, else the `docker` on PATH; with the environment
 * that points it at the sandbox engine.
 */
export function dockerCli(env: Record<string, string> = {}): { bin: string; env: NodeJS.ProcessEnv } {
  const engine = findEngine(config().engine.engineDir);
  return {
    bin: engine?.docker ?? 'docker',
    env: { ...process.env, DOCKER_HOST: dockerHost(), ...(engine?.dockerConfig && { DOCKER_CONFIG: engine.dockerConfig }), ...env },
  };
}

/**
 * `docker build` with BuildKit (the engine's own CLI and buildx), as a learner runs it on their laptop; resolves
 * with the wall time and image id. No --memory/--cpu/--ulimit: BuildKit ignores them, and both paths get the
 * same step limits from the engine's runc shim.
 */
export function cliBuild(dir: string, opts: { noCache: boolean; tag: string }): Promise<{ ms: number; imageId: string }> {
  const args = ['build', '-q', '-t', opts.tag, '--network', 'none', ...(opts.noCache ? ['--no-cache'] : []), dir];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const cli = dockerCli({ DOCKER_BUILDKIT: '1' });
    const p = spawn(cli.bin, args, { env: cli.env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`docker build failed (${code}): ${err}`));
      else resolve({ ms: performance.now() - t0, imageId: out.trim() });
    });
  });
}

/** Removes images the benchmark made that no tag points to any more (--no-cache rebuilds leave them behind). */
export async function removeUntagged(ids: Iterable<string>) {
  const d = engineDocker();
  let removed = 0;
  for (const id of new Set(ids)) {
    try {
      const info = await d.getImage(id).inspect();
      if (info.RepoTags?.length) continue;
      await d.getImage(id).remove();
      removed++;
    } catch {
      // gone already, or still used as a parent: leave it
    }
  }
  return removed;
}
