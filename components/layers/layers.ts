/**
 * Shapes the layer inspector's data for display: the base image's layers
 * folded into one row, and the build's steps as a timeline. Pure, so tested
 * without a browser.
 */
import type { StepView } from '@/components/workbench/job-view';
import type { Layer } from '@/lib/api-client';

export type LayerRows = {
  base?: { image?: string; count: number; sizeBytes: number; layers: Layer[] };
  own: Layer[];
  totalBytes: number;
};

/** The final stage's base image, from its FROM step (`FROM python:3.13-slim AS app` → python:3.13-slim). */
export function baseImageOf(steps: { instruction: string; final?: boolean }[]): string | undefined {
  const isFrom = (s: { instruction: string }) => /^from\s/i.test(s.instruction);
  const from = steps.find((s) => s.final && isFrom(s)) ?? steps.findLast(isFrom);
  return from?.instruction
    .split(/\s+/)
    .slice(1)
    .find((word) => !word.startsWith('--'));
}

export function layerRows(layers: Layer[], totalBytes: number, baseImage?: string): LayerRows {
  const base = layers.filter((l) => l.fromBase);
  return {
    base:
      base.length > 0
        ? { image: baseImage, count: base.length, sizeBytes: base.reduce((sum, l) => sum + l.sizeBytes, 0), layers: base }
        : undefined,
    own: layers.filter((l) => !l.fromBase),
    totalBytes,
  };
}

export type TimelineBar = {
  index: number;
  instruction: string;
  line?: number;
  cached: boolean;
  durationMs: number;
  /** Width as a share of the longest step, 0..1; a sliver for instant steps so every step stays visible. */
  share: number;
  /** Start as a share of the whole build, 0..1 (for a waterfall). */
  offset: number;
  failed: boolean;
};

const MIN_SHARE = 0.01;

/**
 * One bar per finished step, placed where it ran on the build's clock: stages BuildKit
 * ran in parallel overlap, a cached step is a sliver. Steps still running are left out.
 */
export function timeline(steps: StepView[]): { bars: TimelineBar[]; totalMs: number } {
  const timed = steps.filter((s) => s.durationMs !== undefined);
  if (timed.length === 0) return { bars: [], totalMs: 0 };
  const start = Math.min(...timed.map((s) => s.startedAt));
  const end = Math.max(...timed.map((s) => s.startedAt + (s.durationMs ?? 0)));
  const totalMs = end - start;
  const bars = timed.map((s): TimelineBar => ({
    index: s.index,
    instruction: s.instruction,
    line: s.line,
    cached: !!s.cached,
    durationMs: s.durationMs ?? 0,
    share: totalMs > 0 ? Math.max(MIN_SHARE, (s.durationMs ?? 0) / totalMs) : MIN_SHARE,
    offset: totalMs > 0 ? Math.min(1 - MIN_SHARE, (s.startedAt - start) / totalMs) : 0,
    failed: s.state === 'failed',
  }));
  return { bars, totalMs };
}
