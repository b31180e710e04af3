/**
 * Everything the rules share about one Dockerfile, computed once: the parse,
 * the physical lines (for whole-line fixes), stages, and the shell commands
 * of each RUN. Rules stay small pure functions over this.
 */
import { parseDockerfile, splitWords, type Instruction, type ParsedDockerfile } from '@/lib/dockerfile';
import { splitCommands, unpositioned, type Word } from './shell';
import type { LineEdit } from './types';

export type Stage = {
  index: number;
  from: Instruction;
  /** Lower-cased `AS` name. */
  name?: string;
  /** The image word as written (may name an earlier stage, `scratch`, or use $VARS). */
  image: string;
  /** Instructions after FROM, up to the next FROM. */
  body: Instruction[];
};

export type RunCommands = {
  commands: Word[][];
  hasComment: boolean;
  /** Offset of the tokenized text in `instruction.original`; undefined when words have no position (JSON form). */
  base?: number;
};

export type LintContext = {
  text: string;
  /** Physical lines without their `\r`, 1-based via `line(n)`. */
  lines: string[];
  parsed: ParsedDockerfile;
  /** Instructions, without lines that are heredoc bodies. */
  instructions: Instruction[];
  /** Instructions before the first FROM (only ARG belongs there). */
  preamble: Instruction[];
  stages: Stage[];
  heredocLines: Set<number>;
  line(n: number): string;
  commands(instruction: Instruction): RunCommands;
  /** Whole-line edits that replace spans of the instruction's logical line, or undefined if a span crosses a continuation. */
  spanEdits(instruction: Instruction, spans: { start: number; end: number; text: string }[]): LineEdit[] | undefined;
  /** Physical line and 1-based columns of a span of the logical line, if it sits on one line. */
  locate(instruction: Instruction, start: number, end: number): { line: number; column: number; endColumn: number } | undefined;
};

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function createContext(text: string): LintContext {
  const parsed = parseDockerfile(text);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === '' && text.endsWith('\n')) lines.pop();
  if (lines[0]?.startsWith('\uFEFF')) lines[0] = lines[0].slice(1);
  const hasBom = text.startsWith('\uFEFF');
  const starts = lineStarts(text);
  // Heredoc bodies are part of their instruction (the parser reads them like the engine).
  const instructions = parsed.instructions;
  const heredocLines = new Set<number>();
  for (const instruction of instructions) {
    for (const heredoc of instruction.heredocs) for (let n = heredoc.line; n <= heredoc.endLine; n++) heredocLines.add(n);
  }

  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = splitWords(instruction.args).map((w) => w.word);
      const name = words.length === 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      stages.push({ index: stages.length, from: instruction, name, image: words[0] ?? '', body: [] });
    } else if (stages.length) stages[stages.length - 1].body.push(instruction);
    else preamble.push(instruction);
  }

  const commandCache = new Map<Instruction, RunCommands>();
  const commands = (instruction: Instruction): RunCommands => {
    const cached = commandCache.get(instruction);
    if (cached) return cached;
    let result: RunCommands;
    if (instruction.json.kind === 'json') {
      const values = instruction.json.values;
      // ["sh", "-c", "…"] is a shell command in disguise.
      result =
        /(^|\/)(ba|da)?sh$/.test(values[0] ?? '') && values[1] === '-c' && values.length >= 3
          ? { ...splitCommands(values[2]), base: undefined }
          : { commands: values.length ? [unpositioned(values)] : [], hasComment: false };
    } else {
      result = { ...splitCommands(instruction.args), base: instruction.argsStart };
    }
    commandCache.set(instruction, result);
    return result;
  };

  const lineOfOffset = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  // sourceSpan from lib/dockerfile, with a binary search: a RUN may have thousands of segments.
  const segmentStarts = new Map<Instruction, number[]>();
  const sourceSpan = (instruction: Instruction, start: number, end: number) => {
    let logical = segmentStarts.get(instruction);
    if (!logical) {
      logical = [];
      let at = 0;
      for (const segment of instruction.segments) {
        logical.push(at);
        at += segment.text.length;
      }
      segmentStarts.set(instruction, logical);
    }
    let lo = 0;
    let hi = logical.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (logical[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    // An empty span at a boundary belongs to the segment it ends (like lib/dockerfile's sourceSpan).
    if (start === end && lo > 0 && logical[lo] === start) lo--;
    const segment = instruction.segments[lo];
    if (!segment || end > logical[lo] + segment.text.length) return undefined;
    return { start: segment.offset + (start - logical[lo]), end: segment.offset + (end - logical[lo]) };
  };

  const columnStart = (line: number) => starts[line - 1] + (line === 1 && hasBom ? 1 : 0);
  const locate: LintContext['locate'] = (instruction, start, end) => {
    const source = sourceSpan(instruction, start, end);
    if (!source) return undefined;
    const line = lineOfOffset(source.start);
    return { line, column: source.start - columnStart(line) + 1, endColumn: source.end - columnStart(line) + 1 };
  };

  const spanEdits: LintContext['spanEdits'] = (instruction, spans) => {
    const byLine = new Map<number, { start: number; end: number; text: string }[]>();
    for (const span of spans) {
      const source = sourceSpan(instruction, span.start, span.end);
      if (!source) return undefined;
      const line = lineOfOffset(source.start);
      // Columns within the line as stored in `lines` (BOM removed from line 1).
      const lineStart = columnStart(line);
      const list = byLine.get(line) ?? [];
      list.push({ start: source.start - lineStart, end: source.end - lineStart, text: span.text });
      byLine.set(line, list);
    }
    return [...byLine].map(([line, list]) => {
      let newText = lines[line - 1] ?? '';
      for (const edit of list.sort((a, b) => b.start - a.start)) {
        newText = newText.slice(0, edit.start) + edit.text + newText.slice(edit.end);
      }
      return { line, newText };
    });
  };

  return {
    text,
    lines,
    parsed,
    instructions,
    preamble,
    stages,
    heredocLines,
    line: (n) => lines[n - 1] ?? '',
    commands,
    spanEdits,
    locate,
  };
}
