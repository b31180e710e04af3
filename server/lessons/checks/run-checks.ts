import 'server-only';
import type { Check } from '../schema';
import { matches, MAX_MATCHED_TEXT, quote } from './match-text';
import { result, type CheckResult } from './types';

export type RunCheck = Extract<Check, { kind: 'run' }>;
export type RunOutcome = { stdout: string; stderr: string; exitCode?: number; error?: string };

/** Pure: judges a finished container run against a run check. */
export function evaluateRunCheck(check: RunCheck, run: RunOutcome): CheckResult {
  if (run.error && run.exitCode === undefined) {
    // The usual cause with a command: it replaced CMD, and no ENTRYPOINT took it as arguments.
    if (check.command?.length) {
      return result(
        check,
        false,
        `The container did not start: with \`docker run IMAGE ${check.command.join(' ')}\`, Docker tried to run ${quote(check.command[0])} as the program. Arguments after the image name replace CMD; they are added to an ENTRYPOINT in exec form.`,
      );
    }
    return result(check, false, `The container did not run: ${run.error}`);
  }
  const stdout = run.stdout.slice(0, MAX_MATCHED_TEXT);
  const printed = stdout.trim() ? `it printed ${quote(stdout, 120)}` : 'it printed nothing';
  const failures: string[] = [];
  if (check.exitCode !== undefined && run.exitCode !== check.exitCode) {
    const err = run.stderr.trim() ? ` — stderr: ${quote(run.stderr.trim().split('\n').slice(-1)[0], 120)}` : '';
    failures.push(`the container exited with code ${run.exitCode ?? '?'} instead of ${check.exitCode}${err}`);
  }
  if (check.stdoutContains !== undefined && !stdout.includes(check.stdoutContains)) {
    failures.push(`expected the output to contain ${quote(check.stdoutContains)}, but ${printed}`);
  }
  if (check.stdoutNotContains !== undefined && stdout.includes(check.stdoutNotContains)) {
    failures.push(`the output should not contain ${quote(check.stdoutNotContains)}`);
  }
  if (check.stdoutMatches !== undefined && !matches(check.stdoutMatches, stdout, 'm')) {
    failures.push(`the output does not look as expected: ${printed}`);
  }
  if (run.error) failures.push(run.error);
  if (failures.length) return result(check, false, capitalize(`${failures[0]}.`));
  return result(check, true, stdout.trim() ? capitalize(printed) + '.' : undefined);
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
