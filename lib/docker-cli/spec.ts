/**
 * The docker CLI subset Layerlab understands, as data: each command with its
 * flags. The parser reads flags from here and tab completion offers them, so
 * the two can never disagree.
 */

export type FlagSpec = {
  /** Every spelling, short first: `['-t', '--tag']`. */
  names: string[];
  /** Takes a value (`-t NAME`), else a switch. */
  value: boolean;
  help: string;
};

export type CommandName = 'build' | 'run' | 'images' | 'history' | 'inspect' | 'rmi' | 'ps' | 'stop' | 'logs';

export type CommandSpec = { name: CommandName; usage: string; help: string; flags: FlagSpec[] };

const flag = (names: string[], value: boolean, help: string): FlagSpec => ({ names, value, help });
const format = flag(['--format'], true, "Format output using a Go template ('{{json .}}', '{{.ID}}')");
const quiet = flag(['-q', '--quiet'], false, 'Only show IDs');
const noTrunc = flag(['--no-trunc'], false, "Don't truncate output");

export const COMMANDS: CommandSpec[] = [
  {
    name: 'build',
    usage: 'docker build [OPTIONS] .',
    help: "Build an image from the editor's files",
    flags: [
      flag(['-t', '--tag'], true, 'Name and optionally a tag (name:tag)'),
      flag(['--build-arg'], true, 'Set a build-time variable (KEY=value)'),
      flag(['--target'], true, 'Set the target build stage to build'),
      flag(['--no-cache'], false, 'Do not use cache when building the image'),
      flag(['-f', '--file'], true, "Name of the Dockerfile (one of the editor's files)"),
    ],
  },
  {
    name: 'run',
    usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    help: 'Create and run a new container from an image',
    flags: [
      flag(['-e', '--env'], true, 'Set environment variables (KEY=value)'),
      flag(['--rm'], false, 'Automatically remove the container when it exits (always the case here)'),
      flag(['-i', '--interactive'], false, 'Keep STDIN open (with -t: an interactive shell)'),
      flag(['-t', '--tty'], false, 'Allocate a pseudo-TTY'),
      flag(['--entrypoint'], true, 'Overwrite the default ENTRYPOINT of the image'),
      flag(['-u', '--user'], true, 'Username or UID (format: <name|uid>[:<group|gid>])'),
      flag(['-w', '--workdir'], true, 'Working directory inside the container'),
    ],
  },
  {
    name: 'images',
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    help: 'List images',
    flags: [flag(['-a', '--all'], false, 'Show all images'), quiet, noTrunc, format],
  },
  { name: 'history', usage: 'docker history [OPTIONS] IMAGE', help: 'Show the history of an image', flags: [quiet, noTrunc, format] },
  {
    name: 'inspect',
    usage: 'docker inspect [OPTIONS] IMAGE [IMAGE...]',
    help: 'Return low-level information on images',
    flags: [flag(['-f', '--format'], true, 'Format output using a Go template')],
  },
  {
    name: 'rmi',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    help: 'Remove one or more images',
    flags: [flag(['-f', '--force'], false, 'Force removal of the image')],
  },
  {
    name: 'ps',
    usage: 'docker ps [OPTIONS]',
    help: 'List containers',
    flags: [flag(['-a', '--all'], false, 'Show all containers'), quiet, noTrunc, format],
  },
  { name: 'stop', usage: 'docker stop CONTAINER [CONTAINER...]', help: 'Stop one or more running containers', flags: [] },
  {
    name: 'logs',
    usage: 'docker logs [OPTIONS] CONTAINER',
    help: 'Fetch the logs of a container',
    flags: [flag(['-n', '--tail'], true, 'Number of lines to show from the end of the logs')],
  },
];

/** `docker image ls`, `docker container stop`…: the management-command spellings of the same commands. */
export const ALIASES: Record<string, Record<string, CommandName>> = {
  image: { build: 'build', ls: 'images', list: 'images', history: 'history', inspect: 'inspect', rm: 'rmi', remove: 'rmi' },
  container: { run: 'run', ls: 'ps', list: 'ps', ps: 'ps', stop: 'stop', logs: 'logs' },
};

export function commandSpec(name: CommandName): CommandSpec {
  return COMMANDS.find((c) => c.name === name)!;
}

/** What `docker` alone, `docker --help` and every refusal point to. */
export function supportedSummary(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'Usage:  docker COMMAND',
    '',
    'Commands available in this terminal:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.help}`),
    '',
    'Also: docker image ls|history|inspect|rm, docker container ls|stop|logs.',
    "Run 'docker COMMAND --help' for more information on a command.",
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const width = Math.max(0, ...spec.flags.map((f) => flagLabel(f).length)) + 2;
  return [
    `Usage:  ${spec.usage}`,
    '',
    spec.help,
    ...(spec.flags.length ? ['', 'Options:', ...spec.flags.map((f) => `  ${flagLabel(f).padEnd(width)}${f.help}`)] : []),
  ].join('\n');
}

function flagLabel(f: FlagSpec) {
  const [first, second] = f.names;
  const names = second ? `${first}, ${second}` : first.startsWith('--') ? `    ${first}` : first;
  return f.value ? `${names} value` : names;
}
