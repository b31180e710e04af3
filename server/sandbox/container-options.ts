import 'server-only';
import type Docker from 'dockerode';
import type { Limits } from '../config';
import { MiB } from './engine-messages';

/** What a learner asked of a container: `docker run`'s image, command and flags. */
export type ContainerRequest = {
  ref: string;
  command?: string[];
  env?: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  labels: Record<string, string>;
  limits: Limits['run'];
};

/**
 * The one place that decides how a learner's container is confined (runs and
 * interactive shells alike): no network, the run limits, no capabilities, no
 * new privileges, a small /tmp, a file-size cap, no engine-side logs. gVisor
 * is the engine's default runtime, so it applies without being named here.
 */
export function sandboxedContainer(
  req: ContainerRequest,
  opts: { readonlyRoot: boolean; extraEnv?: string[] },
): Docker.ContainerCreateOptions {
  const { limits } = req;
  return {
    Image: req.ref,
    Cmd: req.command?.length ? req.command : undefined,
    Env: [...Object.entries(req.env ?? {}).map(([k, v]) => `${k}=${v}`), ...(opts.extraEnv ?? [])],
    ...(req.entrypoint !== undefined && { Entrypoint: [req.entrypoint] }),
    ...(req.user !== undefined && { User: req.user }),
    ...(req.workdir !== undefined && { WorkingDir: req.workdir }),
    Labels: req.labels,
    NetworkDisabled: true,
    StopTimeout: 1,
    // The image's HEALTHCHECK stays in its config (checks can read it) but is not run:
    // `--interval=1ms` would have the engine exec into the container a thousand times a second.
    Healthcheck: { Test: ['NONE'] },
    HostConfig: {
      NetworkMode: 'none',
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: limits.pids,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ...(opts.readonlyRoot && { ReadonlyRootfs: true }),
      Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=64m' },
      Ulimits: [{ Name: 'fsize', Soft: 64 * MiB, Hard: 64 * MiB }],
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}
