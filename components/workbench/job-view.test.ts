import { describe, expect, it } from 'vitest';
import type { JobEvent, StoredEvent } from '@/lib/events';
import { applyEvent, eventTime, failedLine, MAX_CONSOLE_ENTRIES, newJobView } from './job-view';

const fold = (events: JobEvent[], times = events.map((_, i) => i * 100)) =>
  events.reduce((v, e, i) => applyEvent(v, e, times[i]), newJobView('build', 'docker build .'));

describe('job view', () => {
  it('tracks queue position, steps with durations, and the final state', () => {
    const v = fold([
      { type: 'status', state: 'queued', position: 2 },
      { type: 'status', state: 'running' },
      { type: 'step', index: 1, total: 2, instruction: 'FROM python:3.11-slim', line: 1 },
      { type: 'log', text: ' ---> abc\n' },
      { type: 'step', index: 2, total: 2, instruction: 'RUNN echo hi', line: 3 },
      { type: 'done', state: 'failed', durationMs: 900, error: { code: 'build_failed', message: 'unknown instruction: RUNN', line: 3 } },
    ]);
    expect(v.phase).toBe('done');
    expect(v.steps.map((s) => [s.index, s.state, s.durationMs])).toEqual([[1, 'done', 200], [2, 'failed', 100]]);
    expect(v.entries.map((e) => e.kind)).toEqual(['step', 'log', 'step']);
    expect(failedLine(v)).toEqual({ line: 3, message: 'unknown instruction: RUNN' });
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
      { type: 'step', index: 1, total: 1, instruction: 'RUN false', line: 4 },
      { type: 'done', state: 'failed', durationMs: 1, error: { code: 'build_failed', message: 'returned a non-zero code: 1' } },
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

describe('step events from the legacy builder', () => {
  it('updates a repeated step in place and hides the daemon’s duplicate step line', () => {
    const v = fold([
      { type: 'step', index: 1, total: 2, instruction: 'FROM python:3.11-slim', line: 2 },
      { type: 'log', text: 'Step 1/2 : FROM layerlab-abc/python:3.11-slim\n' },
      { type: 'log', text: ' ---> Using cache\n' },
      { type: 'step', index: 1, total: 2, instruction: 'FROM python:3.11-slim', line: 2, cached: true },
    ]);
    expect(v.steps).toHaveLength(1);
    expect(v.steps[0].cached).toBe(true);
    expect(v.entries.map((e) => e.kind)).toEqual(['step', 'log']);
    expect(v.entries[0]).toMatchObject({ kind: 'step', cached: true });
  });
});

describe('durations from the server’s event times', () => {
  it('gives the same step durations live and when the log is replayed later', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const stored = [
      { type: 'status', state: 'running', id: 1, time: t0 },
      { type: 'step', index: 1, total: 2, instruction: 'FROM busybox', id: 2, time: t0 + 10 },
      { type: 'step', index: 2, total: 2, instruction: 'RUN sleep 2', id: 3, time: t0 + 260 },
      { type: 'done', state: 'succeeded', durationMs: 2400, id: 4, time: t0 + 2_410 },
    ] as StoredEvent[];
    // Replayed a day later: the client clock says nothing about how long the steps took.
    const replayAt = t0 + 86_400_000;
    const v = stored.reduce((view, e, i) => applyEvent(view, e, eventTime(e, replayAt + i)), newJobView('build', 'docker build .'));
    expect(v.steps.map((s) => s.durationMs)).toEqual([250, 2_150]);
  });

  it('falls back to the given clock for an event without a time', () => {
    expect(eventTime({ type: 'log', text: 'x' }, 42)).toBe(42);
    expect(eventTime({ type: 'log', text: 'x', id: 1, time: 7 } as StoredEvent, 42)).toBe(7);
  });
});
