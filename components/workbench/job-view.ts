/**
 * What the console shows for one build or run, folded from its typed events.
 * Pure, so the same events always render the same console — live or replayed
 * after a reload. Times come from the events themselves (the server stamps each
 * one when it is published), so step durations survive a replay too.
 */
import { parseAnsi, type AnsiSegment, type AnsiStyle } from '@/lib/ansi';
import type { ApiError } from '@/lib/api-client';
import { initialProgress, progressLines, type ProgressLineRole, type ProgressState } from '@/lib/build-progress';
import type { DoneEvent, JobEvent, JobKind, StoredEvent, VertexEvent } from '@/lib/events';

export const MAX_CONSOLE_ENTRIES = 4000;

export type LogStream = 'stdout' | 'stderr' | 'system';
export type ConsoleEntry =
  | { key: number; kind: 'log'; stream: LogStream; segments: AnsiSegment[] }
  /** A line of BuildKit's plain progress (`#5 [build 2/4] RUN …`, `#5 CACHED`, `#5 DONE 0.4s`); `vertex` is its `#N`. */
  | { key: number; kind: 'progress'; role: Exclude<ProgressLineRole, 'output'>; text: string; vertex?: number };

export type StepState = 'running' | 'done' | 'failed' | 'cancelled';
/** One Dockerfile step BuildKit ran (a vertex), in the order steps started; `index` is its `#N`. */
export type StepView = {
  index: number;
  /** `[build 2/4]`-style position as BuildKit names it, or '' for a single unnamed stage's `[2/4]`. */
  stage?: string;
  step?: number;
  steps?: number;
  /** Part of the stage the image is made of (the target), not an earlier stage. */
  final?: boolean;
  instruction: string;
  line?: number;
  cached?: boolean;
  state: StepState;
  startedAt: number;
  durationMs?: number;
  error?: string;
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
  /** The plain-progress renderer's state (which `#N` the console is in). */
  progress: ProgressState;
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
  return { kind, title, phase: 'starting', steps: [], entries: [], progress: initialProgress(), dropped: 0, ansi: {}, nextKey: 1 };
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
    case 'vertex': {
      const running = view.phase === 'done' ? view : { ...view, phase: 'running' as const, position: undefined };
      return printProgress({ ...running, steps: event.internal ? view.steps : updateSteps(view.steps, event, now) }, event);
    }
    case 'warning':
      return printProgress(view, event);
    case 'log': {
      if (event.vertex !== undefined) return printProgress(view, event);
      const stream = event.stream ?? 'stdout';
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

/** The steps list follows the vertices: a new `#N` is added, a known one changes state in place. */
function updateSteps(steps: StepView[], event: VertexEvent, now: number): StepView[] {
  const state: StepState = event.state === 'error' ? 'failed' : event.state === 'started' ? 'running' : 'done';
  const known = steps.findIndex((s) => s.index === event.n);
  const startedAt = known >= 0 ? steps[known].startedAt : (event.startedAt ?? now);
  const step: StepView = {
    index: event.n,
    ...(event.stage && { stage: event.stage }),
    ...(event.step && { step: event.step, steps: event.steps }),
    ...(event.final !== undefined && { final: event.final }),
    instruction: event.instruction ?? event.name.replace(/^\[[^\]]*\] /, ''),
    ...(event.line !== undefined && { line: event.line }),
    ...((event.state === 'cached' || (known >= 0 && steps[known].cached)) && { cached: true }),
    state,
    startedAt,
    ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : event.state === 'cached' ? { durationMs: 0 } : {}),
    ...(event.error && { error: event.error }),
  };
  if (known < 0) return [...steps, step];
  return steps.map((s, i) => (i === known ? step : s));
}

/** Appends an event's plain-progress lines (shared renderer in lib/build-progress) to the console. */
function printProgress(view: JobView, event: JobEvent): JobView {
  const { state, lines } = progressLines(view.progress, event);
  let next: JobView = { ...view, progress: state };
  for (const line of lines) {
    if (line.role === 'output') {
      const stream = line.stream ?? 'stdout';
      const carried = next.ansi[stream];
      const { segments, style, pending } = parseAnsi(line.text + '\n', carried?.style, carried?.pending);
      next = append(
        { ...next, ansi: { ...next.ansi, [stream]: { style, pending } } },
        { key: next.nextKey, kind: 'log', stream, segments },
      );
    } else {
      next = append(next, {
        key: next.nextKey,
        kind: 'progress',
        role: line.role,
        text: line.text,
        ...(line.vertex !== undefined && { vertex: line.vertex }),
      });
    }
  }
  return next;
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

/** The Dockerfile line a failed build points at: the engine's own line (a parse error), else the failing step's. */
export function failedLine(view: JobView | undefined): { line: number; message: string } | undefined {
  const done = view?.done;
  if (!done || done.state !== 'failed' || view.kind !== 'build') return undefined;
  const step = view.steps.find((s) => s.state === 'failed');
  const line = done.error?.line ?? step?.line;
  if (!line) return undefined;
  return { line, message: done.error?.message ?? 'The build failed at this step.' };
}
