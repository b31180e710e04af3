import 'server-only';
import { isCatalogImage, normalizeRef } from '@/lib/image-catalog';
import { parseDockerLine, type DockerCommand } from '@/lib/docker-cli';
import { formatContainers, formatHistory, formatImages, formatInspect } from '@/lib/docker-cli/format';
import { recordTerminalCommand } from '../db/terminal-commands';
import { AppError, isAppError } from '../errors';
import { log } from '../log';
import { membership } from '../db/class-store';
import { jobSystem } from '../jobs/job-system';
import { findLearnerImage } from '../jobs/learner-images';
import { eventsAfter, getJob } from '../jobs/store';
import { submitBuild } from '../jobs/submit-build';
import { submitRun } from '../jobs/submit-run';
import type { ContextFile } from '@/lib/build-context';
import { requireEngine } from '../sandbox/engine-health';
import { findContainer, imageHistory, inspectImage, listContainers, listImages, removeImageTag } from '../sandbox/learner-objects';
import { shells } from './shell-sessions';

/**
 * Runs one line typed at the terminal's `docker` prompt, for one learner.
 * The line is parsed by the same grammar as the lesson blocks; builds and
 * runs go through the job system like the workbench's buttons (the terminal
 * then follows the job's events); listings answer at once, CLI-shaped. Every
 * line is recorded for the instructor.
 */

export type TerminalResult =
  | { type: 'output'; text: string; stream: 'stdout' | 'stderr'; exitCode: number }
  | { type: 'job'; kind: 'build' | 'run'; id: string }
  | { type: 'shell'; id: string; image: string };

export type TerminalRequest = { line: string; files?: ContextFile[]; lesson?: string; cols?: number; rows?: number };
/** Who asked: the client address the fair queue keys on (server/net/client-address.ts). */
export type TerminalFrom = { address?: string };

const out = (text: string, exitCode = 0): TerminalResult => ({ type: 'output', text, stream: 'stdout', exitCode });
const err = (text: string, exitCode = 1): TerminalResult => ({ type: 'output', text, stream: 'stderr', exitCode });

export async function executeTerminalLine(learner: string, req: TerminalRequest, from: TerminalFrom = {}): Promise<TerminalResult> {
  const command = parseDockerLine(req.line);
  let result: TerminalResult;
  try {
    result = await execute(learner, command, req, from);
  } catch (e) {
    if (isAppError(e)) result = err(`Error: ${e.message}`);
    else if ((e as { statusCode?: number }).statusCode === 404) result = err('Error: No such object.');
    else {
      log.warn('terminal command failed', { learner, command: command.kind, error: String(e) });
      result = err('Error: the engine could not do that just now. Please try again.');
    }
  }
  recordTerminalCommand(learner, {
    line: command.source.slice(0, 2000),
    command: command.kind,
    lesson: req.lesson,
    ...(result.type === 'output' && { exitCode: result.exitCode }),
  });
  return result;
}

/** The engine reference of an image the learner may use: their own, or a shared base image. */
async function resolveImage(learner: string, name: string): Promise<{ ref: string; shared: boolean } | undefined> {
  const own = await findLearnerImage(learner, name);
  if (own) return { ref: own, shared: false };
  if (isCatalogImage(name)) return { ref: normalizeRef(name)!, shared: true };
  return undefined;
}

const noSuchImage = (name: string) => `Error response from daemon: No such image: ${name.includes(':') ? name : `${name}:latest`}`;

async function execute(learner: string, c: DockerCommand, req: TerminalRequest, from: TerminalFrom): Promise<TerminalResult> {
  switch (c.kind) {
    case 'unsupported':
      return err(c.reason, 127);
    case 'help':
      return out(c.text);
    case 'build': {
      const files = req.files ?? [];
      let context = files;
      if (c.file !== undefined && c.file !== 'Dockerfile') {
        const chosen = files.find((f) => f.path === c.file);
        if (!chosen) return err(`ERROR: failed to read dockerfile: open ${c.file}: no such file or directory`);
        context = [...files.filter((f) => f.path !== 'Dockerfile'), { path: 'Dockerfile', content: chosen.content }];
      }
      const { id } = await submitBuild(
        learner,
        {
          files: context,
          tag: c.tag ?? 'my-image',
          lesson: req.lesson,
          noCache: c.noCache,
          buildArgs: c.buildArgs,
          target: c.target,
        },
        from,
      );
      return { type: 'job', kind: 'build', id };
    }
    case 'run': {
      if (c.interactive) {
        await requireEngine();
        const resolved = await resolveImage(learner, c.image);
        if (!resolved)
          return err(
            `Unable to find image '${c.image}' locally\n${noSuchImage(c.image)}.\nBuild it first: docker build -t ${c.image} .`,
            125,
          );
        const session = await shells().open(
          learner,
          {
            image: c.image,
            ref: resolved.ref,
            command: c.command,
            env: c.env,
            entrypoint: c.entrypoint,
            user: c.user,
            workdir: c.workdir,
            cols: req.cols ?? 80,
            rows: req.rows ?? 24,
          },
          { address: from.address, member: !!membership(learner) },
        );
        return { type: 'shell', id: session.id, image: c.image };
      }
      const { id } = await submitRun(
        learner,
        {
          image: c.image,
          command: c.command.length ? c.command : undefined,
          env: c.env,
          entrypoint: c.entrypoint,
          user: c.user,
          workdir: c.workdir,
          lesson: req.lesson,
        },
        from,
      );
      return { type: 'job', kind: 'run', id };
    }
    case 'images': {
      await requireEngine();
      let rows = await listImages(learner);
      if (c.reference) {
        const [repo, tag] = c.reference.split(':');
        rows = rows.filter((r) => r.repository === repo && (tag === undefined || r.tag === tag));
      }
      return out(formatImages(rows, c));
    }
    case 'history': {
      await requireEngine();
      const resolved = await resolveImage(learner, c.image);
      if (!resolved) return err(noSuchImage(c.image));
      return out(formatHistory(await imageHistory(resolved.ref), c));
    }
    case 'inspect': {
      await requireEngine();
      const found: unknown[] = [];
      const missing: string[] = [];
      for (const name of c.images) {
        const resolved = await resolveImage(learner, name);
        if (resolved) found.push(await inspectImage(learner, resolved.ref));
        else missing.push(`Error: No such object: ${name}`);
      }
      const text = found.length || !missing.length ? formatInspect(found, c.format) : '';
      if (missing.length)
        return {
          type: 'output',
          text: [text, ...missing].filter(Boolean).join('\n'),
          stream: found.length ? 'stdout' : 'stderr',
          exitCode: 1,
        };
      return out(text);
    }
    case 'rmi': {
      await requireEngine();
      const lines: string[] = [];
      let failed = false;
      for (const name of c.images) {
        const own = await findLearnerImage(learner, name);
        if (!own) {
          failed = true;
          lines.push(
            isCatalogImage(name)
              ? `Error response from daemon: ${name} is a shared base image here; it cannot be removed (only your own images can).`
              : noSuchImage(name),
          );
          continue;
        }
        try {
          lines.push(...(await removeImageTag(learner, own, c.force)));
        } catch (e) {
          failed = true;
          const status = (e as { statusCode?: number }).statusCode;
          lines.push(
            status === 409
              ? `Error response from daemon: conflict: unable to remove ${name}: a running container uses it (stop it first).`
              : `Error response from daemon: could not remove ${name}.`,
          );
        }
      }
      return { type: 'output', text: lines.join('\n'), stream: failed ? 'stderr' : 'stdout', exitCode: failed ? 1 : 0 };
    }
    case 'ps': {
      await requireEngine();
      const rows = await listContainers(learner);
      return out(formatContainers(rows, c));
    }
    case 'stop': {
      await requireEngine();
      const lines: string[] = [];
      let failed = false;
      for (const name of c.containers) {
        const container = await findContainer(learner, name);
        if (!container) {
          failed = true;
          lines.push(`Error response from daemon: No such container: ${name}`);
          continue;
        }
        if (container.kind === 'shell') await shells().close(learner, 'stopped');
        else if (container.job) jobSystem().cancel(container.job, learner, 'run');
        lines.push(name);
      }
      return { type: 'output', text: lines.join('\n'), stream: failed ? 'stderr' : 'stdout', exitCode: failed ? 1 : 0 };
    }
    case 'logs': {
      await requireEngine();
      const container = await findContainer(learner, c.container);
      if (!container) return err(`Error response from daemon: No such container: ${c.container}`);
      if (container.kind === 'shell') return err('This is your interactive shell: its output is in the terminal, not in a log.');
      const job = container.job ? getJob(container.job, learner) : undefined;
      if (!job) throw new AppError('not_found', `No such container: ${c.container}`);
      const text = eventsAfter(job.id)
        .flatMap((e) => (e.type === 'log' && e.stream !== 'system' ? [e.text] : []))
        .join('');
      const lines = text.replace(/\n$/, '').split('\n');
      return out(c.tail === undefined ? lines.join('\n') : c.tail === 0 ? '' : lines.slice(-c.tail).join('\n'));
    }
  }
}
