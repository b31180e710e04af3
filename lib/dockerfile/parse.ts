/**
 * A Dockerfile parser that reads a file the way the engine's own parser
 * (moby/buildkit frontend/dockerfile/parser, as vendored by Docker 20.10)
 * does: the same line splitting, directives, comments, continuations and
 * keyword/flag splitting. The build policy is only as good as this agreement,
 * so where Docker is quirky (an empty line does NOT end a continuation, `\r`
 * alone is not a line break, JSON may have trailing junk) we are too.
 *
 * Never throws: anything odd becomes a `problem` for the caller to report.
 */
import { extractFlags } from './flags';
import { goLeadingSpace, goTrimSpace } from './go-text';
import { heredocsFromLine, type HeredocStart } from './heredoc';
import { parseJsonArgs, type JsonArgs } from './json-array';

export type EscapeChar = '\\' | '`';

export type Flag = {
  /** Flag name as written (Docker matches names case-sensitively). */
  name: string;
  /** Undefined for a bare `--flag`. */
  value: string | undefined;
  /** Offsets of the raw flag word in the instruction's `original`. */
  start: number;
  end: number;
};

/** A heredoc and its body (each body line with its line ending, as the engine keeps it). */
export type Heredoc = HeredocStart & {
  content: string;
  /** 1-based lines of the first body line and of the terminator line. */
  line: number;
  endLine: number;
};

/** A piece of the logical line and where it sits in the source text. */
export type Segment = { offset: number; text: string };

export type Instruction = {
  /** Upper-case keyword (ASCII upper-casing of what the engine dispatches on). */
  keyword: string;
  /** Everything after the keyword and its flags, trimmed (the engine's "rest"). */
  args: string;
  /** Offset of `args` in `original`. */
  argsStart: number;
  flags: Flag[];
  /** Set when flags could split differently in the engine (non-ASCII inside them). */
  flagsUncertain: boolean;
  /** The JSON (exec) form, if the arguments parse as one. */
  json: JsonArgs;
  /** Heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`, several per line) of RUN/COPY/ADD in shell form, bodies included. */
  heredocs: Heredoc[];
  /** Empty lines inside this instruction's continuation (Docker warns: NoEmptyContinuation). */
  emptyContinuationLines: number[];
  /** 1-based first and last physical line. */
  line: number;
  endLine: number;
  /** The logical line as the engine sees it (continuations joined); also what it prints in `Step N/M : …`. */
  original: string;
  segments: Segment[];
};

export type Directive = { name: string; value: string; line: number };
export type ParseProblem = { line: number; message: string };

export type ParsedDockerfile = {
  instructions: Instruction[];
  directives: Directive[];
  escape: EscapeChar;
  problems: ParseProblem[];
};

const DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
// Directives Docker 20.10 knows; any other `# key=value` line ends the directive block.
const KNOWN_DIRECTIVES = new Set(['escape', 'syntax']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

type Line = { text: string; offset: number; /** The line with its line ending, as scanned. */ raw: string };

/**
 * The engine's lineContinuationRegex: the escape token, then only spaces/tabs,
 * at the end of the line, and either first on the line or preceded by a
 * character that is NOT the escape token. So `RUN echo \\` (a doubled escape,
 * i.e. a literal backslash) ends the instruction: the next line is an
 * instruction of its own. Only the token and its trailing blanks are removed.
 */
export function trimContinuationToken(line: string, escape: EscapeChar): { line: string; endOfLine: boolean } {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return { line, endOfLine: true };
  if (end >= 2 && line[end - 2] === escape) return { line, endOfLine: true };
  return { line: line.slice(0, end - 1), endOfLine: false };
}

/**
 * The engine's scanLines + trimNewline: split on \n only, then drop EVERY
 * trailing \r (bytes.TrimRight(line, "\r\n")); no empty last line. A lone \r
 * inside a line is not a line break.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    let lineEnd = end;
    while (lineEnd > offset && text[lineEnd - 1] === '\r') lineEnd--;
    lines.push({ text: text.slice(offset, lineEnd), offset, raw: text.slice(offset, next) });
    offset = next;
  }
  return lines;
}

function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** canContainHeredoc: RUN/COPY/ADD (also inside ONBUILD) in shell form. */
function canContainHeredoc(instruction: Instruction): boolean {
  let target = instruction;
  if (instruction.keyword === 'ONBUILD' && instruction.args !== '') target = parseInstructionLine(instruction.args);
  return HEREDOC_KEYWORDS.has(target.keyword) && target.json.kind !== 'json';
}

/**
 * Splits one logical line into keyword, flags and arguments like the engine's
 * newNodeFromLine/splitCommand. Also used for the instruction inside ONBUILD.
 */
export function parseInstructionLine(
  original: string,
  position: { line: number; endLine: number; segments?: Segment[] } = { line: 1, endLine: 1 },
): Instruction {
  const trimmed = goTrimSpace(original);
  const separator = /[\t\v\f\r ]+/.exec(trimmed.text);
  const command = separator ? trimmed.text.slice(0, separator.index) : trimmed.text;
  const restStart = separator ? trimmed.start + separator.index + separator[0].length : trimmed.end;
  const rest = original.slice(restStart, trimmed.end);
  const extracted = extractFlags(rest);
  const flags: Flag[] = extracted.words.map(({ word, start, end }) => {
    const body = word.startsWith('--') ? word.slice(2) : word;
    const equals = body.indexOf('=');
    return {
      name: equals < 0 ? body : body.slice(0, equals),
      value: equals < 0 ? undefined : body.slice(equals + 1),
      start: restStart + start,
      end: restStart + end,
    };
  });
  const argsText = goTrimSpace(rest.slice(extracted.restStart));
  const keyword = asciiUpper(command.toLowerCase());
  const json = parseJsonArgs(argsText.text);
  return {
    keyword,
    args: argsText.text,
    argsStart: restStart + extracted.restStart + argsText.start,
    flags,
    flagsUncertain: extracted.nonAscii,
    json,
    heredocs: [],
    emptyContinuationLines: [],
    line: position.line,
    endLine: position.endLine,
    original,
    segments: position.segments ?? [{ offset: 0, text: original }],
  };
}

export function parseDockerfile(input: string): ParsedDockerfile {
  const text = typeof input === 'string' ? input : '';
  const lines = splitLines(text);
  const instructions: Instruction[] = [];
  const directives: Directive[] = [];
  const problems: ParseProblem[] = [];
  let escape: EscapeChar = '\\';
  let directivesDone = false;

  // Mirrors possibleParserDirective: only a leading block of known `# key=value` lines counts.
  const maybeDirective = (token: string, lineNumber: number) => {
    if (directivesDone) return;
    const match = DIRECTIVE.exec(token);
    const name = match?.[1].toLowerCase();
    if (!match || !name || !KNOWN_DIRECTIVES.has(name)) {
      directivesDone = true;
      return;
    }
    if (directives.some((d) => d.name === name)) {
      problems.push({ line: lineNumber, message: `only one ${name} parser directive can be used` });
      return;
    }
    directives.push({ name, value: match[2], line: lineNumber });
    if (name === 'escape') {
      if (match[2] === '`' || match[2] === '\\') {
        escape = match[2];
      } else {
        problems.push({ line: lineNumber, message: `invalid escape token '${match[2]}' does not match \` or \\` });
      }
    }
  };

  const trimContinuation = (line: string) => trimContinuationToken(line, escape);

  let index = 0;
  while (index < lines.length) {
    let { text: raw, offset } = lines[index];
    if (index === 0 && raw.startsWith('\uFEFF')) {
      raw = raw.slice(1);
      offset += 1;
    }
    const lead = goLeadingSpace(raw);
    const token = raw.slice(lead);
    maybeDirective(token, index + 1);
    const uncommented = token.startsWith('#') ? '' : token;
    index++;
    const startLine = index;

    let { line, endOfLine } = trimContinuation(uncommented);
    if (endOfLine && line === '') continue;
    const segments: Segment[] = [{ offset: offset + lead, text: line }];
    const emptyLines: number[] = [];

    while (!endOfLine && index < lines.length) {
      const next = lines[index];
      maybeDirective(next.text, index + 1);
      index++;
      // A comment line inside a continuation is dropped; an empty one is skipped (Docker only warns).
      const trimmedNext = next.text.slice(goLeadingSpace(next.text));
      if (trimmedNext.startsWith('#')) continue;
      if (trimmedNext === '') {
        emptyLines.push(index);
        continue;
      }
      const piece = trimContinuation(next.text);
      endOfLine = piece.endOfLine;
      segments.push({ offset: next.offset, text: piece.line });
      line += piece.line;
    }

    const instruction = parseInstructionLine(line, { line: startLine, endLine: index, segments });
    instruction.emptyContinuationLines = emptyLines;
    if (canContainHeredoc(instruction)) {
      const found = heredocsFromLine(line);
      if (found.error) problems.push({ line: startLine, message: found.error });
      for (const start of found.heredocs) {
        const bodyLine = index + 1;
        let content = '';
        let terminated = false;
        while (index < lines.length) {
          const next = lines[index];
          index++;
          const candidate = start.chomp ? next.text.replace(/^\t+/, '') : next.text;
          if (candidate === start.name) {
            terminated = true;
            break;
          }
          content += next.raw;
        }
        if (!terminated) {
          problems.push({ line: startLine, message: 'unterminated heredoc' });
          index = lines.length;
        }
        instruction.heredocs.push({ ...start, content, line: bodyLine, endLine: index });
      }
      instruction.endLine = index;
    }
    instructions.push(instruction);
  }

  return { instructions, directives, escape, problems };
}

/**
 * Where a span of an instruction's logical line sits in the source text, or
 * undefined when it crosses a line continuation (then it can't be replaced in place).
 */
export function sourceSpan(instruction: Instruction, start: number, end: number): { start: number; end: number } | undefined {
  let logical = 0;
  for (const segment of instruction.segments) {
    const segmentEnd = logical + segment.text.length;
    if (start >= logical && end <= segmentEnd) {
      return { start: segment.offset + (start - logical), end: segment.offset + (end - logical) };
    }
    logical = segmentEnd;
  }
  return undefined;
}
