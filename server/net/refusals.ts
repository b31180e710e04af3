import { singleton } from '../singleton';

/**
 * Requests refused to protect capacity, by reason, since the process started:
 * what an operator watches to see a flood (and a limit set too tight).
 * Exported in /api/metrics as layerlab_refusals_total{reason}.
 */
export type RefusalReason = 'queue_learner' | 'queue_address' | 'queue_full' | 'login_backoff' | 'login_busy' | 'new_sessions' | 'shells';

const counts = () => singleton('refusal-counts', () => new Map<RefusalReason, number>());

export function countRefusal(reason: RefusalReason) {
  counts().set(reason, (counts().get(reason) ?? 0) + 1);
}

export function refusalCounts(): Record<RefusalReason, number> {
  const all: RefusalReason[] = ['queue_learner', 'queue_address', 'queue_full', 'login_backoff', 'login_busy', 'new_sessions', 'shells'];
  return Object.fromEntries(all.map((r) => [r, counts().get(r) ?? 0])) as Record<RefusalReason, number>;
}
