import { describe, expect, it } from 'vitest';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { applyEvent, eventTime, failedLine, MAX_CONSOLE_ENTRIES, newJobView } from './job-view';

const fold = (events: JobEvent[], times = events.map((_, i) => i * 100)) =>
  events.reduce((v, e, i) => applyEvent(v, e, times[i]), newJobView('build', 'docker build .'));

describe('job view', () => {
  it('tracks queue position, steps (vertices) with durations, and the final state', () => {
    const v = fold([
      { type: 'status', state: 'queued', position: 2 },
      { type: 'status', state: 'running' },
      { type: 'vertex', n: 1, name: '[internal] load remote build context', state: 'started', internal: true },
      {
        type: 'vertex',
        n: 2,
        name: '[1/2] FROM docker.io/library/python:3.13-slim',
        state: 'cached',
        step: 1,
        steps: 2,
        instruction: 'FROM python:3.13-slim',
        line: 1,
      },
      {
        type: 'vertex',
        n: 3,
        name: '[2/2] RUN pip install flask',
        state: 'started',
        step: 2,
        steps: 2,
        instruction: 'RUN pip install flask',
        line: 3,
        startedAt: 300,
      },
      { type: 'log', vertex: 3, at: 0.1, text: 'Collecting flask\n' },
      { type: 'done', state: 'failed', durationMs: 900, error: { code: 'build_failed', message: 'no network', line: 3 } },
    ]);
    expect(v.phase).toBe('done');
    // [internal] work is in the log, not in the steps list.
    expect(v.steps.map((s) => [s.index, s.state, s.cached ?? false, s.durationMs])).toEqual([
      [2, 'done', true, 0],
      [3, 'failed', false, 300],
    ]);
    expect(v.entries.map((e) => (e.kind === 'progress' ? e.text : e.kind))).toEqual([
      '#1 [internal] load remote build context',
      '',
      '#2 [1/2] FROM docker.io/library/python:3.13-slim',
      '#2 CACHED',
      '',
      '#3 [2/2] RUN pip install flask',
      'log',
    ]);
    expect(failedLine(v)).toEqual({ line: 3, message: 'no network' });
  });

  it('colours a log whose escape was split between two events', () => {
    const v = fold([
      { type: 'log', text: '\x1b[3', stream: 'stderr' },
      { type: 'log', text: '1mred', stream: 'stderr' },
    ]);
    const text = v.entries.flatMap((e) => (e.kind === 'log' ? e.segments : []));
    expect(text).toEqual([{ text: 'red', style: { fg: 1 } }]);
  });

  it('shows the queue position while waiting', () => {
    const v = fold([{ type: 'status', state: 'queued', position: 3 }]);
    expect(v).toMatchObject({ phase: 'queued', position: 3 });
  });

  it('falls back to the failing step line when the daemon gives none', () => {
    const v = fold([
      { type: 'vertex', n: 1, name: '[1/1] RUN false', state: 'started', instruction: 'RUN false', line: 4 },
      {
        type: 'vertex',
        n: 1,
        name: '[1/1] RUN false',
        state: 'error',
        instruction: 'RUN false',
        line: 4,
        durationMs: 5,
        error: 'The command `false` failed with exit code 1.',
      },
      {
        type: 'done',
        state: 'failed',
        durationMs: 1,
        error: { code: 'build_failed', message: 'The command `false` failed with exit code 1.' },
      },
    ]);
    expect(failedLine(v)?.line).toBe(4);
  });

  it('keeps ANSI colour across chunks of one stream and separates streams', () => {
    const v = fold([
      { type: 'log', text: '\x1b[31mred ', stream: 'stderr' },
      { type: 'log', text: 'plain', stream: 'stdout' },
      { type: 'log', text: 'still red\x1b[0m', stream: 'stderr' },
    ]);
    const logs = v.entries.filter((e) => e.kind === 'log');
    expect(logs.map((e) => e.kind === 'log' && [e.stream, e.segments[0].style.fg])).toEqual([
      ['stderr', 1],
      ['stdout', undefined],
      ['stderr', 1],
    ]);
  });

  it('caps the console and counts what it dropped', () => {
    const events: JobEvent[] = Array.from({ length: MAX_CONSOLE_ENTRIES + 5 }, (_, i) => ({ type: 'log', text: `${i}\n` }));
    const v = fold(events);
    expect(v.entries).toHaveLength(MAX_CONSOLE_ENTRIES);
    expect(v.dropped).toBe(5);
  });
});

describe('vertex events from BuildKit', () => {
  it('updates a vertex in place in the steps list and prints its output with the #N prefix', () => {
    const v = fold([
      {
        type: 'vertex',
        n: 4,
        name: '[build 2/3] RUN make',
        state: 'started',
        stage: 'build',
        step: 2,
        steps: 3,
        final: false,
        line: 5,
        instruction: 'RUN make',
        startedAt: 1_000,
      },
      { type: 'log', vertex: 4, at: 0.25, text: '\x1b[31mwarning\x1b[0m\n', stream: 'stderr' },
      {
        type: 'vertex',
        n: 4,
        name: '[build 2/3] RUN make',
        state: 'done',
        stage: 'build',
        step: 2,
        steps: 3,
        final: false,
        line: 5,
        instruction: 'RUN make',
        startedAt: 1_000,
        durationMs: 420,
      },
    ]);
    expect(v.steps).toEqual([
      {
        index: 4,
        stage: 'build',
        step: 2,
        steps: 3,
        final: false,
        instruction: 'RUN make',
        line: 5,
        state: 'done',
        startedAt: 1_000,
        durationMs: 420,
      },
    ]);
    const output = v.entries.find((e) => e.kind === 'log');
    expect(output?.kind === 'log' && output.segments.map((s) => [s.text, s.style.fg])).toEqual([
      ['#4 0.250 ', undefined],
      ['warning', 1],
      ['\n', undefined],
    ]);
    expect(v.entries.filter((e) => e.kind === 'progress').map((e) => e.kind === 'progress' && [e.role, e.vertex])).toEqual([
      ['header', 4],
      ['done', 4],
    ]);
  });
});

describe('durations from the server’s event times', () => {
  it('gives the same step durations live and when the log is replayed later (engine times, else event times)', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const stored = [
      { type: 'status', state: 'running', id: 1, time: t0 },
      { type: 'vertex', n: 1, name: '[1/2] FROM docker.io/library/busybox:latest', state: 'cached', id: 2, time: t0 + 10 },
      { type: 'vertex', n: 2, name: '[2/2] RUN sleep 2', state: 'started', id: 3, time: t0 + 260 },
      { type: 'vertex', n: 3, name: '[2/2] RUN sleep 3', state: 'started', id: 4, time: t0 + 270 },
      { type: 'vertex', n: 2, name: '[2/2] RUN sleep 2', state: 'done', durationMs: 2_010, id: 5, time: t0 + 2_270 },
      { type: 'done', state: 'cancelled', durationMs: 2400, id: 6, time: t0 + 2_410 },
    ] as StoredEvent[];
    // Replayed a day later: the client clock says nothing about how long the steps took.
    const replayAt = t0 + 86_400_000;
    const v = stored.reduce((view, e, i) => applyEvent(view, e, eventTime(e, replayAt + i)), newJobView('build', 'docker build .'));
    expect(v.steps.map((s) => [s.state, s.durationMs])).toEqual([
      ['done', 0],
      ['done', 2_010],
      ['cancelled', 2_140],
    ]);
  });

  it('falls back to the given clock for an event without a time', () => {
    expect(eventTime({ type: 'log', text: 'x' }, 42)).toBe(42);
    expect(eventTime({ type: 'log', text: 'x', id: 1, time: 7 } as StoredEvent, 42)).toBe(7);
  });
});
