import 'server-only';
import { EventEmitter } from 'node:events';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { singleton } from '../singleton';
import { appendEvent, eventsAfter, getJob, lastSeq, markFinished } from './store';

/**
 * A job's event log: every event is numbered, stored, then published to live
 * subscribers. A subscriber gets everything after the id it has seen (replay from
 * storage), then live events, with no gap and no duplicate, until `done`.
 */

const bus = singleton('job-bus', () => new EventEmitter().setMaxListeners(0));
const sequences = singleton('job-sequences', () => new Map<string, number>());

export function publish(jobId: string, event: JobEvent): StoredEvent {
  const seq = (sequences.get(jobId) ?? lastSeq(jobId)) + 1;
  sequences.set(jobId, seq);
  const stamped = { ...event, time: Date.now() };
  appendEvent(jobId, seq, stamped);
  if (event.type === 'done') {
    markFinished(jobId, event);
    sequences.delete(jobId);
  }
  const stored = { ...stamped, id: seq } as StoredEvent;
  bus.emit(jobId, stored);
  return stored;
}

export async function* subscribe(jobId: string, after: number, signal: AbortSignal): AsyncIterable<StoredEvent> {
  const pending: StoredEvent[] = [];
  let wake: (() => void) | undefined;
  const onEvent = (e: StoredEvent) => {
    pending.push(e);
    wake?.();
  };
  // Listen before reading storage, so nothing published in between is lost.
  bus.on(jobId, onEvent);
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  try {
    let seen = after;
    for (const e of eventsAfter(jobId, after)) {
      seen = e.id;
      yield e;
      if (e.type === 'done') return;
    }
    // A job that finished before we listened (or was interrupted) has nothing live to add.
    if (getJob(jobId)?.done && !pending.some((e) => e.id > seen)) return;
    while (!signal.aborted) {
      const next = pending.shift();
      if (!next) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      if (next.id <= seen) continue;
      seen = next.id;
      yield next;
      if (next.type === 'done') return;
    }
  } finally {
    bus.off(jobId, onEvent);
    signal.removeEventListener('abort', onAbort);
  }
}
