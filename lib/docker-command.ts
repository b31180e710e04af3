/**
 * Parses the `docker build` / `docker run` lines of a lesson's shell block into
 * actions the workbench can perform ("Run this"). Nothing is ever handed to a
 * shell: we understand a small, documented subset and explain everything else.
 *
 * Supported:
 *   docker build [-t NAME | --tag NAME] .       (the context is always the workbench's files)
 *   docker run [--rm] [-e K=V | --env K=V]… IMAGE [COMMAND [ARG…]]
 * Lines ending in `\` continue; blank lines, `# comments` and a leading `$ ` prompt are ignored;
 * several lines are run one after another. Quotes ('…' and "…") group words like a shell would;
 * variables, globs, pipes, redirections and `;`/`&&` are refused rather than guessed at.
 */
import { learnerTagProblem } from './image-ref';

export type BuildCommand = { kind: 'build'; tag?: string; source: string };
export type RunCommand = { kind: 'run'; image: string; rm: boolean; env: Record<string, string>; command: string[]; source: string };
export type UnsupportedCommand = { kind: 'unsupported'; source: string; reason: string };
export type DockerCommand = BuildCommand | RunCommand | UnsupportedCommand;

export function parseDockerCommands(script: string): DockerCommand[] {
  return logicalLines(script).map(parseLine);
}

/** True when a shell block holds at least one `docker build` or `docker run` line. */
export function mentionsDockerCommand(script: string): boolean {
  return logicalLines(script).some((l) => /^docker\s+(build|run)\b/.test(l));
}

function logicalLines(script: string): string[] {
  const joined = script.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function parseLine(source: string): DockerCommand {
  const unsupported = (reason: string): UnsupportedCommand => ({ kind: 'unsupported', source, reason });
  const words = tokenize(source);
  if (typeof words === 'string') return unsupported(words);
  if (words[0] !== 'docker') return unsupported('Only `docker build` and `docker run` can be run from a lesson.');
  if (words[1] === 'build') return parseBuild(words.slice(2), source, unsupported);
  if (words[1] === 'run') return parseRun(words.slice(2), source, unsupported);
  return unsupported(`\`docker ${words[1] ?? ''}\` is not available here; only \`docker build\` and \`docker run\` are.`);
}

function parseBuild(args: string[], source: string, unsupported: (r: string) => UnsupportedCommand): DockerCommand {
  let tag: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = optionValue(a, args[i + 1], ['-t', '--tag']);
    if (value) {
      if (value.value === undefined) return unsupported(`\`${a}\` needs an image name after it.`);
      if (tag !== undefined) return unsupported('Give the image one tag (`-t NAME`); several tags are not supported here.');
      const problem = learnerTagProblem(value.value);
      if (problem) return unsupported(`The image name \`${value.value}\` ${problem}.`);
      tag = value.value;
      i += value.consumed;
    } else if (a.startsWith('-')) {
      return unsupported(`The option \`${a}\` is not supported here; use \`-t NAME\` and the context \`.\`.`);
    } else if (context !== undefined) {
      return unsupported(`Unexpected \`${a}\`: \`docker build\` takes a single context.`);
    } else {
      context = a;
    }
  }
  if (context === undefined) return unsupported('`docker build` needs a build context: add `.` at the end.');
  if (context !== '.' && context !== './') {
    return unsupported(`The build context is always the workbench's files (\`.\`), not \`${context}\`.`);
  }
  return { kind: 'build', tag, source };
}

function parseRun(args: string[], source: string, unsupported: (r: string) => UnsupportedCommand): DockerCommand {
  let rm = false;
  const env: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--rm') {
      rm = true;
      continue;
    }
    const value = optionValue(a, args[i + 1], ['-e', '--env']);
    if (value) {
      if (value.value === undefined) return unsupported(`\`${a}\` needs \`KEY=value\` after it.`);
      const eq = value.value.indexOf('=');
      if (eq <= 0) return unsupported(`Write the variable as \`KEY=value\` (\`${value.value}\` would copy it from your own machine).`);
      const key = value.value.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return unsupported(`\`${key}\` is not a valid variable name.`);
      env[key] = value.value.slice(eq + 1);
      i += value.consumed;
      continue;
    }
    if (a.startsWith('-')) {
      const hint = /^-(i|t|it|ti)$|^--(interactive|tty)$/.test(a) ? ' Containers here cannot take keyboard input.' : '';
      return unsupported(`The option \`${a}\` is not supported here; only \`--rm\` and \`-e KEY=value\` are.${hint}`);
    }
    const problem = learnerTagProblem(a);
    if (problem) return unsupported(`The image name \`${a}\` ${problem}.`);
    return { kind: 'run', image: a, rm, env, command: args.slice(i + 1), source };
  }
  return unsupported('`docker run` needs the name of an image to run.');
}

/** `-t x`, `-tx`, `-t=x`, `--tag x`, `--tag=x` → the value and how many extra words it used. */
function optionValue(arg: string, next: string | undefined, names: string[]) {
  for (const name of names) {
    if (arg === name) return { value: next, consumed: 1 };
    if (arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1), consumed: 0 };
    if (!name.startsWith('--') && arg.startsWith(name) && arg.length > name.length) return { value: arg.slice(name.length), consumed: 0 };
  }
  return undefined;
}

/** Splits a line into words like a shell would for plain quoting; returns a reason string for anything it will not interpret. */
export function tokenize(line: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return 'A quote is not closed.';
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) word += line[++j];
        else if (line[j] === '$' || line[j] === '`') return 'Variables and command substitution (`$…`, backticks) are not run here.';
        else word += line[j];
      }
      if (j >= line.length) return 'A quote is not closed.';
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '$' || ch === '`') {
      return 'Variables and command substitution (`$…`, backticks) are not run here.';
    } else if (';&|<>()'.includes(ch)) {
      return 'Pipes, redirections and command chains (`|`, `>`, `;`, `&&`) are not run here; put one command per line.';
    } else if ('*?[]{}~'.includes(ch)) {
      return `The shell pattern \`${ch}\` is not expanded here; write the value out (or quote it).`;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
