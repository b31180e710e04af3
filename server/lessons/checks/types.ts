import 'server-only';

/** The outcome of one check, as the learner sees it. */
export type CheckResult = { id: string; title: string; passed: boolean; message?: string; hint?: string };

export function result(check: { id: string; title: string; hint?: string }, passed: boolean, message?: string): CheckResult {
  return {
    id: check.id,
    title: check.title,
    passed,
    ...(message && { message }),
    // The hint helps only when something is wrong.
    ...(!passed && check.hint && { hint: check.hint }),
  };
}
