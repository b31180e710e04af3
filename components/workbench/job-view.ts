/**
 * What the console shows for one build or run, folded from its typed events.
 * Pure, so the same events always render the same console — live or replayed
 * after a reload. Times come from the events themselves (the server stamps each
 * one when it is published), so step durations survive a replay too.
 */
import { parseAnsi, type AnsiSegment, type AnsiStyle } from '@/lib/ansi';
import type { DoneEvent, JobEvent, JobKind, StoredEvent } from '@/lib/events';
import type { ApiError } from '@/lib/api-client';

export const MAX_CONSOLE_ENTRIES = 4000;

export type LogStream = 'stdout' | 'stderr' | 'system';
export type ConsoleEntry =
  | { key: number; kind: 'log'; stream: LogStream; segments: AnsiSegment[] }
  | { key: number; kind: 'step'; index: number; total: number; instruction: string; cached?: boolean };

export type StepState = 'running' | 'done' | 'failed' | 'cancelled';
export type StepView = {
  index: number;
  total: number;
  instruction: string;
  line?: number;
  cached?: boolean;
  state: StepState;
  startedAt: number;
  durationMs?: number;
};

export type JobPhase = 'starting' | 'queued' | 'running' | 'done' | 'refused' | 'lost';

export type JobView = {
  kind: JobKind;
  id?: string;
  /** The command this job stands for, e.g. `docker build -t my-app .`. */
  title: string;
  phase: JobPhase;
  position?: number;
  steps: StepView[];
  entries: ConsoleEntry[];
  /** Entries dropped from the top to keep the console responsive. */
  dropped: number;
  done?: DoneEvent;
  /** The API refused to start the job. */
  refusal?: ApiError;
  /** Per stream: the colour the last chunk left on, and an escape it was cut in the middle of. */
  ansi: Partial<Record<LogStream, { style: AnsiStyle; pending: string }>>;
  nextKey: number;
};

export function newJobView(kind: JobKind, title: string): JobView {
  return { kind, title, phase: 'starting', steps: [], entries: [], dropped: 0, ansi: {}, nextKey: 1 };
}

export function isActive(view: JobView | undefined): boolean {
  return !!view && (view.phase === 'starting' || view.phase === 'queued' || view.phase === 'running');
}

/** `now` is when the event happened (ms): the server's `time` on a stored event; the client clock only as a fallback. */
export function applyEvent(view: JobView, event: JobEvent, now: number): JobView {
  switch (event.type) {
    case 'status':
      if (view.phase === 'done') return view;
      return { ...view, phase: event.state, position: event.state === 'queued' ? event.position : undefined };
    case 'step': {
      // The same step again (e.g. `---> Using cache` marks it cached): update it in place.
      const last = view.steps[view.steps.length - 1];
      if (last && last.index === event.index) {
        const steps = [...view.steps.slice(0, -1), { ...last, cached: event.cached ?? last.cached, line: event.line ?? last.line }];
        const entries = view.entries.map((e) => (e.kind === 'step' && e.index === event.index ? { ...e, cached: event.cached ?? e.cached } : e));
        return { ...view, steps, entries };
      }
      const steps = finishRunning(view.steps, 'done', now);
      steps.push({
        index: event.index,
        total: event.total,
        instruction: event.instruction,
        line: event.line,
        cached: event.cached,
        state: 'running',
        startedAt: now,
      });
      const entry: ConsoleEntry = { key: view.nextKey, kind: 'step', index: event.index, total: event.total, instruction: event.instruction, cached: event.cached };
      return append({ ...view, phase: 'running', position: undefined, steps }, entry);
    }
    case 'log': {
      const stream = event.stream ?? 'stdout';
      // The daemon's own "Step 3/6 : …" line repeats the step header the console already shows.
      const prev = view.entries[view.entries.length - 1];
      if (prev?.kind === 'step' && /^Step \d+\/\d+ : /.test(event.text) && event.text.startsWith(`Step ${prev.index}/`)) return view;
      const carried = view.ansi[stream];
      const { segments, style, pending } = parseAnsi(event.text, carried?.style, carried?.pending);
      const next = { ...view, ansi: { ...view.ansi, [stream]: { style, pending } } };
      if (segments.length === 0) return next;
      return append(next, { key: view.nextKey, kind: 'log', stream, segments });
    }
    case 'done': {
      const last: StepState = event.state === 'succeeded' ? 'done' : event.state === 'failed' ? 'failed' : 'cancelled';
      return { ...view, phase: 'done', position: undefined, done: event, steps: finishRunning(view.steps, last, now) };
    }
  }
}

/** When the server published the event; `fallback` (the client clock) for an event without a stamp. */
export function eventTime(event: JobEvent | StoredEvent, fallback: number): number {
  const time = (event as Partial<StoredEvent>).time;
  return typeof time === 'number' && Number.isFinite(time) ? time : fallback;
}

export function refuse(view: JobView, error: ApiError): JobView {
  return { ...view, phase: 'refused', refusal: error };
}

/** The job's log is gone (expired or unknown): say so instead of showing an empty console forever. */
export function lose(view: JobView): JobView {
  return view.phase === 'done' ? view : { ...view, phase: 'lost' };
}

function finishRunning(steps: StepView[], state: StepState, now: number): StepView[] {
  return steps.map((s) => (s.state === 'running' ? { ...s, state, durationMs: now - s.startedAt } : s));
}

function append(view: JobView, entry: ConsoleEntry): JobView {
  let entries = [...view.entries, entry];
  let dropped = view.dropped;
  if (entries.length > MAX_CONSOLE_ENTRIES) {
    const cut = entries.length - MAX_CONSOLE_ENTRIES;
    entries = entries.slice(cut);
    dropped += cut;
  }
  return { ...view, entries, dropped, nextKey: view.nextKey + 1 };
}

/** The Dockerfile line a failed build points at: the daemon's own line, else the failing step's. */
export function failedLine(view: JobView | undefined): { line: number; message: string } | undefined {
  const done = view?.done;
  if (!done || done.state !== 'failed' || view.kind !== 'build') return undefined;
  const step = view.steps.find((s) => s.state === 'failed');
  const line = done.error?.line ?? step?.line;
  if (!line) return undefined;
  return { line, message: done.error?.message ?? 'The build failed at this step.' };
}
