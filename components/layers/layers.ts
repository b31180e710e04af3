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

/** The final stage's base image, from its FROM step (`FROM python:3.11-slim AS app` → python:3.11-slim). */
export function baseImageOf(steps: { instruction: string }[]): string | undefined {
  const from = steps.findLast((s) => /^from\s/i.test(s.instruction));
  return from?.instruction.split(/\s+/).slice(1).find((word) => !word.startsWith('--'));
}

export function layerRows(layers: Layer[], totalBytes: number, baseImage?: string): LayerRows {
  const base = layers.filter((l) => l.fromBase);
  return {
    base: base.length > 0 ? { image: baseImage, count: base.length, sizeBytes: base.reduce((sum, l) => sum + l.sizeBytes, 0), layers: base } : undefined,
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

/** One bar per finished step, proportional to its duration; steps still running are left out. */
export function timeline(steps: StepView[]): { bars: TimelineBar[]; totalMs: number } {
  const timed = steps.filter((s) => s.durationMs !== undefined);
  const totalMs = timed.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  let elapsed = 0;
  const bars = timed.map((s) => {
    const durationMs = s.durationMs ?? 0;
    const bar: TimelineBar = {
      index: s.index,
      instruction: s.instruction,
      line: s.line,
      cached: !!s.cached,
      durationMs,
      share: totalMs > 0 ? Math.max(MIN_SHARE, durationMs / totalMs) : MIN_SHARE,
      offset: totalMs > 0 ? elapsed / totalMs : 0,
      failed: s.state === 'failed',
    };
    elapsed += durationMs;
    return bar;
  });
  return { bars, totalMs };
}
