import 'server-only';
import { findRule, lintDockerfile } from '@/lib/lint';

/** The seam to the Dockerfile coach (lib/lint): rule ids found in a Dockerfile, with their titles. */

export type RuleHit = { ruleId: string; title: string; severity: string };

/** `off`: rule ids the lesson switches off (frontmatter `coach.off`). */
export function ruleHits(dockerfile: string, off: readonly string[] = []): RuleHit[] {
  const seen = new Map<string, RuleHit>();
  for (const d of lintDockerfile(dockerfile, { off })) {
    if (!seen.has(d.ruleId)) seen.set(d.ruleId, { ruleId: d.ruleId, title: findRule(d.ruleId)?.title ?? d.ruleId, severity: d.severity });
  }
  return [...seen.values()];
}
