import type { LintContext } from './context';
import type { Diagnostic, LintOptions, Severity } from './types';

/** What a rule reports; the runner adds its id and severity. */
export type Finding = Omit<Diagnostic, 'ruleId' | 'severity'>;

export type RuleDef = {
  id: string;
  title: string;
  severity: Severity;
  check(ctx: LintContext, options: Required<Pick<LintOptions, 'allowedBases'>>): Finding[];
};

export const docsPath = (id: string) => `docs/rules/${id}.md`;

/** Column span (1-based, end exclusive) of the first word on a line, for editors. */
export function keywordColumns(line: string): { column: number; endColumn: number } {
  const start = line.length - line.trimStart().length;
  const word = /^\S*/.exec(line.slice(start))?.[0] ?? '';
  return { column: start + 1, endColumn: start + 1 + word.length };
}
