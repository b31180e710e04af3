import 'server-only';
import type { JobEvent } from '@/lib/events';
import type { Engine } from './engine';
import type { EngineSupervisor } from './engine-supervisor';

/**
 * The engine as jobs see it under a supervisor: a job that starts while the
 * engine restarts waits for it (and says so), and a job the engine's death cut
 * short ends with a message that says what happened, instead of a raw
 * connection error.
 */
export function supervisedEngine(engine: Engine, supervisor: () => EngineSupervisor | undefined): Engine {
  return {
    build: (spec, signal) => guard('build', (s) => engine.build(spec, s), signal, supervisor()),
    run: (spec, signal) => guard('run', (s) => engine.run(spec, s), signal, supervisor()),
  };
}

/** How long a job waits for a restarting engine before it gives up. */
const WAIT_FOR_RESTART_MS = 120_000;

export const interruptedMessage = (kind: 'build' | 'run') =>
  `The sandbox engine stopped while this ${kind} was running. It restarts by itself, and nothing you saved is lost: start the ${kind} again in a moment.`;

async function* guard(
  kind: 'build' | 'run',
  start: (signal: AbortSignal) => AsyncIterable<JobEvent>,
  signal: AbortSignal,
  supervisor: EngineSupervisor | undefined,
): AsyncIterable<JobEvent> {
  const began = Date.now();
  if (supervisor && supervisor.state === 'restarting') {
    yield { type: 'log', stream: 'system', text: 'The sandbox engine is restarting; this job starts as soon as it is back.\n' };
    try {
      await supervisor.ready(AbortSignal.any([signal, AbortSignal.timeout(WAIT_FOR_RESTART_MS)]));
    } catch {
      if (signal.aborted) {
        yield { type: 'done', state: 'cancelled', durationMs: Date.now() - began };
      } else {
        yield {
          type: 'done',
          state: 'failed',
          durationMs: Date.now() - began,
          error: { code: 'engine_unavailable', message: 'The sandbox engine did not come back in time. Try again in a few minutes.' },
        };
      }
      return;
    }
  }
  const generation = supervisor?.generation;
  for await (const ev of start(signal)) {
    if (supervisor && ev.type === 'done' && ev.state === 'failed' && /^engine_/.test(ev.error?.code ?? '')) {
      // The job may have noticed before the supervisor's next look: look now (not waiting for the restart).
      await supervisor.confirm();
      if (supervisor.generation !== generation) {
        yield { ...ev, error: { code: 'engine_restarted', message: interruptedMessage(kind) } };
        continue;
      }
    }
    yield ev;
  }
}
