import { describe, expect, it } from 'vitest';
import type { StepView } from '@/components/workbench/job-view';
import { baseImageOf, layerRows, timeline } from './layers';
import type { Layer } from '@/lib/api-client';

const layer = (sizeBytes: number, fromBase: boolean, extra: Partial<Layer> = {}): Layer => ({
  createdBy: 'x',
  sizeBytes,
  fromBase,
  ...extra,
});
const step = (index: number, instruction: string, durationMs?: number, extra: Partial<StepView> = {}): StepView => ({
  index,
  instruction,
  state: durationMs === undefined ? 'running' : 'done',
  startedAt: 0,
  durationMs,
  ...extra,
});

describe('baseImageOf', () => {
  it('names the final stage’s base image, without AS or flags', () => {
    expect(baseImageOf([step(1, 'FROM python:3.13-slim AS build'), step(2, 'RUN x'), step(3, 'FROM debian:bookworm-slim')])).toBe(
      'debian:bookworm-slim',
    );
    expect(baseImageOf([step(1, 'from python:3.13-slim as app')])).toBe('python:3.13-slim');
    expect(baseImageOf([step(1, 'RUN x')])).toBeUndefined();
    // BuildKit may start the final stage's FROM before another stage's.
    expect(baseImageOf([step(1, 'FROM busybox', 0, { final: true }), step(2, 'FROM python:3.13-slim AS build', 0, { final: false })])).toBe(
      'busybox',
    );
  });
});

describe('layerRows', () => {
  it('folds the base image’s layers into one row and keeps the learner’s own in order', () => {
    const own = [
      layer(0, false, { step: { index: 2, instruction: 'WORKDIR /app', line: 2 } }),
      layer(5_000, false, { step: { index: 3, instruction: 'COPY . .', line: 3 } }),
    ];
    const rows = layerRows([layer(100, true), layer(40, true), ...own], 5_140, 'python:3.13-slim');
    expect(rows.base).toMatchObject({ image: 'python:3.13-slim', count: 2, sizeBytes: 140 });
    expect(rows.own).toEqual(own);
    expect(rows.totalBytes).toBe(5_140);
  });

  it('has no base row for an image without base layers (FROM scratch)', () => {
    expect(layerRows([layer(10, false)], 10).base).toBeUndefined();
  });
});

describe('timeline', () => {
  it('places each finished step where it ran, as a share of the build', () => {
    const { bars, totalMs } = timeline([
      step(1, 'FROM a', 0, { startedAt: 0 }),
      step(2, 'RUN slow', 3_000, { startedAt: 0 }),
      step(3, 'COPY . .', 1_000, { startedAt: 3_000, cached: true }),
      step(4, 'CMD x', undefined, { startedAt: 4_000 }),
    ]);
    expect(totalMs).toBe(4_000);
    expect(bars.map((b) => b.index)).toEqual([1, 2, 3]);
    expect(bars[1]).toMatchObject({ share: 0.75, offset: 0, cached: false });
    expect(bars[2]).toMatchObject({ share: 0.25, offset: 0.75, cached: true });
    // An instant step still gets a visible sliver.
    expect(bars[0].share).toBeGreaterThan(0);
  });

  it('overlaps stages BuildKit ran in parallel instead of laying them end to end', () => {
    const { bars, totalMs } = timeline([
      step(1, '[build] RUN a', 2_000, { startedAt: 1_000 }),
      step(2, '[other] RUN b', 2_000, { startedAt: 1_000 }),
    ]);
    expect(totalMs).toBe(2_000);
    expect(bars.map((b) => [b.offset, b.share])).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('marks the step that failed', () => {
    expect(timeline([step(1, 'RUN false', 200, { state: 'failed' })]).bars[0].failed).toBe(true);
  });
});
