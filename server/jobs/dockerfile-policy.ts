import 'server-only';

/**
 * What a learner's Dockerfile may ask of the engine, checked BEFORE the engine
 * sees it. The engine itself fetches `ADD <url>` sources and pulls unknown
 * `FROM` / `COPY --from` images, from the host's network — not the build
 * container's — so those are an SSRF hole unless refused here. Also refused,
 * with a friendlier message than the engine's: features the classic (legacy)
 * builder does not have.
 *
 * The file is parsed exactly like the engine parses it (lib/dockerfile), and
 * the only rewrite is replacing a learner's own image name in FROM/--from by
 * its internal name, in place, so line numbers stay identical.
 *
 * Step numbering, verified on the engine (Docker 20.10, legacy builder): the
 * builder prints `Step N/M : <logical line>` for EVERY instruction in file
 * order — ARGs before the first FROM included, each FROM included, ONBUILD
 * counted as one step. Triggers a base image carries do not get steps (they
 * run inside the FROM step, after "# Executing N build triggers"). Comments,
 * directives, blank lines and continuation lines are not steps. So step N is
 * simply instruction N; `steps` maps it to its first line.
 */
import { expandVariables, parseDockerfile, parseInstructionLine, sourceSpan, splitWords, type Instruction } from '@/lib/dockerfile';
import { parseImageRef } from '@/lib/image-ref';

export const MAX_INSTRUCTIONS = 200;
/** The engine's own parser fails near 64 KiB per line; we stop well before with a clear message. */
export const MAX_LINE_BYTES = 16 * 1024;

export type PolicyOptions = {
  /** True for catalog images lessons may build FROM. */
  isAllowedBase(ref: string): boolean;
  /** For an image the learner built here: its internal (namespaced) ref; otherwise undefined. */
  learnerImage(ref: string): string | undefined;
  /** Named in messages so the learner knows what to write instead. */
  allowedBases?: readonly string[];
};

export type PolicyError = { line: number; message: string };
export type BuildStep = { index: number; line: number; instruction: string };
export type PolicyResult =
  | { ok: true; dockerfile: string; steps: BuildStep[] }
  | { ok: false; errors: PolicyError[] };

const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
const BUILDKIT_ONLY_FLAGS: Record<string, Record<string, string>> = {
  RUN: {
    mount: 'use COPY to bring files in, and a separate RUN for caching-free installs',
    network: 'builds here never have network access',
    security: 'builds here always run unprivileged',
  },
  COPY: { chmod: 'add `RUN chmod …` after the COPY', link: 'leave it out', parents: 'copy each folder explicitly', exclude: 'list what to copy instead' },
  ADD: { chmod: 'add `RUN chmod …` after the ADD', checksum: 'leave it out', 'keep-git-dir': 'leave it out', link: 'leave it out' },
};
const ALLOWED_FLAGS: Record<string, string[]> = { COPY: ['from', 'chown'], ADD: ['chown'], RUN: [], FROM: [], ONBUILD: [] };
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
// Values an ARG before FROM may have without us having to emulate shell quoting.
const PLAIN_VALUE = /^[A-Za-z0-9._:/@+-]*$/;
const DIGIT_INDEX = /^[0-9]{1,4}$/;

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function describeAllowed(options: PolicyOptions): string {
  const bases = options.allowedBases?.length ? options.allowedBases.join(', ') : '';
  return bases ? `Allowed base images: ${bases}, scratch, or an image you built here.` : 'Use a base image from the lesson, scratch, or an image you built here.';
}

type Stage = { name?: string };
type Edit = { start: number; end: number; text: string };

export function checkDockerfile(text: string, options: PolicyOptions): PolicyResult {
  const errors: PolicyError[] = [];
  const edits: Edit[] = [];
  const refuse = (line: number, message: string) => errors.push({ line, message });

  // Physical line lengths first: a huge line is refused without looking further into it.
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (line.length > MAX_LINE_BYTES / 4 && utf8Bytes(line) > MAX_LINE_BYTES) {
      refuse(lineNumber, `Line ${lineNumber} is longer than ${MAX_LINE_BYTES / 1024} KiB. Split it with line continuations (\\ at the end of a line).`);
    }
  }
  if (errors.length) return { ok: false, errors };

  const parsed = parseDockerfile(text);
  for (const problem of parsed.problems) refuse(problem.line, problem.message);
  for (const directive of parsed.directives) {
    if (directive.name === 'syntax') {
      refuse(directive.line, 'The "# syntax=" directive selects a BuildKit frontend, but this platform uses the classic builder. Remove this line.');
    }
  }
  if (parsed.instructions.length > MAX_INSTRUCTIONS) {
    refuse(parsed.instructions[MAX_INSTRUCTIONS].line, `A Dockerfile here may have at most ${MAX_INSTRUCTIONS} instructions.`);
    return { ok: false, errors };
  }

  const metaArgs = new Map<string, string | undefined>();
  let metaArgsUncertain = false;
  const stages: Stage[] = [];

  /** Checks an image named by FROM or COPY --from and returns the name to build with. */
  const checkImage = (instruction: Instruction, ref: string, what: string): string | undefined => {
    const line = instruction.line;
    if (ref.includes('@')) {
      refuse(line, `${what} "${ref}" pins a digest (@sha256:…). Images here can't be fetched by digest: use the name and tag only, e.g. "python:3.11-slim". ${describeAllowed(options)}`);
      return undefined;
    }
    if (!parseImageRef(ref)) {
      refuse(line, `${what} "${ref}" is not a valid image name (lower-case name, optional :tag). ${describeAllowed(options)}`);
      return undefined;
    }
    if (options.isAllowedBase(ref)) return ref;
    const own = options.learnerImage(ref);
    if (own !== undefined && /^[^\s$'"\\`]+$/.test(own)) return own;
    refuse(line, `${what} "${ref}" is not available here: images can't be downloaded during a build. ${describeAllowed(options)}`);
    return undefined;
  };

  const replace = (instruction: Instruction, start: number, end: number, replacement: string, what: string) => {
    const span = sourceSpan(instruction, start, end);
    if (!span) {
      refuse(instruction.line, `Write ${what} on a single line (not split by a line continuation).`);
      return;
    }
    edits.push({ ...span, text: replacement });
  };

  const checkFlags = (instruction: Instruction, keyword: string, context = ''): boolean => {
    const allowed = ALLOWED_FLAGS[keyword];
    if (!allowed || instruction.flags.length === 0) return true;
    if (instruction.flagsUncertain) {
      refuse(instruction.line, `${context}Use only plain ASCII characters in the --flags of ${keyword}.`);
      return false;
    }
    let ok = true;
    for (const flag of instruction.flags) {
      const name = flag.name.toLowerCase();
      if (allowed.includes(name)) continue;
      ok = false;
      const buildkit = BUILDKIT_ONLY_FLAGS[keyword]?.[name];
      if (keyword === 'FROM' && name === 'platform') {
        refuse(instruction.line, `${context}FROM --platform is not supported: images here always build for the engine's own platform. Remove the flag.`);
      } else if (buildkit) {
        refuse(instruction.line, `${context}${keyword} --${flag.name} needs BuildKit, but this platform uses the classic builder: ${buildkit}.`);
      } else {
        refuse(instruction.line, `${context}${keyword} does not accept --${flag.name} here.${allowed.length ? ` Allowed: ${allowed.map((f) => `--${f}`).join(', ')}.` : ''}`);
      }
    }
    return ok;
  };

  const checkHeredoc = (instruction: Instruction, context = ''): boolean => {
    if (instruction.heredocs.length === 0) return true;
    refuse(instruction.line, `${context}Heredocs (<<${instruction.heredocs[0].name}) need BuildKit, but this platform uses the classic builder. Put the text in a file in the editor and COPY it, or use one RUN line per command (join them with &&).`);
    return false;
  };

  /** ADD must only ever read from the build context. */
  const checkAdd = (instruction: Instruction, context = '') => {
    // The engine unquotes and unescapes each word before deciding it is a URL, so look at the
    // words with every quote and escape character removed, in both the JSON and the shell reading.
    const readings: string[][] = [splitWords(instruction.args).map((w) => w.word)];
    if (instruction.json.kind === 'json') readings.push(instruction.json.values);
    const stripped = (word: string) => word.replace(/["'\\`]/g, '');
    const lowerArgs = instruction.args.toLowerCase();
    const isRemote = (word: string) => {
      const plain = stripped(word).toLowerCase();
      return plain.includes('://') || plain.includes('git@');
    };
    if (readings.some((words) => words.some(isRemote)) || lowerArgs.includes('://') || lowerArgs.includes('git@')) {
      refuse(instruction.line, `${context}ADD can't download from a URL here: builds may only use files from the editor. Add the file to the project and use COPY instead.`);
      return;
    }
    if (readings.some((words) => words.slice(0, -1).some((word) => word.includes('$')))) {
      refuse(instruction.line, `${context}ADD sources can't use variables ($…) here, because a variable could hide a URL. Write the file name directly, or use COPY.`);
    }
  };

  const checkOnbuild = (instruction: Instruction) => {
    if (!checkFlags(instruction, 'ONBUILD')) return;
    const inner = parseInstructionLine(instruction.args, { line: instruction.line, endLine: instruction.endLine });
    const context = 'ONBUILD: ';
    if (!KNOWN_INSTRUCTIONS.has(inner.keyword)) {
      refuse(instruction.line, `${context}unknown instruction "${inner.keyword || instruction.args}".`);
      return;
    }
    if (inner.keyword === 'ADD' || inner.keyword === 'FROM' || inner.keyword === 'ONBUILD' || inner.keyword === 'MAINTAINER') {
      refuse(instruction.line, `ONBUILD ${inner.keyword} is not allowed here: triggers run later, in other builds, where they can't be checked. Use COPY in the ONBUILD trigger, or write the step in the Dockerfile that needs it.`);
      return;
    }
    if (inner.keyword === 'COPY' && inner.flags.some((flag) => flag.name.toLowerCase() === 'from')) {
      refuse(instruction.line, 'ONBUILD COPY --from is not allowed here: triggers run later, in other builds, where the image they name can\'t be checked. Write the COPY --from in the Dockerfile that needs it.');
      return;
    }
    if (checkFlags(inner, inner.keyword, context)) checkHeredoc(inner, context);
  };

  const recordMetaArg = (instruction: Instruction) => {
    for (const { word } of splitWords(instruction.args)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(word);
      if (!match || metaArgs.has(match[1])) {
        metaArgsUncertain = true;
        continue;
      }
      const [, name, raw] = match;
      if (raw === undefined) {
        metaArgs.set(name, undefined);
        continue;
      }
      const unquoted = /^"([^"]*)"$|^'([^']*)'$/.exec(raw);
      const value = unquoted ? (unquoted[1] ?? unquoted[2]) : raw;
      if (PLAIN_VALUE.test(value)) {
        metaArgs.set(name, value);
        continue;
      }
      const expanded = unquoted?.[2] === undefined && !/["'\\`]/.test(value) ? expandVariables(value, metaArgs) : undefined;
      if (expanded?.ok && PLAIN_VALUE.test(expanded.value)) metaArgs.set(name, expanded.value);
      else metaArgsUncertain = true;
    }
  };

  const checkFrom = (instruction: Instruction) => {
    const errorsBefore = errors.length;
    checkFlags(instruction, 'FROM');
    const words = splitWords(instruction.args);
    let stageName: string | undefined;
    if (words.length === 3 && words[1].word.toLowerCase() === 'as') {
      stageName = words[2].word.toLowerCase();
      if (!STAGE_NAME.test(stageName)) {
        refuse(instruction.line, `"${words[2].word}" can't be a stage name: use letters, digits, "-", "_" and ".", starting with a letter.`);
      } else if (stages.some((stage) => stage.name === stageName)) {
        refuse(instruction.line, `There is already a stage named "${stageName}".`);
      }
    } else if (words.length !== 1) {
      refuse(instruction.line, 'FROM needs an image name, optionally followed by "AS <stage name>".');
      stages.push({});
      return;
    }
    const written = words[0];
    let ref = written.word;
    if (/["'\\`]/.test(ref)) {
      refuse(instruction.line, 'Write the FROM image name without quotes or escape characters.');
    } else if (ref.includes('$')) {
      const expanded = metaArgsUncertain
        ? ({ ok: false, reason: 'an ARG before FROM whose value is not a plain image name' } as const)
        : expandVariables(ref, metaArgs);
      if (!expanded.ok || expanded.value.includes('$') || expanded.value === '') {
        refuse(instruction.line, `Can't tell which image "FROM ${ref}" uses (${expanded.ok ? 'the variable is empty' : expanded.reason}). Write the image name directly, or give the ARG before FROM a plain default like ARG BASE=python:3.11-slim.`);
        stages.push({ name: stageName });
        return;
      }
      ref = expanded.value;
    }
    const previous = stages.some((stage) => stage.name === ref.toLowerCase());
    if (!previous && ref !== 'scratch' && errors.length === errorsBefore) {
      const resolved = checkImage(instruction, ref, 'FROM image');
      if (resolved !== undefined && (resolved !== ref || written.word !== ref)) {
        const start = instruction.argsStart + written.start;
        replace(instruction, start, start + written.word.length, resolved, 'the FROM image name');
      }
    }
    stages.push({ name: stageName });
  };

  const checkCopy = (instruction: Instruction) => {
    if (!checkFlags(instruction, 'COPY') || !checkHeredoc(instruction)) return;
    // Only finished stages count: the engine pulls a name that is not one yet, even the current stage's.
    const finished = stages.slice(0, -1);
    for (const flag of instruction.flags) {
      if (flag.name.toLowerCase() !== 'from') continue;
      const value = flag.value ?? '';
      if (value.includes('$')) {
        refuse(instruction.line, 'COPY --from can\'t use variables ($…) here: name an earlier stage or an image directly.');
        continue;
      }
      if (finished.some((stage) => stage.name !== undefined && stage.name === value.toLowerCase())) continue;
      if (DIGIT_INDEX.test(value) && Number(value) < finished.length) continue;
      if (stages.at(-1)?.name === value.toLowerCase() && value !== '') {
        refuse(instruction.line, `COPY --from=${value} names the stage it is in; a stage can only copy from stages that come before it.`);
        continue;
      }
      if (DIGIT_INDEX.test(value)) {
        refuse(instruction.line, `COPY --from=${value}: there is no earlier stage number ${value} (stages count from 0, and only stages before this one can be used).`);
        continue;
      }
      const resolved = checkImage(instruction, value, 'COPY --from image');
      const written = instruction.original.slice(flag.start, flag.end);
      if (resolved !== undefined && (resolved !== value || written !== `--from=${value}`)) {
        replace(instruction, flag.start, flag.end, `--from=${resolved}`, 'the --from flag');
      }
    }
  };

  let seenFrom = false;
  for (const instruction of parsed.instructions) {
    const { keyword } = instruction;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      const shown = instruction.original.trim().split(/\s+/)[0]?.slice(0, 40) ?? '';
      refuse(instruction.line, `Unknown instruction "${shown}". (If this line belongs to the line above, end that line with ${parsed.escape}.)`);
      continue;
    }
    if (!seenFrom && keyword !== 'FROM' && keyword !== 'ARG') {
      refuse(instruction.line, `Only ARG may come before the first FROM; ${keyword} must come after it.`);
      continue;
    }
    switch (keyword) {
      case 'ARG':
        if (!seenFrom) recordMetaArg(instruction);
        break;
      case 'FROM':
        seenFrom = true;
        checkFrom(instruction);
        break;
      case 'RUN':
        if (checkFlags(instruction, 'RUN')) checkHeredoc(instruction);
        break;
      case 'COPY':
        checkCopy(instruction);
        break;
      case 'ADD':
        if (checkFlags(instruction, 'ADD') && checkHeredoc(instruction)) checkAdd(instruction);
        break;
      case 'ONBUILD':
        checkOnbuild(instruction);
        break;
    }
  }
  if (!seenFrom && errors.length === 0) {
    refuse(1, `A Dockerfile must start from an image: add a FROM line, e.g. "FROM ${options.allowedBases?.[0] ?? 'python:3.11-slim'}".`);
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  let dockerfile = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    dockerfile = dockerfile.slice(0, edit.start) + edit.text + dockerfile.slice(edit.end);
  }
  const steps = parsed.instructions.map((instruction, i) => ({
    index: i + 1,
    line: instruction.line,
    instruction: instruction.original.trim(),
  }));
  return { ok: true, dockerfile, steps };
}
