/**
 * Diagnostics for files the engine would reject (or misread), in the terms
 * of our own parser (lib/dockerfile), which reads files the way Docker Engine
 * 26 (BuildKit) does. All ids start with `syntax/`.
 */
import { KNOWN_FLAGS, KNOWN_INSTRUCTIONS, parseInstructionLine, parseMount, splitWords, type Instruction } from '@/lib/dockerfile';
import { detectSyntax, isBuiltinSyntax } from '@/lib/dockerfile/detect-syntax';
import { levenshtein } from '@/lib/levenshtein';
import type { LintContext } from './context';
import { keywordColumns, type Finding } from './rule';
import type { Severity } from './types';

// Flags only the "labs" frontend has: what to do instead.
const LABS: Record<string, string> = {
  parents: 'copy each folder with its own COPY',
  exclude: 'list what to copy, or use .dockerignore',
  security: 'steps here always run unprivileged',
};
const JSON_KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD']);

export const syntaxRuleMeta: { id: string; title: string; severity: Severity }[] = [
  { id: 'syntax/parse-problem', title: 'The file cannot be read as a Dockerfile', severity: 'error' },
  { id: 'syntax/unknown-instruction', title: 'Unknown instruction', severity: 'error' },
  { id: 'syntax/missing-from', title: 'No FROM instruction', severity: 'error' },
  { id: 'syntax/instruction-before-from', title: 'Only ARG may come before the first FROM', severity: 'error' },
  { id: 'syntax/missing-arguments', title: 'Instruction without arguments', severity: 'error' },
  { id: 'syntax/bad-arguments', title: 'Arguments the instruction does not accept', severity: 'error' },
  { id: 'syntax/json-not-strings', title: 'JSON form with something other than strings', severity: 'error' },
  { id: 'syntax/invalid-json', title: 'Looks like the JSON form but is not valid JSON', severity: 'warning' },
  { id: 'syntax/unsupported-feature', title: 'Feature not available here', severity: 'error' },
];

export type SyntaxFinding = Finding & { ruleId: string };

function closestKeyword(word: string): string | undefined {
  const upper = word.toUpperCase();
  if (upper.length < 3 || upper.length > 12) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_INSTRUCTIONS) {
    const d = levenshtein(upper, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return bestDistance <= (upper.length <= 4 ? 1 : 2) ? best : undefined;
}

/** Docker's parseNameVal word splitting: quotes group, the escape character escapes. */
function nameValueWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!quote && /[\t\v\f\r ]/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === escape && i + 1 < text.length) word += text[++i];
    else if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else word += ch;
  }
  if (inWord) words.push(word);
  return words;
}

const looksLikeJson = (args: string) =>
  args.length < 8192 && /^\[\s*["'\u201c\u201d\u2018\u2019][^]*["'\u201c\u201d\u2018\u2019]\s*,[^]*\]\s*$/.test(args);

function badArguments(instruction: Instruction, escape: string): string | undefined {
  const { keyword, args } = instruction;
  const words = splitWords(args).map((w) => w.word);
  switch (keyword) {
    case 'FROM':
      if (words.length === 1 || (words.length === 3 && words[1].toLowerCase() === 'as')) return undefined;
      return 'FROM takes an image name, optionally followed by "AS <stage name>".';
    case 'COPY':
    case 'ADD': {
      const count = instruction.json.kind === 'json' ? instruction.json.values.length : words.length;
      return count >= 2 || instruction.heredocs.length
        ? undefined
        : `${keyword} needs at least a source and a destination, e.g. "${keyword} app.py /app/".`;
    }
    case 'ENV':
    case 'LABEL': {
      const pairs = nameValueWords(args, escape);
      if (!pairs[0].includes('=')) {
        return pairs.length >= 2 ? undefined : `${keyword} needs a name and a value, e.g. "${keyword} NAME=value".`;
      }
      const bad = pairs.find((pair) => !pair.includes('=') || pair.startsWith('='));
      return bad === undefined ? undefined : `"${bad.slice(0, 40)}" is not NAME=value: in ${keyword}, quote values that contain spaces.`;
    }
    case 'EXPOSE': {
      const bad = words.find((w) => !/^(\$.+|\d+(-\d+)?(\/(tcp|udp|sctp))?)$/i.test(w));
      return bad === undefined ? undefined : `"${bad.slice(0, 40)}" is not a port: write e.g. "EXPOSE 8000" or "EXPOSE 53/udp".`;
    }
    case 'USER':
    case 'STOPSIGNAL':
      return words.length === 1 ? undefined : `${keyword} takes exactly one argument.`;
    case 'HEALTHCHECK': {
      const first = words[0]?.toUpperCase();
      if (first === 'NONE') return words.length === 1 ? undefined : 'HEALTHCHECK NONE takes no further arguments.';
      return first === 'CMD' && words.length > 1 ? undefined : 'HEALTHCHECK needs "CMD <command>" (or NONE).';
    }
    case 'SHELL':
      return instruction.json.kind === 'json' ? undefined : 'SHELL needs the JSON form, e.g. SHELL ["/bin/bash", "-c"].';
    case 'ONBUILD': {
      const inner = parseInstructionLine(args);
      if (!KNOWN_INSTRUCTIONS.has(inner.keyword)) return `ONBUILD: unknown instruction "${inner.keyword.slice(0, 40)}".`;
      if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(inner.keyword)) return `ONBUILD ${inner.keyword} is not allowed.`;
      return inner.args ? undefined : `ONBUILD ${inner.keyword} needs arguments.`;
    }
  }
  return undefined;
}

export function checkSyntax(ctx: LintContext): SyntaxFinding[] {
  const out: SyntaxFinding[] = [];
  const at = (ruleId: string, instruction: Instruction, message: string, extra: Partial<Finding> = {}) => {
    out.push({
      ruleId,
      message,
      line: instruction.line,
      ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
      ...extra,
    });
  };

  for (const problem of ctx.parsed.problems) out.push({ ruleId: 'syntax/parse-problem', message: problem.message, line: problem.line });
  const syntax = detectSyntax(ctx.text);
  if (syntax && !isBuiltinSyntax(syntax.value)) {
    out.push({
      ruleId: 'syntax/unsupported-feature',
      message: `"# syntax=${syntax.value}" asks the engine to download another Dockerfile frontend, which builds here never do. Use "# syntax=docker/dockerfile:1" (the built-in one) or remove the line.`,
      line: syntax.line,
      fix: { title: 'Use # syntax=docker/dockerfile:1', edits: [{ line: syntax.line, newText: '# syntax=docker/dockerfile:1' }] },
    });
  }

  let seenFrom = false;
  for (const instruction of ctx.instructions) {
    const { keyword } = instruction;
    const columns = keywordColumns(ctx.line(instruction.line));
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      const word = ctx.line(instruction.line).trim().split(/\s+/)[0]?.slice(0, 40) ?? '';
      const suggestion = closestKeyword(word);
      out.push({
        ruleId: 'syntax/unknown-instruction',
        message: suggestion
          ? `Unknown instruction "${word}". Did you mean ${suggestion}?`
          : `Unknown instruction "${word}". (If this line belongs to the line above, end that line with ${ctx.parsed.escape}.)`,
        line: instruction.line,
        ...columns,
        ...(suggestion && {
          fix: {
            title: `Change to ${suggestion}`,
            edits: [{ line: instruction.line, newText: ctx.line(instruction.line).replace(word, suggestion) }],
          },
        }),
      });
      continue;
    }
    if (!seenFrom && keyword !== 'FROM' && keyword !== 'ARG') {
      at('syntax/instruction-before-from', instruction, `Only ARG may come before the first FROM; move this ${keyword} after it.`, columns);
    }
    if (keyword === 'FROM') seenFrom = true;
    const known = KNOWN_FLAGS[keyword] ?? [];
    const unknownFlag = instruction.flagsUncertain ? undefined : instruction.flags.find((flag) => !known.includes(flag.name));
    if (unknownFlag) {
      const labs = LABS[unknownFlag.name];
      at(
        'syntax/bad-arguments',
        instruction,
        `unknown flag: ${unknownFlag.name}${labs ? ` (--${unknownFlag.name} needs the "labs" Dockerfile frontend, not used here: ${labs})` : known.length ? ` (${keyword} accepts ${known.map((f) => `--${f}`).join(', ')})` : ''}`,
        columns,
      );
    }
    if (keyword === 'RUN') {
      for (const flag of instruction.flags) {
        if (flag.name === 'network' && flag.value !== 'none') {
          at(
            'syntax/unsupported-feature',
            instruction,
            `RUN --network=${flag.value ?? ''}: builds here have no network at all; leave the flag out.`,
            columns,
          );
        }
        const type = flag.name === 'mount' ? parseMount(flag.value ?? '').type : '';
        if (type === 'secret' || type === 'ssh') {
          at(
            'syntax/unsupported-feature',
            instruction,
            `RUN --mount=type=${type} is not available here (no ${type === 'ssh' ? 'SSH agent' : 'secrets'} are passed to builds).`,
            columns,
          );
        }
      }
    }
    if (instruction.args === '') {
      at('syntax/missing-arguments', instruction, `${keyword} needs arguments.`, columns);
      continue;
    }
    if (instruction.json.kind === 'not-strings' && JSON_KEYWORDS.has(keyword)) {
      at('syntax/json-not-strings', instruction, `In the JSON form of ${keyword} every item must be a "string" in double quotes.`, columns);
      continue;
    }
    if (instruction.json.kind === 'shell' && JSON_KEYWORDS.has(keyword) && looksLikeJson(instruction.args)) {
      const repaired = instruction.args.replace(/['\u201c\u201d\u2018\u2019]/g, '"');
      const valid = (() => {
        try {
          return Array.isArray(JSON.parse(repaired));
        } catch {
          return false;
        }
      })();
      const edits = valid
        ? ctx.spanEdits(instruction, [
            { start: instruction.argsStart, end: instruction.argsStart + instruction.args.length, text: repaired },
          ])
        : undefined;
      at(
        'syntax/invalid-json',
        instruction,
        `This looks like the JSON form but is not valid JSON (use straight double quotes "…"), so Docker runs it as a shell command instead.`,
        {
          ...columns,
          ...(edits && { fix: { title: 'Use double quotes', edits } }),
        },
      );
      continue;
    }
    const bad = badArguments(instruction, ctx.parsed.escape);
    if (bad) at('syntax/bad-arguments', instruction, bad, columns);
  }
  if (!seenFrom) {
    out.push({
      ruleId: 'syntax/missing-from',
      message: 'A Dockerfile must start from an image: add a FROM line, e.g. "FROM python:3.13-slim".',
      line: 1,
    });
  }
  return out;
}
