'use client';

/**
 * Lints the Dockerfile as the learner types: debounced, and with lib/lint
 * fetched on first use (a chunk of its own), so the lesson page's first-load
 * JS does not carry the rules.
 */
import { useEffect, useState } from 'react';
import type { Diagnostic } from '@/lib/lint';

export type CoachDiagnostic = Diagnostic & { title?: string };
/** The findings and the exact text they describe (the editor only trusts them while the text is unchanged). */
export type CoachReport = { source: string; diagnostics: CoachDiagnostic[] };

export const COACH_DELAY_MS = 150;

let lintModule: Promise<typeof import('@/lib/lint')> | undefined;
const loadLint = () => (lintModule ??= import('@/lib/lint'));
const NONE: readonly string[] = [];

/** `off`: rule ids the lesson switches off (frontmatter `coach.off`). */
export function useCoach(dockerfile: string | undefined, off: readonly string[] = NONE, delay = COACH_DELAY_MS): CoachReport | undefined {
  const [report, setReport] = useState<CoachReport>();
  const offKey = off.join(',');
  useEffect(() => {
    if (dockerfile === undefined) {
      setReport(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const { lintDockerfile, findRule } = await loadLint();
        if (!live) return;
        const diagnostics = lintDockerfile(dockerfile, { off: offKey ? offKey.split(',') : [] }).map((d) => ({
          ...d,
          title: findRule(d.ruleId)?.title,
        }));
        setReport({ source: dockerfile, diagnostics });
      } catch {
        // The chunk failed to load (offline): the coach stays quiet; building still works.
        lintModule = undefined;
      }
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dockerfile, offKey, delay]);
  return report;
}
