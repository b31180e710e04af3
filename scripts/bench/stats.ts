/** Order statistics for benchmark samples. Nearest-rank percentiles: with few samples, p95 is the maximum or next to it. */

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

export function summary(xs: number[]) {
  return { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: max(xs) };
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wall-clock time in ms since the epoch with sub-ms resolution (the container stamps with the same host clock). */
export const nowEpochMs = () => performance.timeOrigin + performance.now();
