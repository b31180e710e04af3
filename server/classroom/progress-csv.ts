import 'server-only';
import type { ClassGrid } from './dashboard';

/**
 * The grid as CSV (RFC 4180) for a gradebook: one row per learner, one column
 * per lesson holding its state, then the last build. Cells that a spreadsheet
 * would run as a formula (=, +, -, @) are prefixed with a quote.
 */

const LABEL = { not_started: 'not started', in_progress: 'in progress', checks_failed: 'checks failed', done: 'done' } as const;

export function progressCsv(grid: ClassGrid): string {
  const header = ['learner', 'joined', ...grid.lessons.map((l) => l.slug), 'lessons done', 'last build', 'last build at'];
  const rows = grid.learners.map((r) => {
    const states = grid.lessons.map((l) => r.cells[l.slug]?.state ?? 'not_started');
    return [
      r.displayName,
      iso(r.joinedAt),
      ...states.map((s) => LABEL[s]),
      String(states.filter((s) => s === 'done').length),
      r.lastBuild?.state ?? '',
      r.lastBuild ? iso(r.lastBuild.finishedAt ?? r.lastBuild.createdAt) : '',
    ];
  });
  return [header, ...rows].map((cols) => cols.map(field).join(',')).join('\r\n') + '\r\n';
}

const iso = (ms: number) => new Date(ms).toISOString();

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
