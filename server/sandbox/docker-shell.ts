import 'server-only';
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import type { Limits } from '../config';
import { log } from '../log';
import { sandboxedContainer } from './container-options';
import { docker } from './docker';

/**
 * An interactive container for the terminal (`docker run -it IMAGE sh`): a real
 * TTY, stdin open, the run limits (memory, CPUs, pids, file size), no network,
 * no capabilities, under the engine's default runtime (gVisor). Unlike a run its
 * root filesystem is writable, so the learner can try things; those writes go to
 * this container's layer and are removed with it.
 */

export type ShellSpec = {
  ref: string;
  command: string[];
  env: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  labels: Record<string, string>;
  limits: Limits['run'];
  cols: number;
  rows: number;
};

export type ShellContainer = {
  id: string;
  name: string;
  /** The TTY's raw output. */
  output: NodeJS.ReadableStream;
  write(data: string): void;
  resize(cols: number, rows: number): Promise<void>;
  /** Settles with the exit code when the container's process ends (or it is killed). */
  exited: Promise<number | undefined>;
  /** Kills and removes the container; safe to call twice. */
  remove(): Promise<void>;
};

export async function startShellContainer(spec: ShellSpec, d: Docker = docker()): Promise<ShellContainer> {
  // Writable root, unlike runs: a shell is for looking around and trying things (writes stay in the container).
  const container = await d.createContainer({
    ...sandboxedContainer(spec, { readonlyRoot: false, extraEnv: ['TERM=xterm-256color'] }),
    Tty: true,
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
  });
  let removed: Promise<void> | undefined;
  const remove = () =>
    (removed ??= container.remove({ force: true, v: true }).then(
      () => undefined,
      (e: { statusCode?: number }) => {
        if (e?.statusCode !== 404) log.warn('could not remove shell container', { error: String(e) });
      },
    ));
  try {
    const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
    await container.start();
    await container.resize({ h: spec.rows, w: spec.cols }).catch(() => undefined);
    const info = await container.inspect();
    const exited = container.wait().then(
      (r: { StatusCode: number }) => r.StatusCode,
      () => undefined,
    );
    return {
      id: container.id,
      name: info.Name.replace(/^\//, ''),
      output: stream,
      write: (data) => {
        if (!stream.destroyed) stream.write(data);
      },
      resize: async (cols, rows) => {
        await container.resize({ h: rows, w: cols }).catch(() => undefined);
      },
      exited,
      remove,
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
