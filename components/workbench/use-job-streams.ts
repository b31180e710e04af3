'use client';

import { useCallback, useRef, type Dispatch, type SetStateAction } from 'react';
import type { DoneEvent, JobEvent, JobKind } from '@/lib/events';
import { learnerApi } from '@/lib/api-client';
import { applyEvent, eventTime, lose, type JobView } from './job-view';

type SetView = Dispatch<SetStateAction<JobView | undefined>>;

/**
 * The live event streams of the workbench's build and run (one EventSource per
 * kind), folded into their job views, and promises that settle when a job ends.
 */
export function useJobStreams(setBuild: SetView, setRun: SetView) {
  const sources = useRef<Partial<Record<JobKind, EventSource>>>({});
  const waiters = useRef(new Map<string, ((done: DoneEvent | undefined) => void)[]>());

  const settle = useCallback((id: string, done: DoneEvent | undefined) => {
    for (const resolve of waiters.current.get(id) ?? []) resolve(done);
    waiters.current.delete(id);
  }, []);

  /** Resolves when the job's stream ends (its `done`, or undefined when the log is lost). */
  const waitFor = useCallback((id: string) => {
    return new Promise<DoneEvent | undefined>((resolve) => {
      const list = waiters.current.get(id) ?? [];
      list.push(resolve);
      waiters.current.set(id, list);
    });
  }, []);

  /** Opens the job's event stream; the server replays the whole log first, so this also restores after a reload. */
  const attach = useCallback(
    (kind: JobKind, id: string) => {
      sources.current[kind]?.close();
      const source = new EventSource(learnerApi.jobEventsUrl(kind, id));
      sources.current[kind] = source;
      const set = kind === 'build' ? setBuild : setRun;
      const onEvent = (message: MessageEvent<string>) => {
        let event: JobEvent;
        try {
          event = JSON.parse(message.data) as JobEvent;
        } catch {
          return;
        }
        set((view) => (view && view.id === id ? applyEvent(view, event, eventTime(event, Date.now())) : view));
        if (event.type === 'done') {
          // The server closes the stream after `done`; without this EventSource would reconnect forever.
          source.close();
          settle(id, event);
        }
      };
      for (const type of ['status', 'vertex', 'log', 'warning', 'done'] satisfies JobEvent['type'][])
        source.addEventListener(type, onEvent as EventListener);
      source.onerror = () => {
        // CLOSED means the server refused the stream (unknown or expired job); CONNECTING is a retry in progress.
        if (source.readyState === EventSource.CLOSED) {
          set((view) => (view && view.id === id ? lose(view) : view));
          settle(id, undefined);
        }
      };
    },
    [settle, setBuild, setRun],
  );

  const closeAll = useCallback(() => {
    for (const s of Object.values(sources.current)) s?.close();
  }, []);

  return { attach, waitFor, closeAll };
}
