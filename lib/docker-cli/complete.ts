/**
 * Tab completion for the terminal's `docker` prompt, from the same spec the
 * parser reads: command names, their flags, and the learner's own image and
 * container names where a command expects one.
 */
import { ALIASES, commandSpec, COMMANDS, type CommandName } from './spec';

export type Completion = {
  /** The word being completed (the text after the last space). */
  word: string;
  /** Full words that fit, sorted. */
  candidates: string[];
};

export type CompletionSources = { images: string[]; containers: string[] };

const TAKES_IMAGE: CommandName[] = ['run', 'history', 'inspect', 'rmi', 'images'];
const TAKES_CONTAINER: CommandName[] = ['stop', 'logs'];

export function complete(line: string, sources: CompletionSources): Completion {
  const lead = line.replace(/^\s+/, '');
  const parts = lead.split(/\s+/);
  const word = parts.pop() ?? '';
  const fits = (all: Iterable<string>) => [...new Set(all)].filter((c) => c.startsWith(word)).sort();
  if (parts.length === 0) return { word, candidates: fits(['docker']) };
  if (parts[0] !== 'docker') return { word, candidates: [] };
  if (parts.length === 1) return { word, candidates: fits([...COMMANDS.map((c) => c.name), ...Object.keys(ALIASES)]) };
  let name: CommandName | undefined;
  let args: string[];
  const management = ALIASES[parts[1]];
  if (management) {
    if (parts.length === 2) return { word, candidates: fits(Object.keys(management)) };
    name = management[parts[2]];
    args = parts.slice(3);
  } else {
    name = COMMANDS.find((c) => c.name === parts[1])?.name;
    args = parts.slice(2);
  }
  if (!name) return { word, candidates: [] };
  const spec = commandSpec(name);
  if (word.startsWith('-'))
    return { word, candidates: fits(spec.flags.flatMap((f) => f.names).filter((n) => n.startsWith('--') || word.length <= 2)) };
  const prev = args.at(-1);
  const prevFlag = prev === undefined ? undefined : spec.flags.find((f) => f.names.includes(prev));
  if (prevFlag?.value) return { word, candidates: [] };
  // `run` takes one image; what follows it is the container's command.
  if (name === 'run' && positionalCount(args, spec.flags) >= 1) return { word, candidates: [] };
  if (TAKES_IMAGE.includes(name)) return { word, candidates: fits(sources.images) };
  if (TAKES_CONTAINER.includes(name)) return { word, candidates: fits(sources.containers) };
  return { word, candidates: [] };
}

function positionalCount(args: string[], flags: { names: string[]; value: boolean }[]) {
  let n = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      const f = flags.find((x) => x.names.includes(a));
      if (f?.value && !a.includes('=')) i++;
    } else n++;
  }
  return n;
}

/** The longest text every candidate starts with (what one Tab inserts when there are several). */
export function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}
