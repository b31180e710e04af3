/**
 * What the cursor is on in a Dockerfile, for completion and hover: pure
 * functions of the lines, so they are tested without Monaco. Lines are
 * 1-based like the editor's; columns are 1-based, the cursor sits before
 * `column`.
 */
import { readDockerfile, splitWords } from '@/lib/dockerfile';
import { flagDoc, instructionDoc, type FlagDoc, type InstructionDoc } from './instruction-docs';

export type GetLine = (lineNumber: number) => string;

/** A span of one line to replace: 1-based columns, end exclusive. */
export type Span = { start: number; end: number };

export type CompletionContext =
  | { kind: 'instruction'; span: Span }
  | { kind: 'flag'; instruction: string; span: Span }
  | { kind: 'image'; span: Span }
  | { kind: 'stage'; span: Span }
  | { kind: 'none' };

export type HoverTarget =
  { kind: 'instruction'; doc: InstructionDoc; span: Span } | { kind: 'flag'; doc: FlagDoc; instruction: string; span: Span };

const continues = (line: string) => !isComment(line) && /\\\s*$/.test(line);
const isComment = (line: string) => /^\s*#/.test(line);

/** The line where the instruction holding `lineNumber` starts (a `\` at a line's end continues it). */
export function instructionStart(getLine: GetLine, lineNumber: number): number {
  let n = lineNumber;
  while (n > 1 && continues(getLine(n - 1))) n--;
  return n;
}

/** The instruction keyword of the line's instruction (upper-case), skipping `ONBUILD`. */
function keywordAt(getLine: GetLine, lineNumber: number): { keyword: string; onbuild: boolean } | undefined {
  const start = getLine(instructionStart(getLine, lineNumber));
  if (isComment(start)) return undefined;
  const words = start.trim().split(/\s+/);
  if (!words[0]) return undefined;
  const first = words[0].toUpperCase();
  if (first === 'ONBUILD' && words[1]) return { keyword: words[1].toUpperCase(), onbuild: true };
  return { keyword: first, onbuild: false };
}

/** The whitespace-delimited token around column (1-based) with its span. */
function tokenAt(line: string, column: number): { text: string; span: Span } | undefined {
  const i = column - 1;
  let start = i;
  while (start > 0 && !/\s/.test(line[start - 1])) start--;
  let end = i;
  while (end < line.length && !/\s/.test(line[end])) end++;
  if (start === end) return undefined;
  return { text: line.slice(start, end), span: { start: start + 1, end: end + 1 } };
}

export function completionContext(getLine: GetLine, lineNumber: number, column: number): CompletionContext {
  const line = getLine(lineNumber);
  const before = line.slice(0, column - 1);
  if (isComment(line)) return { kind: 'none' };
  const firstLine = instructionStart(getLine, lineNumber) === lineNumber;
  const typed = /\S*$/.exec(before)![0];
  const span: Span = { start: column - typed.length, end: column };

  // The first word of an instruction (or the one after ONBUILD).
  if (firstLine && /^\s*[A-Za-z]*$/.test(before)) return { kind: 'instruction', span };
  if (firstLine && /^\s*onbuild\s+[A-Za-z]*$/i.test(before)) return { kind: 'instruction', span };

  const found = keywordAt(getLine, lineNumber);
  if (!found) return { kind: 'none' };
  const { keyword } = found;

  const fromValue = /^--from=(\S*)$/.exec(typed);
  if (keyword === 'COPY' && fromValue) return { kind: 'stage', span: { start: column - fromValue[1].length, end: column } };
  if (typed.startsWith('-') && instructionDoc(keyword)?.flags) return { kind: 'flag', instruction: keyword, span };

  if (keyword === 'FROM') {
    // The image is FROM's first argument that is not a flag.
    const args = (firstLine ? before.replace(/^\s*\S+/, '') : before).trim().split(/\s+/).filter(Boolean);
    const done = typed ? args.slice(0, -1) : args;
    if (firstLine && done.every((a) => a.startsWith('--'))) return { kind: 'image', span };
  }
  return { kind: 'none' };
}

export function hoverTarget(getLine: GetLine, lineNumber: number, column: number): HoverTarget | undefined {
  const line = getLine(lineNumber);
  if (isComment(line)) return undefined;
  const token = tokenAt(line, column);
  if (!token) return undefined;
  const firstLine = instructionStart(getLine, lineNumber) === lineNumber;
  const words = line.trim().split(/\s+/);
  const leading = line.length - line.trimStart().length;
  // The instruction keyword itself (or ONBUILD's inner one).
  if (firstLine && token.span.start === leading + 1) {
    const doc = instructionDoc(token.text);
    return doc && { kind: 'instruction', doc, span: token.span };
  }
  if (firstLine && words[0]?.toUpperCase() === 'ONBUILD' && token.text === words[1]) {
    const doc = instructionDoc(token.text);
    return doc && { kind: 'instruction', doc, span: token.span };
  }
  if (token.text.startsWith('--')) {
    const found = keywordAt(getLine, lineNumber);
    const doc = found && flagDoc(found.keyword, token.text);
    return doc && found && { kind: 'flag', doc, instruction: found.keyword, span: token.span };
  }
  return undefined;
}

/** Stage names (`FROM … AS name`) defined above `beforeLine`, for `COPY --from=`. */
export function stageNames(getLine: GetLine, lineCount: number, beforeLine: number): string[] {
  const lines: string[] = [];
  for (let n = 1; n < Math.min(beforeLine, lineCount + 1); n++) lines.push(getLine(n));
  // The one parser reads the stages (continuations, escape directive, heredocs included); names as written.
  return readDockerfile(lines.join('\n'))
    .stages.filter((stage) => stage.name !== undefined)
    .map((stage) => splitWords(stage.from.instruction.args)[2]?.word ?? stage.name!);
}
