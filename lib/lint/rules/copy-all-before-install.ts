/**
 * `COPY . .` puts every source file into the cache key of all later steps: a
 * one-character code change then reinstalls every dependency. Copy only the
 * dependency manifest first, install, then copy the rest.
 */
import { splitWords } from '@/lib/dockerfile';
import type { Instruction } from '@/lib/dockerfile';
import type { RuleDef, Finding } from '../rule';
import { findInstall } from '../installers';

function copiesWholeContext(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (instruction.flags.some((flag) => flag.name.toLowerCase() === 'from')) return false;
  const words = instruction.json.kind === 'json' ? instruction.json.values : splitWords(instruction.args).map((w) => w.word);
  return words.slice(0, -1).some((source) => source === '.' || source === './' || source === '*' || source === './*');
}

/** `pip install .` / `pip install -e .` installs the project itself, which needs its code. */
const installsOnlyProject = (packages: string[]) => packages.length > 0 && packages.every((name) => name === '.' || name === './');

export const copyAllBeforeInstall: RuleDef = {
  id: 'copy-all-before-install',
  title: 'Whole build context copied before installing dependencies',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      let copyAll: Instruction | undefined;
      for (const instruction of stage.body) {
        if (!copyAll && copiesWholeContext(instruction)) copyAll = instruction;
        if (!copyAll || instruction.keyword !== 'RUN') continue;
        const install = ctx
          .commands(instruction)
          .commands.map(findInstall)
          .find(
            (found) => found && found.tool !== 'apt' && found.tool !== 'apk' && !installsOnlyProject(found.packages.map((w) => w.text)),
          );
        if (!install) continue;
        out.push({
          line: copyAll.line,
          ...(copyAll.endLine > copyAll.line && { endLine: copyAll.endLine }),
          message: `This copies the whole build context before the dependencies are installed (line ${instruction.line}), so any code change reinstalls them. Copy only the dependency files (e.g. requirements.txt) first, install, then copy the rest.`,
        });
        break;
      }
    }
    return out;
  },
};
