/** Shapes the instructor pages receive, re-exported for the client (types only: nothing server-side is bundled). */
export type { ClassRecord } from '@/server/db/class-store';
export type { ClassGrid, Cell, CellState, LearnerRow } from '@/server/classroom/dashboard';
export type { ActivityItem } from '@/server/classroom/activity';
export type { LearnerLesson, Attempt } from '@/server/classroom/learner-lesson';
export type { Heatmap } from '@/server/classroom/heatmap';

export const CELL_LABEL = {
  not_started: 'Not started',
  in_progress: 'In progress',
  checks_failed: 'Checks failed',
  done: 'Done',
} as const;

export const CELL_GLYPH = { not_started: '', in_progress: '…', checks_failed: '✕', done: '✓' } as const;
