import 'server-only';

/**
 * What a learner's Dockerfile may ask of the engine (Docker Engine 26 with
 * BuildKit), checked BEFORE the engine sees it. The engine itself fetches
 * `ADD <url>` sources, pulls unknown `FROM` / `COPY --from` / `--mount from=`
 * images and `# syntax=` frontends — from its own network namespace, which
 * has none (issue 10), so this policy is the second wall and the source of
 * messages that teach what to do instead.
 *
 * The file is read exactly like the engine reads it (lib/dockerfile: the
 * parser and its typed instruction layer, proven against the engine by
 * server/sandbox/parser-differential.engine.test.ts). Where the engine itself would
 * refuse the file, we say what it would say. The only rewrites happen in
 * place, so line numbers stay identical: a learner's own image name in
 * FROM/--from becomes its internal name, and a `# syntax=docker/dockerfile:1`
 * line (never fetched here) becomes a plain comment. (Cache mounts are kept
 * apart per learner by the engine call itself: BUILDKIT_CACHE_MOUNT_NS.)
 */
import {
  expandVariables,
  readDockerfile,
  sourceSpan,
  splitLines,
  splitWords,
  type Command,
  type CopyCommand,
  type Instruction,
  type RunCommand,
} from '@/lib/dockerfile';
import { detectSyntax, isBuiltinSyntax } from '@/lib/dockerfile/detect-syntax';
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
  /**
   * The build's `--build-arg`s: they override the defaults of ARGs declared before FROM, so the
   * image a `FROM $BASE` names is checked with the value the engine will really use.
   */
  buildArgs?: Readonly<Record<string, string>>;
};

export type PolicyError = { line: number; message: string };
export type BuildStep = { index: number; line: number; instruction: string };
export type PolicyResult =
  /** `notes`: things the job log should tell the learner (e.g. that `# syntax=` was not fetched). */
  { ok: true; dockerfile: string; steps: BuildStep[]; notes: string[] } | { ok: false; errors: PolicyError[] };

const MOUNT_TYPES_ALLOWED = new Set(['cache', 'tmpfs', 'bind']);
const MOUNT_REFUSED: Record<string, string> = {
  secret:
    "secrets can't be passed to builds here yet. Put a harmless placeholder value in a file in the editor and COPY it, and keep real secrets out of images",
  ssh: 'builds here have no SSH agent (and no network to use it on). COPY what you need from the editor instead',
};
const LABS_FLAGS: Record<string, string> = {
  parents: 'copy each folder with its own COPY',
  exclude: 'list what to copy instead, or add the files to .dockerignore',
  security: 'steps here always run unprivileged inside a sandbox',
};
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
// Values an ARG before FROM may have without us having to emulate shell quoting.
const PLAIN_VALUE = /^[A-Za-z0-9._:/@+-]*$/;
const DIGIT_INDEX = /^[0-9]{1,4}$/;

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function describeAllowed(options: PolicyOptions): string {
  const bases = options.allowedBases?.length ? options.allowedBases.join(', ') : '';
  return bases
    ? `Allowed base images: ${bases}, scratch, or an image you built here.`
    : 'Use a base image from the lesson, scratch, or an image you built here.';
}

type Stage = { name?: string };
type Edit = { start: number; end: number; text: string };

export function checkDockerfile(text: string, options: PolicyOptions): PolicyResult {
  const errors: PolicyError[] = [];
  const edits: Edit[] = [];
  const notes: string[] = [];
  const refuse = (line: number, message: string) => errors.push({ line, message });

  // Physical line lengths first: a huge line is refused without looking further into it.
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (line.length > MAX_LINE_BYTES / 4 && utf8Bytes(line) > MAX_LINE_BYTES) {
      refuse(
        lineNumber,
        `Line ${lineNumber} is longer than ${MAX_LINE_BYTES / 1024} KiB. Split it with line continuations (\\ at the end of a line).`,
      );
    }
  }
  if (errors.length) return { ok: false, errors };

  const df = readDockerfile(text);
  const { parsed } = df;
  const lines = splitLines(text);

  // `# syntax=` makes the engine fetch and run a frontend image. The built-in frontend (BuildKit
  // v0.13 in Engine 26) already is docker/dockerfile:1, so that line becomes a plain comment.
  const syntax = detectSyntax(text);
  if (syntax && !isBuiltinSyntax(syntax.value)) {
    refuse(
      syntax.line,
      `The "# syntax=${syntax.value}" line asks the engine to download and run another Dockerfile frontend, which builds here never do. Use "# syntax=docker/dockerfile:1" (the built-in frontend) or remove the line.`,
    );
  } else if (syntax) {
    const escapeDirective = parsed.directives.find((d) => d.name === 'escape');
    const directiveLines = new Set([syntax.line, ...parsed.directives.map((d) => d.line)]);
    const firstLine = Math.min(...directiveLines);
    for (const n of directiveLines) {
      const line = lines[n - 1];
      if (!line) continue;
      const start = line.offset + (n === 1 && text.startsWith('\uFEFF') ? 1 : 0);
      // Keep the escape directive where the block starts; every other directive line becomes `#`.
      const replacement = escapeDirective && n === firstLine ? `# escape=${escapeDirective.value}` : '#';
      edits.push({ start, end: line.offset + line.text.length, text: replacement });
    }
    notes.push(
      `Note: "# syntax=${syntax.value}" (line ${syntax.line}) is not downloaded here; the engine's built-in Dockerfile frontend (BuildKit, as in Docker Engine 26) builds this file.`,
    );
  }

  for (const error of df.errors) {
    const message =
      error.message === 'file with no instructions' || error.message === 'the Dockerfile cannot be empty'
        ? `A Dockerfile must start from an image: add a FROM line, e.g. "FROM ${options.allowedBases?.[0] ?? 'python:3.13-slim'}". (Docker says: ${error.message}.)`
        : explainEngineError(error.message, parsed.escape);
    refuse(error.line, message);
  }
  if (parsed.instructions.length > MAX_INSTRUCTIONS) {
    refuse(parsed.instructions[MAX_INSTRUCTIONS].line, `A Dockerfile here may have at most ${MAX_INSTRUCTIONS} instructions.`);
    return { ok: false, errors };
  }

  const metaArgs = new Map<string, string | undefined>();
  let metaArgsUncertain = false;
  const stages: Stage[] = [];

  /** Checks an image named by FROM, COPY --from or --mount from= and returns the name to build with. */
  const checkImage = (instruction: Instruction, ref: string, what: string): string | undefined => {
    const line = instruction.line;
    if (ref.includes('@')) {
      refuse(
        line,
        `${what} "${ref}" pins a digest (@sha256:…). Images here can't be fetched by digest: use the name and tag only, e.g. "python:3.13-slim". ${describeAllowed(options)}`,
      );
      return undefined;
    }
    if (!parseImageRef(ref)) {
      refuse(line, `${what} "${ref}" is not a valid image name (lower-case name, optional :tag). ${describeAllowed(options)}`);
      return undefined;
    }
    if (options.isAllowedBase(ref)) return ref;
    const own = options.learnerImage(ref);
    if (own !== undefined && /^[^\s$'"\\`,=]+$/.test(own)) return own;
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

  const hasVariable = (value: string | undefined) => value !== undefined && value.includes('$');

  /** A finished earlier stage named by `ref` (name, any case, or index), or undefined. */
  const earlierStage = (ref: string): boolean => {
    const finished = stages.slice(0, -1);
    if (finished.some((stage) => stage.name !== undefined && stage.name === ref.toLowerCase())) return true;
    return DIGIT_INDEX.test(ref) && Number(ref) < finished.length;
  };

  const checkFlagsUncertain = (instruction: Instruction, context: string): boolean => {
    if (!instruction.flagsUncertain || instruction.flags.length === 0) return true;
    refuse(instruction.line, `${context}Use only plain ASCII characters in the --flags of ${instruction.keyword}.`);
    return false;
  };

  const checkRun = (command: RunCommand, context = '') => {
    const { instruction } = command;
    if (!checkFlagsUncertain(instruction, context)) return;
    if (command.network !== undefined && command.network !== 'none') {
      refuse(
        command.line,
        `${context}RUN --network=${command.network} is not allowed: builds here have no network at all. Leave the flag out (or write --network=none), and COPY what the step needs from the editor.`,
      );
    }
    for (const flag of instruction.flags) {
      if (flag.name !== 'mount') continue;
      const mount = command.mounts[instruction.flags.filter((f) => f.name === 'mount').indexOf(flag)];
      const value = flag.value ?? '';
      if (context) {
        refuse(
          command.line,
          `${context}RUN --mount is not allowed in an ONBUILD trigger: triggers run later, in other builds, where the mount can't be checked.`,
        );
        continue;
      }
      if (MOUNT_REFUSED[mount.type]) {
        refuse(command.line, `RUN --mount=type=${mount.type} is not available here: ${MOUNT_REFUSED[mount.type]}.`);
        continue;
      }
      if (!MOUNT_TYPES_ALLOWED.has(mount.type)) {
        refuse(
          command.line,
          `RUN --mount=type=${mount.type} is not a mount type builds here support. Use type=cache, type=tmpfs or type=bind.`,
        );
        continue;
      }
      if (/["'$\\`]/.test(value)) {
        refuse(command.line, 'Write RUN --mount options without quotes, escapes or variables ($…) here.');
        continue;
      }
      if (mount.from !== undefined && !earlierStage(mount.from)) {
        if (stages.at(-1)?.name === mount.from.toLowerCase()) {
          refuse(command.line, `RUN --mount from=${mount.from} names the stage it is in; a mount can only come from stages before it.`);
          continue;
        }
        if (!options.isAllowedBase(mount.from)) {
          refuse(
            command.line,
            `RUN --mount from=${mount.from}: mount files from an earlier stage of this Dockerfile (FROM … AS name) or from the build context (leave out from=). ${options.learnerImage(mount.from) === undefined ? "Images can't be downloaded during a build." : 'To use an image you built, start a stage FROM it first.'}`,
          );
          continue;
        }
      }
    }
  };

  /** ADD must only ever read from the build context (or a heredoc). */
  const checkAdd = (command: CopyCommand, context = '') => {
    const { instruction } = command;
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
      refuse(
        instruction.line,
        `${context}ADD can't download from a URL or a git repository here: builds may only use files from the editor. Add the file to the project and use COPY instead.`,
      );
      return;
    }
    if (readings.some((words) => words.slice(0, -1).some((word) => word.includes('$')))) {
      refuse(
        instruction.line,
        `${context}ADD sources can't use variables ($…) here, because a variable could hide a URL. Write the file name directly, or use COPY.`,
      );
    }
  };

  const checkOnbuild = (command: Extract<Command, { kind: 'ONBUILD' }>) => {
    const inner = command.inner;
    if (!inner) return; // the engine accepts a bare ONBUILD; nothing to check
    const keyword = inner.instruction.keyword;
    const context = 'ONBUILD: ';
    if (keyword === 'ADD') {
      refuse(
        command.line,
        "ONBUILD ADD is not allowed here: triggers run later, in other builds, where they can't be checked. Use COPY in the ONBUILD trigger, or write the step in the Dockerfile that needs it.",
      );
      return;
    }
    if (keyword === 'COPY' && inner.instruction.flags.some((flag) => flag.name.toLowerCase() === 'from')) {
      refuse(
        command.line,
        "ONBUILD COPY --from is not allowed here: triggers run later, in other builds, where the image they name can't be checked. Write the COPY --from in the Dockerfile that needs it.",
      );
      return;
    }
    if (inner.kind === 'RUN') checkRun(inner, context);
    else if (inner.instruction.flags.length) checkFlagsUncertain(inner.instruction, context);
  };

  const recordMetaArg = (instruction: Instruction) => {
    for (const { word } of splitWords(instruction.args)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(word);
      if (!match || metaArgs.has(match[1])) {
        metaArgsUncertain = true;
        continue;
      }
      const [, name, written] = match;
      const given = options.buildArgs && Object.hasOwn(options.buildArgs, name) ? options.buildArgs[name] : undefined;
      if (given !== undefined) {
        // A build arg is used as given (no shell quoting applies to it).
        if (PLAIN_VALUE.test(given)) metaArgs.set(name, given);
        else metaArgsUncertain = true;
        continue;
      }
      const raw = written;
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
    if (instruction.flags.some((flag) => flag.name.toLowerCase() === 'platform')) {
      refuse(
        instruction.line,
        "FROM --platform is not supported: images here always build for the engine's own platform. Remove the flag.",
      );
    }
    const words = splitWords(instruction.args);
    let stageName: string | undefined;
    if (words.length === 3 && words[1].word.toLowerCase() === 'as') {
      stageName = words[2].word.toLowerCase();
      if (!STAGE_NAME.test(stageName)) {
        refuse(
          instruction.line,
          `"${words[2].word}" can't be a stage name: use letters, digits, "-", "_" and ".", starting with a letter.`,
        );
      } else if (stages.some((stage) => stage.name === stageName)) {
        refuse(instruction.line, `There is already a stage named "${stageName}".`);
      }
    } else if (words.length !== 1) {
      if (errors.length === errorsBefore && !df.errors.some((e) => e.line === instruction.line)) {
        refuse(instruction.line, 'FROM needs an image name, optionally followed by "AS <stage name>".');
      }
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
        refuse(
          instruction.line,
          `Can't tell which image "FROM ${ref}" uses (${expanded.ok ? 'the variable is empty' : expanded.reason}). Write the image name directly, or give the ARG before FROM a plain default like ARG BASE=python:3.13-slim.`,
        );
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

  const checkCopyFrom = (command: CopyCommand) => {
    const { instruction } = command;
    if (!checkFlagsUncertain(instruction, '')) return;
    for (const flag of instruction.flags) {
      if (flag.name.toLowerCase() !== 'from') continue;
      const value = flag.value ?? '';
      if (hasVariable(value)) {
        refuse(instruction.line, "COPY --from can't use variables ($…) here: name an earlier stage or an image directly.");
        continue;
      }
      // Only finished stages count: the engine pulls a name that is not one yet, even the current stage's.
      if (earlierStage(value)) continue;
      if (stages.at(-1)?.name === value.toLowerCase() && value !== '') {
        refuse(instruction.line, `COPY --from=${value} names the stage it is in; a stage can only copy from stages that come before it.`);
        continue;
      }
      if (DIGIT_INDEX.test(value)) {
        refuse(
          instruction.line,
          `COPY --from=${value}: there is no earlier stage number ${value} (stages count from 0, and only stages before this one can be used).`,
        );
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
  for (const command of df.commands) {
    const { instruction } = command;
    const { keyword } = instruction;
    if (!seenFrom && keyword !== 'FROM' && keyword !== 'ARG') continue; // the engine's error is already reported
    switch (command.kind) {
      case 'ARG':
        if (!seenFrom) recordMetaArg(instruction);
        break;
      case 'FROM':
        seenFrom = true;
        checkFrom(instruction);
        break;
      case 'RUN':
        checkRun(command);
        break;
      case 'COPY':
        checkCopyFrom(command);
        break;
      case 'ADD':
        if (checkFlagsUncertain(instruction, '')) checkAdd(command);
        break;
      case 'ONBUILD':
        checkOnbuild(command);
        break;
    }
  }
  if (!seenFrom && errors.length === 0) {
    refuse(1, `A Dockerfile must start from an image: add a FROM line, e.g. "FROM ${options.allowedBases?.[0] ?? 'python:3.13-slim'}".`);
  }
  if (errors.length) return { ok: false, errors: dedupe(errors).sort((a, b) => a.line - b.line) };

  let dockerfile = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    dockerfile = dockerfile.slice(0, edit.start) + edit.text + dockerfile.slice(edit.end);
  }
  const steps = parsed.instructions.map((instruction, i) => ({
    index: i + 1,
    line: instruction.line,
    instruction: instruction.original.trim(),
  }));
  return { ok: true, dockerfile, steps, notes };
}

function dedupe(errors: PolicyError[]): PolicyError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The engine's own refusal, in its own words (what `docker build` prints after
 * "dockerfile parse error on line N:"), plus what to do about it.
 */
function explainEngineError(message: string, escape: string): string {
  const unknown = /^unknown instruction: (.*)$/.exec(message);
  if (unknown) {
    return `${message} (If this line belongs to the line above, end that line with ${escape}.)`;
  }
  const flag = /^unknown flag: (.*)$/.exec(message);
  if (flag && LABS_FLAGS[flag[1]]) {
    return `${message} (--${flag[1]} needs the "labs" Dockerfile frontend, which builds here don't use: ${LABS_FLAGS[flag[1]]}.)`;
  }
  if (message === 'no build stage in current context') {
    return `${message} (Only ARG may come before the first FROM.)`;
  }
  return message;
}
