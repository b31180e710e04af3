/**
 * The one docker command grammar of Layerlab: the terminal and the lesson
 * blocks' "▶ Run this" both read lines through here. A line becomes a typed
 * command or a refusal that says what is supported; nothing is ever handed to
 * a shell. Flags are read the way the docker CLI (pflag) reads them: `-t x`,
 * `-tx`, `-t=x`, `--tag x`, `--tag=x`, combined switches (`-it`, `-qa`), and
 * `run` stops reading options at the image name.
 */
import { learnerTagProblem } from '../image-ref';
import { ALIASES, commandHelp, commandSpec, COMMANDS, supportedSummary, type CommandName, type CommandSpec } from './spec';
import { tokenize } from './tokenize';

type Source = { source: string };
export type BuildCommand = Source & {
  kind: 'build';
  tag?: string;
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
  /** `-f`: the editor file used as the Dockerfile. */
  file?: string;
};
export type RunCommand = Source & {
  kind: 'run';
  image: string;
  rm: boolean;
  env: Record<string, string>;
  command: string[];
  /** `-it`: an interactive shell in the terminal. */
  interactive: boolean;
  entrypoint?: string;
  user?: string;
  workdir?: string;
};
export type ImagesCommand = Source & {
  kind: 'images';
  all: boolean;
  quiet: boolean;
  noTrunc: boolean;
  format?: string;
  reference?: string;
};
export type HistoryCommand = Source & { kind: 'history'; image: string; quiet: boolean; noTrunc: boolean; format?: string };
export type InspectCommand = Source & { kind: 'inspect'; images: string[]; format?: string };
export type RmiCommand = Source & { kind: 'rmi'; images: string[]; force: boolean };
export type PsCommand = Source & { kind: 'ps'; all: boolean; quiet: boolean; noTrunc: boolean; format?: string };
export type StopCommand = Source & { kind: 'stop'; containers: string[] };
export type LogsCommand = Source & { kind: 'logs'; container: string; tail?: number };
/** `docker`, `docker --help`, `docker run --help`: text to print, nothing to run. */
export type HelpCommand = Source & { kind: 'help'; text: string };
export type UnsupportedCommand = Source & { kind: 'unsupported'; reason: string };

export type DockerCommand =
  | BuildCommand
  | RunCommand
  | ImagesCommand
  | HistoryCommand
  | InspectCommand
  | RmiCommand
  | PsCommand
  | StopCommand
  | LogsCommand
  | HelpCommand
  | UnsupportedCommand;

/** Every line of a script (a lesson's shell block), in order, one result per logical line. */
export function parseDockerCommands(script: string): DockerCommand[] {
  return logicalLines(script).map(parseDockerLine);
}

/** True when a shell block holds at least one `docker …` line. */
export function mentionsDockerCommand(script: string): boolean {
  return logicalLines(script).some((l) => /^docker\s+\S/.test(l));
}

/** Lines a lesson block can run in the workbench without the terminal: builds and non-interactive runs. */
export function runsInWorkbench(c: DockerCommand): c is BuildCommand | RunCommand {
  return c.kind === 'build' || (c.kind === 'run' && !c.interactive);
}

export function logicalLines(script: string): string[] {
  return script
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

const NOT_DOCKER =
  'This terminal runs docker commands only; there is no shell on the server. To look around inside an image, start a shell in a container: docker run -it IMAGE sh';

export function parseDockerLine(line: string): DockerCommand {
  const source = line.trim().replace(/^\$\s+/, '');
  const refuse = (reason: string): UnsupportedCommand => ({ kind: 'unsupported', source, reason });
  const words = tokenize(source);
  if (typeof words === 'string') return refuse(words);
  if (words[0] !== 'docker') return refuse(words.length ? `${words[0]}: ${NOT_DOCKER}` : NOT_DOCKER);
  let rest = words.slice(1);
  if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') {
    return { kind: 'help', source, text: supportedSummary() };
  }
  let name: CommandName | undefined;
  const management = ALIASES[rest[0]];
  if (management) {
    name = management[rest[1] ?? ''];
    if (!name) {
      const subs = Object.keys(management).join(', ');
      return refuse(
        `\`docker ${rest[0]} ${rest[1] ?? ''}\`${rest[1] ? ' is not available here' : ' needs a command'}: try one of ${subs}.`,
      );
    }
    rest = rest.slice(2);
  } else {
    name = COMMANDS.find((c) => c.name === rest[0])?.name;
    if (!name) return refuse(`\`docker ${rest[0]}\` is not available in this terminal.\n${supportedSummary()}`);
    rest = rest.slice(1);
  }
  const spec = commandSpec(name);
  const parsed = readOptions(spec, rest);
  if (typeof parsed === 'string') return refuse(`${parsed}\nSee 'docker ${spec.name} --help'.`);
  if (parsed.help) return { kind: 'help', source, text: commandHelp(spec) };
  const c = { ...parsed, source, refuse };
  switch (name) {
    case 'build':
      return build(c);
    case 'run':
      return run(c);
    case 'images':
      if (c.positionals.length > 1) return refuse('"docker images" requires at most 1 argument.');
      return {
        kind: 'images',
        source,
        all: c.has('--all'),
        quiet: c.has('--quiet'),
        noTrunc: c.has('--no-trunc'),
        format: c.last('--format'),
        reference: c.positionals[0],
      };
    case 'history': {
      const image = one(c, 'history', 'IMAGE');
      if (typeof image !== 'string') return image;
      return { kind: 'history', source, image, quiet: c.has('--quiet'), noTrunc: c.has('--no-trunc'), format: c.last('--format') };
    }
    case 'inspect':
      if (!c.positionals.length)
        return refuse('"docker inspect" requires at least 1 argument.\nUsage:  docker inspect [OPTIONS] IMAGE [IMAGE...]');
      return { kind: 'inspect', source, images: c.positionals, format: c.last('--format') };
    case 'rmi':
      if (!c.positionals.length) return refuse('"docker rmi" requires at least 1 argument.\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]');
      return { kind: 'rmi', source, images: c.positionals, force: c.has('--force') };
    case 'ps':
      if (c.positionals.length) return refuse('"docker ps" accepts no arguments.');
      return { kind: 'ps', source, all: c.has('--all'), quiet: c.has('--quiet'), noTrunc: c.has('--no-trunc'), format: c.last('--format') };
    case 'stop':
      if (!c.positionals.length) return refuse('"docker stop" requires at least 1 argument.\nUsage:  docker stop CONTAINER [CONTAINER...]');
      return { kind: 'stop', source, containers: c.positionals };
    case 'logs': {
      const container = one(c, 'logs', 'CONTAINER');
      if (typeof container !== 'string') return container;
      const tail = c.last('--tail');
      if (tail !== undefined && tail !== 'all' && !/^\d+$/.test(tail))
        return refuse(`invalid value "${tail}" for flag --tail: a number of lines, or "all"`);
      return { kind: 'logs', source, container, tail: tail === undefined || tail === 'all' ? undefined : Number(tail) };
    }
  }
}

type Read = {
  positionals: string[];
  values: Map<string, string[]>;
  help: boolean;
  has(long: string): boolean;
  last(long: string): string | undefined;
};
type Ctx = Read & { source: string; refuse: (reason: string) => UnsupportedCommand };

function one(c: Ctx, cmd: string, what: string): string | UnsupportedCommand {
  if (c.positionals.length !== 1) return c.refuse(`"docker ${cmd}" requires exactly 1 argument.\nUsage:  docker ${cmd} [OPTIONS] ${what}`);
  return c.positionals[0];
}

/** Reads flags per the command's spec; returns an error sentence for unknown flags or missing values. */
function readOptions(spec: CommandSpec, args: string[]): Read | string {
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  let help = false;
  const key = (names: string[]) => names.find((n) => n.startsWith('--')) ?? names[0];
  const set = (names: string[], v: string) => values.set(key(names), [...(values.get(key(names)) ?? []), v]);
  const interspersed = spec.name !== 'run';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      const f = spec.flags.find((x) => x.names.includes(name));
      if (!f) return unknownFlag(spec, name);
      if (!f.value) {
        if (eq >= 0 && !/^(true|false)$/.test(a.slice(eq + 1))) return `invalid argument "${a.slice(eq + 1)}" for "${name}" flag`;
        if (eq < 0 || a.slice(eq + 1) === 'true') set(f.names, 'true');
        continue;
      }
      if (eq >= 0) set(f.names, a.slice(eq + 1));
      else if (i + 1 < args.length) set(f.names, args[++i]);
      else return `flag needs an argument: ${name}`;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthands: each letter is a switch, until one takes a value (the rest of the word, or the next word).
      for (let j = 1; j < a.length; j++) {
        const f = spec.flags.find((x) => x.names.includes(`-${a[j]}`));
        if (!f) return unknownFlag(spec, `-${a[j]}`, a);
        if (!f.value) {
          set(f.names, 'true');
          continue;
        }
        const restOfWord = a.slice(j + 1).replace(/^=/, '');
        if (restOfWord) set(f.names, restOfWord);
        else if (i + 1 < args.length) set(f.names, args[++i]);
        else return `flag needs an argument: '${a[j]}' in -${a[j]}`;
        break;
      }
      continue;
    }
    positionals.push(a);
    if (!interspersed) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return {
    positionals,
    values,
    help,
    has: (long) => values.has(long),
    last: (long) => values.get(long)?.at(-1),
  };
}

function unknownFlag(spec: CommandSpec, name: string, word?: string) {
  const known = spec.flags.flatMap((f) => f.names).join(', ');
  const shown = name.startsWith('--') ? `unknown flag: ${name}` : `unknown shorthand flag: '${name.slice(1)}' in ${word ?? name}`;
  return `${shown}\nThis terminal supports for docker ${spec.name}: ${known || 'no options'}.`;
}

function keyValues(values: string[] | undefined, flag: string, c: Ctx): Record<string, string> | UnsupportedCommand {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0)
      return c.refuse(
        `Write ${flag} as \`KEY=value\` (\`${v}\` alone would copy the value from your own machine, which the server does not have).`,
      );
    const key = v.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return c.refuse(`\`${key}\` is not a valid variable name.`);
    out[key] = v.slice(eq + 1);
  }
  return out;
}

function imageName(name: string, c: Ctx): UnsupportedCommand | undefined {
  const problem = learnerTagProblem(name);
  return problem ? c.refuse(`The image name \`${name}\` ${problem}.`) : undefined;
}

function build(c: Ctx): BuildCommand | UnsupportedCommand {
  const tags = c.values.get('--tag') ?? [];
  if (tags.length > 1) return c.refuse('Give the image one tag (`-t NAME`); several tags are not supported here.');
  const tag = tags[0];
  if (tag !== undefined) {
    const bad = imageName(tag, c);
    if (bad) return bad;
  }
  const buildArgs = keyValues(c.values.get('--build-arg'), '--build-arg', c);
  if ('kind' in buildArgs) return buildArgs as UnsupportedCommand;
  const target = c.last('--target');
  if (target !== undefined && !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(target)) return c.refuse(`\`${target}\` is not a stage name.`);
  if (c.positionals.length === 0) return c.refuse('`docker build` needs a build context: add `.` at the end.');
  if (c.positionals.length > 1) return c.refuse(`Unexpected \`${c.positionals[1]}\`: \`docker build\` takes a single context.`);
  const context = c.positionals[0];
  if (context !== '.' && context !== './')
    return c.refuse(`The build context is always the workbench's files (\`.\`), not \`${context}\`.`);
  const file = c.last('--file')?.replace(/^\.\//, '');
  return {
    kind: 'build',
    source: c.source,
    tag,
    buildArgs,
    ...(target !== undefined && { target }),
    noCache: c.has('--no-cache'),
    ...(file !== undefined && { file }),
  };
}

function run(c: Ctx): RunCommand | UnsupportedCommand {
  const env = keyValues(c.values.get('--env'), '-e', c);
  if ('kind' in env) return env as UnsupportedCommand;
  const [image, ...command] = c.positionals;
  if (image === undefined) return c.refuse('`docker run` needs the name of an image to run.');
  const bad = imageName(image, c);
  if (bad) return bad;
  const i = c.has('--interactive');
  const t = c.has('--tty');
  if (i !== t) {
    return c.refuse(
      i
        ? '`-i` alone would wait for input that a lesson block cannot type: use `-it` in the terminal for a shell, or leave it out.'
        : '`-t` alone gives a TTY nobody types into: use `-it` in the terminal for a shell, or leave it out.',
    );
  }
  const entrypoint = c.last('--entrypoint');
  const user = c.last('--user');
  if (user !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user)) {
    return c.refuse(`\`${user}\` is not a user: write a name or UID, optionally \`:group\`.`);
  }
  const workdir = c.last('--workdir');
  if (workdir !== undefined && !workdir.startsWith('/'))
    return c.refuse(`the working directory '${workdir}' is invalid, it needs to be an absolute path`);
  return {
    kind: 'run',
    source: c.source,
    image,
    rm: c.has('--rm'),
    env,
    command,
    interactive: i && t,
    ...(entrypoint !== undefined && { entrypoint }),
    ...(user !== undefined && { user }),
    ...(workdir !== undefined && { workdir }),
  };
}
