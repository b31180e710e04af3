import 'server-only';
import type Docker from 'dockerode';
import { PassThrough, Readable } from 'node:stream';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { config } from '../config';
import { log } from '../log';
import { docker as sharedDocker } from './docker';
import type { BuildSpec, Engine, RunSpec } from './engine';
import { EventChannel } from './event-channel';
import { BuildStreamDecoder } from './parse-build-stream';
import { createPidsCgroup, removeCgroups } from './pids-cgroup';

/** The real engine: dockerode against the private sandbox daemon. */

const MiB = 1024 * 1024;
const fmtMiB = (b: number) => `${Math.round(b / MiB)} MiB`;

function truncationNotice(limitBytes: number, what: string): JobEvent {
  return {
    type: 'log',
    stream: 'system',
    text: `\n[layerlab] ${what} passed the ${Math.round(limitBytes / 1024)} KiB limit; the rest is not shown.\n`,
  };
}

/** Turns the daemon's wording into a sentence for a learner; the raw text is kept for the log. */
export function explainBuildError(message: string): string {
  if (/no space left on device/i.test(message)) {
    return 'The build ran out of disk space in the sandbox. Write less data in your RUN steps.';
  }
  if (/pull access denied|repository does not exist|manifest unknown|failed to resolve|dial tcp|lookup .* on/i.test(message)) {
    return `${message}\n(The sandbox has no network: it can only use the provided base images and your own images.)`;
  }
  if (/resource temporarily unavailable|can't fork|cannot fork/i.test(message)) {
    return `${message}\n(The build hit the sandbox's process limit.)`;
  }
  return message;
}

export function dockerEngine(client: () => Docker = sharedDocker): Engine {
  const localCgroups = !config().engine.externalHost;

  return {
    async *build(spec: BuildSpec, signal: AbortSignal): AsyncIterable<JobEvent> {
      const started = Date.now();
      const { limits } = spec;
      const timeout = AbortSignal.timeout(limits.timeoutMs);
      const abort = AbortSignal.any([signal, timeout]);
      const decoder = new BuildStreamDecoder(spec.steps);
      const cgroupParent = localCgroups ? safely(() => createPidsCgroup(spec.jobId, limits.pids)) : undefined;
      let logBytes = 0;
      let truncated = false;
      let imageId: string | undefined;
      let failure: DoneEvent['error'] | undefined;
      const finish = (state: DoneEvent['state'], extra: Partial<DoneEvent> = {}): DoneEvent => ({
        type: 'done',
        state,
        durationMs: Date.now() - started,
        ...extra,
      });

      try {
        const stream = (await client().buildImage(Readable.from([spec.context]), {
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
          version: '1',
          abortSignal: abort,
        } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;

        for await (const chunk of stream as AsyncIterable<Buffer>) {
          for (const ev of decoder.push(chunk)) {
            if (ev.type === 'image') imageId = ev.id;
            else if (ev.type === 'error') {
              failure ??= {
                code: /no space left on device/i.test(ev.message) ? 'disk_full' : 'build_failed',
                message: explainBuildError(ev.message),
                line: ev.line,
              };
            }
            else if (ev.type === 'log') {
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
        await reclaimDisk(client());
      }
      if (failure || !imageId) {
        yield finish('failed', { error: failure ?? { code: 'build_failed', message: 'The build ended without producing an image.' } });
        return;
      }
      const image = await client().getImage(imageId).inspect();
      if (image.Size > limits.imageMaxBytes) {
        await client().getImage(imageId).remove({ force: true }).catch(() => undefined);
        yield finish('failed', {
          error: {
            code: 'image_too_large',
            message: `The image is ${fmtMiB(image.Size)}, over the ${fmtMiB(limits.imageMaxBytes)} limit, so it was removed. Make it smaller (fewer files, a slimmer base, multi-stage builds).`,
          },
        });
        return;
      }
      yield finish('succeeded', { imageId, sizeBytes: image.Size });
    },

    async *run(spec: RunSpec, signal: AbortSignal): AsyncIterable<JobEvent> {
      const started = Date.now();
      const { limits } = spec;
      const channel = new EventChannel<JobEvent>();
      const d = client();
      let container: Docker.Container | undefined;
      let stopReason: DoneEvent['error'] | undefined;
      let cancelled = false;
      let outputBytes = 0;
      let truncated = false;

      const kill = async () => {
        await container?.kill().catch(() => undefined);
      };

      try {
        container = await d.createContainer({
          Image: spec.ref,
          Cmd: spec.command?.length ? spec.command : undefined,
          Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
          Labels: spec.labels,
          Tty: false,
          OpenStdin: false,
          AttachStdout: true,
          AttachStderr: true,
          NetworkDisabled: true,
          StopTimeout: 1,
          HostConfig: {
            NetworkMode: 'none',
            Memory: limits.memoryBytes,
            MemorySwap: limits.memoryBytes,
            NanoCpus: Math.round(limits.cpus * 1e9),
            PidsLimit: limits.pids,
            CapDrop: ['ALL'],
            SecurityOpt: ['no-new-privileges'],
            ReadonlyRootfs: true,
            Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=64m' },
            Ulimits: [{ Name: 'fsize', Soft: 64 * MiB, Hard: 64 * MiB }],
            LogConfig: { Type: 'none', Config: {} },
          },
        });
      } catch (err) {
        yield { type: 'done', state: 'failed', durationMs: Date.now() - started, error: engineFailure(err) };
        return;
      }

      const onAbort = () => {
        cancelled = true;
        void kill();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      // A cancel that arrived while the container was being created fired no listener.
      if (signal.aborted) cancelled = true;
      const timer = setTimeout(() => {
        stopReason = { code: 'timeout', message: `The container ran longer than ${limits.timeoutMs / 1000} s and was stopped.` };
        void kill();
      }, limits.timeoutMs);

      const forward = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        if (truncated) return;
        outputBytes += chunk.length;
        if (outputBytes > limits.outputBytes) {
          truncated = true;
          channel.push(truncationNotice(limits.outputBytes, 'The output'));
          stopReason = { code: 'output_limit', message: `The container printed more than ${Math.round(limits.outputBytes / 1024)} KiB and was stopped.` };
          void kill();
          return;
        }
        channel.push({ type: 'log', stream, text: chunk.toString('utf8') });
      };

      const result = (async (): Promise<DoneEvent> => {
        try {
          const attached = (await container!.attach({ stream: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
          const out = new PassThrough().on('data', forward('stdout'));
          const err = new PassThrough().on('data', forward('stderr'));
          d.modem.demuxStream(attached, out, err);
          const ended = new Promise<void>((r) => {
            attached.on('end', r);
            attached.on('close', r);
            attached.on('error', () => r());
          });
          if (cancelled) return { type: 'done', state: 'cancelled', durationMs: Date.now() - started };
          await container!.start();
          const waited = (await container!.wait()) as { StatusCode: number };
          await Promise.race([ended, new Promise((r) => setTimeout(r, 2000))]);
          const state = await container!.inspect().catch(() => undefined);
          if (cancelled) return { type: 'done', state: 'cancelled', durationMs: Date.now() - started, exitCode: waited.StatusCode };
          if (!stopReason && state?.State?.OOMKilled) {
            stopReason = { code: 'out_of_memory', message: `The container used more than ${fmtMiB(limits.memoryBytes)} of memory and was killed.` };
          }
          return {
            type: 'done',
            state: stopReason ? 'failed' : 'succeeded',
            durationMs: Date.now() - started,
            exitCode: waited.StatusCode,
            ...(stopReason && { error: stopReason }),
          };
        } catch (err) {
          return { type: 'done', state: cancelled ? 'cancelled' : 'failed', durationMs: Date.now() - started, error: engineFailure(err) };
        } finally {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          await container!.remove({ force: true }).catch((e: { statusCode?: number }) => {
            if (e?.statusCode !== 404) log.warn('could not remove run container', { error: String(e) });
          });
        }
      })();
      void result.then((done) => {
        channel.push(done);
        channel.close();
      });
      yield* channel;
    },
  };
}

/** After a disk-full build: drop what it left (dangling layers, stopped containers) so the next build has room. */
async function reclaimDisk(d: Docker) {
  try {
    const containers = await d.pruneContainers();
    const images = await d.pruneImages({ filters: { dangling: { true: true } } });
    log.warn('sandbox disk was full; reclaimed space', {
      containers: containers.ContainersDeleted?.length ?? 0,
      imagesBytes: images.SpaceReclaimed,
    });
  } catch (err) {
    log.error('could not reclaim sandbox disk', { error: String(err) });
  }
}

function engineFailure(err: unknown, line?: number): DoneEvent['error'] {
  const e = err as { statusCode?: number; json?: { message?: string }; message?: string; code?: string };
  const raw = e?.json?.message ?? e?.message ?? String(err);
  if (e?.code === 'ENOENT' || e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET') {
    log.error('engine unreachable', { error: raw });
    return { code: 'engine_unavailable', message: 'The sandbox engine is not reachable right now. Try again in a moment.' };
  }
  if (e?.statusCode && e.statusCode < 500) {
    // 4xx from the engine are about the learner's input (e.g. a Dockerfile parse error).
    const parse = /line (\d+)/.exec(raw);
    return { code: 'build_failed', message: explainBuildError(raw.trim()), line: parse ? Number(parse[1]) : line };
  }
  log.error('engine error', { error: raw, status: e?.statusCode });
  return { code: 'engine_error', message: explainBuildError(raw.trim()), line };
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    log.warn('sandbox cgroup setup failed', { error: String(err) });
    return undefined;
  }
}
