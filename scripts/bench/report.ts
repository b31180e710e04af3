/**
 * A section's result: figures for latest.json, and table rows; a row with a
 * target prints PASS or MISS beside the figure.
 */

export type Row = {
  section: string;
  metric: string;
  value: string;
  target?: string;
  pass?: boolean;
};

export type SectionResult = {
  rows: Row[];
  figures: Record<string, unknown>;
  /** Why a target was missed, or what disturbed the measurement. */
  notes?: string[];
};

/** A row checked against `value <= limit` (or `>=` with `atLeast`). */
export function target(
  section: string,
  metric: string,
  value: number,
  limit: number,
  fmt: (x: number) => string,
  opts: { atLeast?: boolean } = {},
): Row {
  const pass = Number.isFinite(value) && (opts.atLeast ? value >= limit : value <= limit);
  return { section, metric, value: fmt(value), target: `${opts.atLeast ? '≥' : '≤'} ${fmt(limit)}`, pass };
}

export const info = (section: string, metric: string, value: string): Row => ({ section, metric, value });

export const fmtMs = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms` : 'n/a');
export const fmtS = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} s` : 'n/a');
export const fmtMB = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : 'n/a');
export const fmtKB = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : 'n/a');
export const fmtRatio = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export function printTable(rows: Row[]) {
  const head = ['section', 'metric', 'value', 'target', ''];
  const cells = rows.map((r) => [r.section, r.metric, r.value, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

/** The same table as Markdown, for bench/README.md. */
export function markdownTable(rows: Row[]) {
  const out = ['| section | metric | value | target | |', '|---|---|---|---|---|'];
  for (const r of rows)
    out.push(`| ${r.section} | ${r.metric} | ${r.value} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS'} |`);
  return out.join('\n');
}
