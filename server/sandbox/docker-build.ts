import 'server-only';
import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { config } from '../config';
import { log } from '../log';
import type { BuildSpec } from './engine';
import {
  couldNotFork,
  engineFailure,
  explainBuildError,
  fmtMiB,
  missingPackageLists,
  triedNetwork,
  truncationNotice,
} from './engine-messages';
import { ownContainers } from './labels';
import { panicDirOf, shimDirIn } from './runc-shim';
import { sandboxRanOutOfTasks, sweepPanicReports } from './step-panics';
import { BuildKitStreamDecoder } from './buildkit/decode-build-stream';
import { cacheNamespaceArg } from './buildkit/cache-namespace';
import { stagePlan } from './buildkit/stage-plan';

/**
 * One build with BuildKit (`version=2`, the only builder): its progress decoded into
 * typed vertex/log/warning events, the log capped, the time limited, the image size
 * checked. BuildKit ignores `/build`'s memory, CPU, cgroup-parent and ulimit parameters:
 * every RUN step gets the build limits from the engine's runc shim (runc-shim.ts), so
 * none are passed here. Ends with exactly one `done` event.
 */
export async function* buildImage(d: Docker, spec: BuildSpec, signal: AbortSignal): AsyncIterable<JobEvent> {
  const started = Date.now();
  const { limits } = spec;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const abort = AbortSignal.any([signal, timeout]);
  const decoder = new BuildKitStreamDecoder(stagePlan(spec.steps, spec.target));
  let logBytes = 0;
  let truncated = false;
  let imageId: string | undefined;
  // Per vertex (parallel stages interleave): did its output show it tried the network, or could not fork?
  const triedNet = new Set<number>();
  const forkFailed = new Set<number>();
  const noLists = new Set<number>();
  // A step stopped by the pids limit usually takes gVisor down with it (exit code 2, no output): its panic report says so.
  const panics = panicDirOf(shimDirIn(config().engine.runDir));
  let outOfTasks: boolean | undefined;
  const sandboxGaveOut = (message: string) => / exit code: 2$/.test(message) && (outOfTasks ??= sandboxRanOutOfTasks(panics, started));
  const explain = (message: string, n?: number) =>
    explainBuildError(message, {
      triedNetwork: n !== undefined && triedNet.has(n),
      noPackageLists: n !== undefined && noLists.has(n),
      forkFailed: (n !== undefined && forkFailed.has(n)) || sandboxGaveOut(message),
      pidsLimit: limits.pids,
      memoryBytes: limits.memoryBytes,
      fileMaxBytes: limits.imageMaxBytes,
    });
  let failure: DoneEvent['error'] | undefined;
  let failedVertex: number | undefined;
  let failedVertexError: string | undefined;
  const finish = (state: DoneEvent['state'], extra: Partial<DoneEvent> = {}): DoneEvent => ({
    type: 'done',
    state,
    durationMs: Date.now() - started,
    ...extra,
  });

  try {
    const stream = (await d.buildImage(Readable.from([spec.context]), {
      t: spec.ref,
      // Learner images are found by their namespaced tag, not by labels.
      dockerfile: 'Dockerfile',
      buildargs: { ...spec.buildArgs, ...(spec.cacheNamespace && cacheNamespaceArg(spec.cacheNamespace)) },
      ...(spec.target && { target: spec.target }),
      networkmode: 'none',
      rm: true,
      forcerm: true,
      pull: false,
      nocache: spec.noCache ?? false,
      version: '2',
      abortSignal: abort,
    } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;

    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const ev of decoder.push(chunk)) {
        if (ev.type === 'image') imageId = ev.id;
        else if (ev.type === 'error') {
          if (ev.message !== failedVertexError) log.info('build failed', { jobId: spec.jobId, error: ev.message });
          failure ??= {
            code: /no space left on device/i.test(ev.message) ? 'disk_full' : 'build_failed',
            message: explain(ev.message, failedVertex),
            line: ev.line,
          };
        } else if (ev.type === 'vertex') {
          if (ev.state === 'error') {
            failedVertex ??= ev.n;
            failedVertexError ??= ev.error;
            // The engine's words go to the log; the learner reads an explanation.
            yield { ...ev, error: explain(ev.error ?? '', ev.n) };
          } else yield ev;
        } else if (ev.type === 'log') {
          // Learners seldom read pip's retries: a failed step that tried the network says so in its error.
          if (ev.vertex !== undefined && triedNetwork(ev.text)) triedNet.add(ev.vertex);
          if (ev.vertex !== undefined && couldNotFork(ev.text)) forkFailed.add(ev.vertex);
          if (ev.vertex !== undefined && missingPackageLists(ev.text)) noLists.add(ev.vertex);
          if (truncated) continue;
          logBytes += Buffer.byteLength(ev.text);
          if (logBytes > limits.logBytes) {
            truncated = true;
            yield truncationNotice(limits.logBytes, 'The build output');
            continue;
          }
          yield ev;
        } else yield ev;
      }
    }
    for (const ev of decoder.end())
      if (ev.type === 'error') failure ??= { code: 'build_failed', message: explain(ev.message), line: ev.line };
    sweepPanicReports(panics);
  } catch (err) {
    if (timeout.aborted) {
      failure = {
        code: 'timeout',
        message: `The build took longer than ${limits.timeoutMs / 1000} s and was stopped.`,
        line: decoder.currentLine,
      };
    } else if (signal.aborted) {
      return yield finish('cancelled');
    } else {
      failure = engineFailure(err, decoder.currentLine);
    }
  }

  if (failure?.code === 'disk_full') {
    await reclaimDisk(d);
  }
  if (failure || !imageId) {
    yield finish('failed', { error: failure ?? { code: 'build_failed', message: 'The build ended without producing an image.' } });
    return;
  }
  const image = await d.getImage(imageId).inspect();
  if (image.Size > limits.imageMaxBytes) {
    // By the learner's tag, never by id: a build that changes nothing (`FROM python:3.13-slim`
    // alone) shares its id with the base image, and removing the id would delete the base.
    await d
      .getImage(spec.ref)
      .remove()
      .catch(() => undefined);
    yield finish('failed', {
      error: {
        code: 'image_too_large',
        message: `The image is ${fmtMiB(image.Size)}, over the ${fmtMiB(limits.imageMaxBytes)} limit, so it was removed. Make it smaller (fewer files, a slimmer base, multi-stage builds).`,
      },
    });
    return;
  }
  yield finish('succeeded', { imageId, sizeBytes: image.Size });
}

/** After a disk-full build: drop what it left (dangling layers, stopped containers) so the next build has room. */
async function reclaimDisk(d: Docker) {
  try {
    // Only what is ours or old: another server on this engine may have a build in progress.
    const containers = await d.pruneContainers({ filters: { label: ownContainers() } });
    const images = await d.pruneImages({ filters: { dangling: { true: true }, until: { '10m': true } } });
    log.warn('sandbox disk was full; reclaimed space', {
      containers: containers.ContainersDeleted?.length ?? 0,
      imagesBytes: images.SpaceReclaimed,
    });
  } catch (err) {
    log.error('could not reclaim sandbox disk', { error: String(err) });
  }
}
