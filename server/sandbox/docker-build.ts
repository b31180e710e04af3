import 'server-only';
import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { log } from '../log';
import type { BuildSpec } from './engine';
import { engineFailure, explainBuildError, fmtMiB, triedNetwork, truncationNotice } from './engine-messages';
import { ownContainers } from './labels';
import { BuildStreamDecoder } from './parse-build-stream';
import { createPidsCgroup, removeCgroups } from './pids-cgroup';

/**
 * One build on the legacy builder: limits as `/build` parameters (pids through a
 * per-build cgroup parent), the daemon's JSON lines decoded into typed events, the
 * log capped, the image size checked. Ends with exactly one `done` event.
 */
export async function* buildImage(d: Docker, spec: BuildSpec, signal: AbortSignal, localCgroups: boolean): AsyncIterable<JobEvent> {
  const started = Date.now();
  const { limits } = spec;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const abort = AbortSignal.any([signal, timeout]);
  const decoder = new BuildStreamDecoder(spec.steps);
  const cgroupParent = localCgroups ? safely(() => createPidsCgroup(spec.jobId, limits.pids)) : undefined;
  let logBytes = 0;
  let truncated = false;
  let imageId: string | undefined;
  let stepTriedNetwork = false;
  let failure: DoneEvent['error'] | undefined;
  const finish = (state: DoneEvent['state'], extra: Partial<DoneEvent> = {}): DoneEvent => ({
    type: 'done',
    state,
    durationMs: Date.now() - started,
    ...extra,
  });

  try {
    const stream = (await d.buildImage(Readable.from([spec.context]), {
      t: spec.ref,
      // No `labels`: the legacy builder appends them as extra LABEL steps the learner never wrote.
      // Learner images are found by their namespaced tag instead.
      dockerfile: 'Dockerfile',
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
      ...(spec.buildArgs && Object.keys(spec.buildArgs).length && { buildargs: spec.buildArgs }),
      ...(spec.target && { target: spec.target }),
      version: '1',
      abortSignal: abort,
    } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;

    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const ev of decoder.push(chunk)) {
        if (ev.type === 'image') imageId = ev.id;
        else if (ev.type === 'error') {
          failure ??= {
            code: /no space left on device/i.test(ev.message) ? 'disk_full' : 'build_failed',
            message: explainBuildError(ev.message, { triedNetwork: stepTriedNetwork }),
            line: ev.line,
          };
        } else if (ev.type === 'step') {
          stepTriedNetwork = false;
          yield ev;
        } else if (ev.type === 'log') {
          // Learners seldom read pip's retries: a failed step that tried the network says so in its error.
          if (!stepTriedNetwork && triedNetwork(ev.text)) stepTriedNetwork = true;
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
    for (const ev of decoder.end()) if (ev.type === 'error') failure ??= { code: 'build_failed', message: ev.message, line: ev.line };
  } catch (err) {
    if (timeout.aborted) {
      failure = {
        code: 'timeout',
        message: `The build took longer than ${limits.timeoutMs / 1000} s and was stopped.`,
        line: decoder.currentStep?.line,
      };
    } else if (signal.aborted) {
      return yield finish('cancelled');
    } else {
      failure = engineFailure(err, decoder.currentStep?.line);
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
