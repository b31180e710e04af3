/**
 * The typed instruction layer over parse.ts, shaped like BuildKit's
 * `instructions` package: stages with their base and name, typed flags
 * (RUN mounts/network/security, COPY/ADD from/chmod/chown/link…), heredoc
 * bodies. The policy, the coach, the lesson checks, the warm-up and the
 * editor read this; nobody re-reads Dockerfile text.
 *
 * `errors` holds what the engine's own frontend (Docker 26, BuildKit v0.13)
 * refuses while building its instruction list, worded as BuildKit words it,
 * so the platform can say what Docker would say.
 */
import { splitWords } from './go-text';
import { parseDockerfile, parseInstructionLine, type Flag, type Heredoc, type Instruction, type ParsedDockerfile } from './parse';

export type Mount = {
  type: string;
  /** Stage name/index or image for `from=`. */
  from?: string;
  source?: string;
  target?: string;
  /** All `key=value` options as written (lower-cased keys). */
  options: Record<string, string>;
};

type Base = { instruction: Instruction; line: number };

export type RunCommand = Base & {
  kind: 'RUN';
  mounts: Mount[];
  network?: string;
  security?: string;
  heredocs: Heredoc[];
  /** Exec form (JSON) arguments, or undefined for the shell form. */
  exec?: string[];
  /** Shell form command text. */
  script: string;
};

export type CopyCommand = Base & {
  kind: 'COPY' | 'ADD';
  from?: string;
  chmod?: string;
  chown?: string;
  link: boolean;
  parents: boolean;
  exclude: string[];
  checksum?: string;
  keepGitDir: boolean;
  sources: string[];
  dest: string;
  heredocs: Heredoc[];
};

export type ArgCommand = Base & { kind: 'ARG'; args: { name: string; value?: string }[] };
export type EnvCommand = Base & { kind: 'ENV' | 'LABEL'; pairs: { key: string; value: string }[]; legacyForm: boolean };
export type OnbuildCommand = Base & { kind: 'ONBUILD'; inner?: Command };
export type FromCommand = Base & { kind: 'FROM'; image: string; name?: string; platform?: string };
export type OtherCommand = Base & { kind: 'OTHER'; keyword: string };

export type Command = RunCommand | CopyCommand | ArgCommand | EnvCommand | OnbuildCommand | FromCommand | OtherCommand;

export type Stage = {
  index: number;
  /** The FROM image word as written (may name an earlier stage, `scratch`, or use $VARS). */
  base: string;
  /** Lower-cased `AS` name, as BuildKit compares them. */
  name?: string;
  from: FromCommand;
  commands: Command[];
};

export type DockerfileError = { line: number; message: string };

export type Dockerfile = {
  parsed: ParsedDockerfile;
  /** ARGs before the first FROM. */
  metaArgs: ArgCommand[];
  stages: Stage[];
  /** Every command in file order (meta ARGs, FROMs and stage commands). */
  commands: Command[];
  /** What the engine refuses (parser problems first). Empty when it would build the file's instruction list. */
  errors: DockerfileError[];
};

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Flags the built-in frontend of Docker Engine 26 (BuildKit v0.13, stable channel) accepts. */
export const KNOWN_FLAGS: Record<string, readonly string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network'],
  COPY: ['from', 'chown', 'chmod', 'link'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};
const BOOL_FLAGS = new Set(['link', 'keep-git-dir']);
const MULTI_FLAGS = new Set(['mount']);
const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

function flagValue(flags: Flag[], name: string): string | undefined {
  let value: string | undefined;
  for (const flag of flags) if (flag.name === name) value = flag.value ?? '';
  return value;
}

function flagBool(flags: Flag[], name: string): boolean {
  const value = flagValue(flags, name);
  return value !== undefined && value.toLowerCase() !== 'false';
}

/** `--mount=type=cache,target=/x,from=build`: csv of key=value (a bare key is `key=true`). */
export function parseMount(value: string): Mount {
  const options: Record<string, string> = {};
  for (const field of value.split(',')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    options[key] = eq < 0 ? 'true' : field.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  const type = (options.type ?? 'bind').toLowerCase();
  return {
    type,
    from: options.from,
    source: options.source ?? options.src,
    target: options.target ?? options.dst ?? options.destination,
    options,
  };
}

/** BuildKit's parseWords (quote-aware word split, quotes kept) for ENV/LABEL/ARG. */
function nameValueWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  const chars = Array.from(rest);
  for (let i = 0; i <= chars.length; i++) {
    const end = i === chars.length;
    let ch = end ? '' : chars[i];
    if (phase === 'spaces') {
      if (end) break;
      if (/\s/.test(ch)) continue;
      phase = 'word';
    }
    if (end) {
      if (blankOK || word) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (/\s/.test(ch)) {
        phase = 'spaces';
        if (blankOK || word) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (i + 1 === chars.length) continue;
        word += ch;
        ch = chars[++i];
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (i + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = chars[++i];
    }
    word += ch;
  }
  return words;
}

function describe(instruction: Instruction, escape: string, errors: DockerfileError[]): Command {
  const { keyword, flags, line } = instruction;
  const fail = (message: string) => errors.push({ line, message });
  const base = { instruction, line };

  if (KNOWN_INSTRUCTIONS.has(keyword) && !instruction.flagsUncertain) {
    const known = KNOWN_FLAGS[keyword] ?? [];
    const seen = new Set<string>();
    for (const flag of flags) {
      if (!known.includes(flag.name)) fail(`unknown flag: ${flag.name}`);
      else if (seen.has(flag.name) && !MULTI_FLAGS.has(flag.name)) fail(`duplicate flag specified: ${flag.name}`);
      else if (flag.value === undefined && !BOOL_FLAGS.has(flag.name)) fail(`missing a value on flag: ${flag.name}`);
      seen.add(flag.name);
    }
  }
  const jsonForms = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME', 'HEALTHCHECK']);
  if (jsonForms.has(keyword) && instruction.json.kind === 'not-strings') fail(NOT_STRINGS);

  switch (keyword) {
    case 'FROM': {
      const words = splitWords(instruction.args).map((w) => w.word);
      if (words.length !== 1 && !(words.length === 3 && words[1].toLowerCase() === 'as')) {
        fail('FROM requires either one or three arguments');
      }
      const name = words.length === 3 ? words[2].toLowerCase() : undefined;
      return { ...base, kind: 'FROM', image: words[0] ?? '', name, platform: flagValue(flags, 'platform') };
    }
    case 'RUN': {
      const exec = instruction.json.kind === 'json' ? instruction.json.values : undefined;
      return {
        ...base,
        kind: 'RUN',
        mounts: flags.filter((f) => f.name === 'mount').map((f) => parseMount(f.value ?? '')),
        network: flagValue(flags, 'network'),
        security: flagValue(flags, 'security'),
        heredocs: instruction.heredocs,
        exec,
        script: exec ? '' : instruction.args,
      };
    }
    case 'COPY':
    case 'ADD': {
      const words = instruction.json.kind === 'json' ? instruction.json.values : splitWords(instruction.args).map((w) => w.word);
      if (words.length < 2 && instruction.heredocs.length === 0) {
        fail(`${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`);
      }
      return {
        ...base,
        kind: keyword,
        from: flagValue(flags, 'from'),
        chmod: flagValue(flags, 'chmod'),
        chown: flagValue(flags, 'chown'),
        link: flagBool(flags, 'link'),
        parents: flagBool(flags, 'parents'),
        exclude: flags.filter((f) => f.name === 'exclude').map((f) => f.value ?? ''),
        checksum: flagValue(flags, 'checksum'),
        keepGitDir: flagBool(flags, 'keep-git-dir'),
        sources: words.slice(0, -1),
        dest: words.at(-1) ?? '',
        heredocs: instruction.heredocs,
      };
    }
    case 'ARG': {
      const words = nameValueWords(instruction.args, escape);
      if (words.length === 0) fail('ARG requires at least one argument');
      return {
        ...base,
        kind: 'ARG',
        args: words.map((w) => {
          const eq = w.indexOf('=');
          return eq < 0 ? { name: w } : { name: w.slice(0, eq), value: w.slice(eq + 1) };
        }),
      };
    }
    case 'ENV':
    case 'LABEL': {
      const words = nameValueWords(instruction.args, escape);
      const pairs: { key: string; value: string }[] = [];
      let legacyForm = false;
      if (words.length === 0) fail(`${keyword} requires at least one argument`);
      else if (!words[0].includes('=')) {
        legacyForm = true;
        const parts = instruction.args.split(/[\t\v\f\r ]+/);
        const rest = instruction.args.slice(parts[0].length).replace(/^[\t\v\f\r ]+/, '');
        if (parts.length < 2) fail(`${keyword} must have two arguments`);
        else pairs.push({ key: parts[0], value: rest });
      } else {
        for (const word of words) {
          const eq = word.indexOf('=');
          if (eq < 0) {
            fail(`Syntax error - can't find = in ${JSON.stringify(word)}. Must be of the form: name=value`);
            break;
          }
          pairs.push({ key: word.slice(0, eq), value: word.slice(eq + 1) });
        }
      }
      return { ...base, kind: keyword, pairs, legacyForm };
    }
    case 'ONBUILD': {
      if (instruction.args === '') {
        fail('ONBUILD requires exactly one argument');
        return { ...base, kind: 'ONBUILD' };
      }
      const inner = parseInstructionLine(instruction.args, { line: instruction.line, endLine: instruction.endLine });
      inner.heredocs = instruction.heredocs;
      // BuildKit keeps the trigger as text: only these three are refused when the file is read.
      if (inner.keyword === 'ONBUILD') fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      else if (inner.keyword === 'FROM' || inner.keyword === 'MAINTAINER') fail(`${inner.keyword} isn't allowed as an ONBUILD trigger`);
      return { ...base, kind: 'ONBUILD', inner: describe(inner, escape, []) };
    }
    default:
      if (!KNOWN_INSTRUCTIONS.has(keyword)) {
        fail(`unknown instruction: ${instruction.original.trim().split(/[\t\v\f\r ]+/)[0] ?? keyword}`);
      }
      return { ...base, kind: 'OTHER', keyword };
  }
}

export function readDockerfile(input: string | ParsedDockerfile): Dockerfile {
  const parsed = typeof input === 'string' ? parseDockerfile(input) : input;
  const errors: DockerfileError[] = parsed.problems.map((p) => ({ ...p }));
  const metaArgs: ArgCommand[] = [];
  const stages: Stage[] = [];
  const commands: Command[] = [];
  for (const instruction of parsed.instructions) {
    const command = describe(instruction, parsed.escape, errors);
    commands.push(command);
    if (command.kind === 'FROM') {
      stages.push({ index: stages.length, base: command.image, name: command.name, from: command, commands: [] });
    } else if (stages.length) {
      stages[stages.length - 1].commands.push(command);
    } else if (command.kind === 'ARG') {
      metaArgs.push(command);
    } else if (errors.length === 0) {
      errors.push({ line: command.line, message: 'no build stage in current context' });
    }
  }
  if (parsed.instructions.length === 0 && errors.length === 0) {
    const empty = typeof input === 'string' && input.length === 0;
    errors.push({ line: 1, message: empty ? 'the Dockerfile cannot be empty' : 'file with no instructions' });
  }
  errors.sort((a, b) => a.line - b.line);
  return { parsed, metaArgs, stages, commands, errors };
}
