/**
 * Recognises package-installing commands in a RUN: which tool, and which of
 * its words are package names (flags and the values of flags that take one
 * are skipped). Shared by the rules about caches, sorting and layer order.
 */
import type { Word } from './shell';

export type Tool = 'apt' | 'pip' | 'apk' | 'npm' | 'yarn' | 'other-deps';

export type Install = {
  tool: Tool;
  /** The whole command's words. */
  words: Word[];
  /** Index of the subcommand word (`install`, `add`, …). */
  sub: number;
  packages: Word[];
};

const VALUE_FLAGS: Record<string, Set<string>> = {
  apt: new Set(['-o', '-t', '--target-release', '-c', '--config-file']),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-t',
    '--target',
    '-i',
    '--index-url',
    '--extra-index-url',
    '--prefix',
    '--root',
    '-f',
    '--find-links',
    '--platform',
    '--python-version',
    '--src',
    '--log',
    '--cache-dir',
    '--trusted-host',
    '--upgrade-strategy',
  ]),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p']),
};

const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);
// Wrappers that leave the command after them intact.
const PREFIXES = new Set(['sudo', 'command', 'exec', 'nice', 'time', 'env']);

/** Drops `VAR=value` assignments and wrappers in front of the real command. */
function realCommand(words: Word[]): Word[] {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text) || PREFIXES.has(basename(words[i].text)))) i++;
  return words.slice(i);
}

function firstNonFlag(words: Word[], from: number): number {
  let i = from;
  while (i < words.length && words[i].text.startsWith('-')) i++;
  return i;
}

function packagesAfter(words: Word[], sub: number, valueFlags: Set<string> | undefined): Word[] {
  const packages: Word[] = [];
  for (let i = sub + 1; i < words.length; i++) {
    const text = words[i].text;
    if (text.startsWith('-')) {
      if (valueFlags?.has(text)) i++;
      continue;
    }
    packages.push(words[i]);
  }
  return packages;
}

export function findInstall(command: Word[]): Install | undefined {
  const words = realCommand(command);
  if (words.length === 0) return undefined;
  const name = basename(words[0].text);
  const result = (tool: Tool, sub: number, flagTool?: string): Install => ({
    tool,
    words,
    sub,
    packages: packagesAfter(words, sub, flagTool ? VALUE_FLAGS[flagTool] : undefined),
  });

  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    const sub = firstNonFlag(words, 1);
    return words[sub]?.text === 'install' ? result('apt', sub, 'apt') : undefined;
  }
  let pipAt = -1;
  if (/^pip[0-9.]*$/.test(name)) pipAt = 0;
  else if (/^python[0-9.]*$/.test(name) && words[1]?.text === '-m' && /^pip[0-9.]*$/.test(words[2]?.text ?? '')) pipAt = 2;
  if (pipAt >= 0) {
    const sub = firstNonFlag(words, pipAt + 1);
    return words[sub]?.text === 'install' ? result('pip', sub, 'pip') : undefined;
  }
  if (name === 'apk') {
    const sub = firstNonFlag(words, 1);
    return words[sub]?.text === 'add' ? result('apk', sub, 'apk') : undefined;
  }
  if (name === 'npm' || name === 'pnpm') {
    const sub = firstNonFlag(words, 1);
    return ['install', 'i', 'ci', 'add'].includes(words[sub]?.text ?? '') ? result('npm', sub) : undefined;
  }
  if (name === 'yarn') {
    const sub = firstNonFlag(words, 1);
    return sub >= words.length || ['install', 'add'].includes(words[sub].text)
      ? result('yarn', Math.min(sub, words.length - 1))
      : undefined;
  }
  if ((name === 'bundle' || name === 'poetry' || name === 'composer' || name === 'pipenv') && words[1]?.text === 'install') {
    return result('other-deps', 1);
  }
  if (name === 'go' && words[1]?.text === 'mod' && words[2]?.text === 'download') return result('other-deps', 2);
  return undefined;
}
