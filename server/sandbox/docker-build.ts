import 'server-only';
import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { log } from '../log';
import type { BuildSpec } from './engine';
import { engineFailure, explainBuildError, fmtMiB, triedNetwork, truncationNotice } from './engine-messages';
import { ownContainers } from './labels';
import { BuildKitStreamDecoder } from './buildkit/decode-build-stream';
import { cacheNamespaceArg } from './buildkit/cache-namespace';
import { stagePlan } from './buildkit/stage-plan';
import { createPidsCgroup, removeCgroups } from './pids-cgroup';

/**
 * One build with BuildKit (`version=2`, the only builder): its progress decoded into
 * typed vertex/log/warning events, the log capped, the image size checked. Limits are
 * still passed as `/build` parameters for engines that honour them (the RUN steps' own
 * limits come from the engine's runc shim). Ends with exactly one `done` event.
 */
export async function* buildImage(d: Docker, spec: BuildSpec, signal: AbortSignal, localCgroups: boolean): AsyncIterable<JobEvent> {
  const started = Date.now();
  const { limits } = spec;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const abort = AbortSignal.any([signal, timeout]);
  const decoder = new BuildKitStreamDecoder(stagePlan(spec.steps, spec.target));
  const cgroupParent = localCgroups ? safely(() => createPidsCgroup(spec.jobId, limits.pids)) : undefined;
  let logBytes = 0;
  let truncated = false;
  let imageId: string | undefined;
  // Per vertex: did its output show it tried the network (parallel stages interleave).
  const triedNet = new Set<number>();
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
      memory: limits.memoryBytes,
      memswap: limits.memoryBytes,
      cpuperiod: 100_000,
      cpuquota: Math.round(limits.cpus * 100_000),
      ...(cgroupParent && { cgroupparent: cgroupParent }),
      // A single file may not outgrow the image budget; fills the disk less quickly.
      ulimits: JSON.stringify([{ Name: 'fsize', Soft: limits.imageMaxBytes, Hard: limits.imageMaxBytes }]),
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
            message: explainBuildError(ev.message, { triedNetwork: failedVertex !== undefined && triedNet.has(failedVertex), memoryBytes: limits.memoryBytes }),
            line: ev.line,
          };
        } else if (ev.type === 'vertex') {
          if (ev.state === 'error') {
            failedVertex ??= ev.n;
            failedVertexError ??= ev.error;
            // The engine's words go to the log; the learner reads an explanation.
            yield { ...ev, error: explainBuildError(ev.error ?? '', { triedNetwork: triedNet.has(ev.n), memoryBytes: limits.memoryBytes }) };
          } else yield ev;
        } else if (ev.type === 'log') {
          // Learners seldom read pip's retries: a failed step that tried the network says so in its error.
          if (ev.vertex !== undefined && triedNetwork(ev.text)) triedNet.add(ev.vertex);
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
    for (const ev of decoder.end()) if (ev.type === 'error') failure ??= { code: 'build_failed', message: explainBuildError(ev.message), line: ev.line };
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
  } finally {
    if (cgroupParent) safely(() => removeCgroups(spec.jobId));
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
    // By the learner's tag, never by id: a build that changes nothing (`FROM python:3.11-slim`
    // alone) shares its id with the base image, and removing the id would delete the base.
    await d.getImage(spec.ref).remove().catch(() => undefined);
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

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    log.warn('sandbox cgroup setup failed', { error: String(err) });
    return undefined;
  }
}
