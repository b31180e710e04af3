import 'server-only';
import type { Check } from '../schema';
import { result, type CheckResult } from './types';

/**
 * `terminal-ran`: did the learner run a docker command in the terminal during
 * this lesson? Counts lines that parsed to that command and did not fail
 * (builds and runs started as jobs count once started). The lines come from
 * the terminal's history (server/db/terminal-commands).
 */

export type TerminalLine = { line: string; command: string; exitCode?: number };
type TerminalRanCheck = Extract<Check, { kind: 'terminal-ran' }>;

export function evaluateTerminalRan(check: TerminalRanCheck, lines: TerminalLine[]): CheckResult {
  const pattern = check.lineMatches ? new RegExp(check.lineMatches) : undefined;
  const ran = lines.some((l) => l.command === check.command && (l.exitCode === undefined || l.exitCode === 0) && (!pattern || pattern.test(l.line)));
  const what = `docker ${check.command}${pattern ? ` (matching /${check.lineMatches}/)` : ''}`;
  return result(check, ran, ran ? undefined : `The terminal has no successful ${what} from this lesson yet.`);
}
