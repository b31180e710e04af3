import 'server-only';
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { log } from '../log';
import type { RunSpec } from './engine';
import { sandboxedContainer } from './container-options';
import { engineFailure, fmtMiB, truncationNotice } from './engine-messages';
import { EventChannel } from './event-channel';

/**
 * One run: a locked-down container (no network, no capabilities, read-only root),
 * attached before it starts, stdout and stderr demultiplexed into typed events,
 * stopped on cancel, timeout or output flood, and always removed.
 */
export async function* runContainer(d: Docker, spec: RunSpec, signal: AbortSignal): AsyncIterable<JobEvent> {
  const started = Date.now();
  const { limits } = spec;
  const channel = new EventChannel<JobEvent>();
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
      ...sandboxedContainer(spec, { readonlyRoot: true }),
      Tty: false,
      OpenStdin: false,
      AttachStdout: true,
      AttachStderr: true,
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
      stopReason = {
        code: 'output_limit',
        message: `The container printed more than ${Math.round(limits.outputBytes / 1024)} KiB and was stopped.`,
      };
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
        stopReason = {
          code: 'out_of_memory',
          message: `The container used more than ${fmtMiB(limits.memoryBytes)} of memory and was killed.`,
        };
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
      // `v`: an image's VOLUME gets an anonymous volume (writable despite the read-only root);
      // it goes with the container rather than piling up on the engine's disk run after run.
      await container!.remove({ force: true, v: true }).catch((e: { statusCode?: number }) => {
        if (e?.statusCode !== 404) log.warn('could not remove run container', { error: String(e) });
      });
    }
  })();
  void result.then((done) => {
    channel.push(done);
    channel.close();
  });
  yield* channel;
}
