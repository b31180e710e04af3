/**
 * `npx tsx --conditions=react-server scripts/parser-differential.ts [git-rev]`:
 * builds every Dockerfile of the parser's differential corpus on the sandbox
 * engine and counts how many a parser reads differently from the engine —
 * today's, or (with a git revision) the lib/dockerfile of that revision, e.g.
 * the parser before the fix of issue 10. Prints the names of the cases that differ.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDockerfile } from '../lib/dockerfile';
import { CORPUS_CONTEXT_FILES, engineCorpus } from '../lib/dockerfile/engine-corpus';
import { compareWithEngine, predictEngineSteps } from '../lib/dockerfile/engine-steps';
import type { ParsedDockerfile } from '../lib/dockerfile/parse';
import { docker } from '../server/sandbox/docker';
import { probeCorpus } from '../server/sandbox/probe-corpus';

const rev = process.argv[2];
let parse = (text: string): ParsedDockerfile => readDockerfile(text).parsed;
if (rev) {
  // Check out that revision's lib/dockerfile into a temporary folder and load its parser.
  const dir = mkdtempSync(path.join(tmpdir(), 'old-parser-'));
  const files = execFileSync('git', ['ls-tree', '--name-only', `${rev}:lib/dockerfile`], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts'));
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(dir, file), execFileSync('git', ['show', `${rev}:lib/dockerfile/${file}`]));
  const old = (await import(path.join(dir, 'parse.ts'))) as { parseDockerfile(text: string): ParsedDockerfile };
  // The old parser knew heredoc names only: give the typed layer empty bodies.
  parse = (text) => {
    const parsed = old.parseDockerfile(text);
    for (const i of parsed.instructions) {
      i.heredocs = [];
      i.emptyContinuationLines ??= [];
    }
    return parsed;
  };
}

const cases = engineCorpus();
const reports = await probeCorpus(docker(), cases, CORPUS_CONTEXT_FILES);
// An empty file's message comes from the typed layer, not the parser: read it from the text.
const read = (text: string) => (rev && text !== '' ? readDockerfile(parse(text)) : readDockerfile(text));
const differing = cases.filter((c) => compareWithEngine(predictEngineSteps(read(c.dockerfile)), reports.get(c.name)!).length > 0);
console.log(
  `${cases.length} cases, ${differing.length} read differently from the engine by ${rev ? `the parser of ${rev}` : "today's parser"}`,
);
for (const c of differing) console.log(`  - ${c.name}`);
