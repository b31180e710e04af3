/**
 * What the Dockerfile coach reports. Shaped for an editor (Monaco markers and
 * code actions) and a terminal alike: 1-based lines and columns, fixes as
 * whole-line replacements so both can apply them without offsets.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Replace lines `line`..`endLine` (inclusive, 1-based; endLine defaults to line) by `newText` (may hold `\n`). */
export type LineEdit = { line: number; endLine?: number; newText: string };

export type Fix = { title: string; edits: LineEdit[] };

export type Diagnostic = {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  fix?: Fix;
};

export type RuleMeta = {
  id: string;
  title: string;
  severity: Severity;
  /** Repository path of the rule's explanation page. */
  docs: string;
};

export type LintOptions = {
  /** Base images FROM may name; defaults to the image catalog. An empty list turns the check off. */
  allowedBases?: readonly string[];
  /** Rule ids to leave out, e.g. a lesson's `coach.off` (a rule the lesson's own example breaks on purpose). */
  off?: readonly string[];
};
